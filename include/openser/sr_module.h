/* sipbridge module SDK: the OpenSER 1.1 module interface (the older template).
 * Shares its include guard with the main sr_module.h: a module uses one or the other. */
#ifndef SB_SDK_SR_MODULE_H
#define SB_SDK_SR_MODULE_H
#define SB_SDK_DIALECT_OPENSER 1

#include <dlfcn.h>

#include "parser/msg_parser.h"
#include "statistics.h"
#include "version.h"
#include "dprint.h"
#include "mem/mem.h"
#include "../route.h"
#include "../error.h"

/* Called with the message and two parameters. >0 true, <0 false, 0 stops the script. */
typedef int (*cmd_function)(struct sip_msg *, char *, char *);
typedef int (*fixup_function)(void **param, int param_no);
typedef int (*response_function)(struct sip_msg *);
typedef void (*destroy_function)(void);
typedef int (*init_function)(void);
typedef int (*child_init_function)(int rank);

#define STR_PARAM      (1U << 0)
#define INT_PARAM      (1U << 1)
#define USE_FUNC_PARAM (1U << (8 * sizeof(int) - 1))
#define PARAM_TYPE_MASK(_x) ((_x) & (~USE_FUNC_PARAM))

typedef unsigned int modparam_t;
typedef int (*param_func_t)(modparam_t type, void *val);

#define PROC_MAIN      0
#define PROC_TIMER    -1
#define PROC_FIFO     -2
#define PROC_TCP_MAIN -4
#define PROC_UNIXSOCK -5

#define DEFAULT_DLFLAGS 0

/* Defines the two globals the loader reads by symbol. */
#define MODULE_VERSION \
	char *module_version = OPENSER_FULL_VERSION; \
	char *module_flags = OPENSER_COMPILE_FLAGS;

struct cmd_export_ {
	char *name;
	cmd_function function;
	int param_no;           /* 0..2 */
	fixup_function fixup;
	int flags;              /* route types allowed */
};

struct param_export_ {
	char *name;
	modparam_t type;
	void *param_pointer;
};

typedef struct cmd_export_ cmd_export_t;
typedef struct param_export_ param_export_t;

struct module_exports {
	char *name;
	cmd_export_t *cmds;
	param_export_t *params;
	stat_export_t *stats;
	init_function init_f;
	response_function response_f;
	destroy_function destroy_f;
	child_init_function init_child_f;
};

cmd_function find_export(char *name, int param_no, int flags);
cmd_function find_mod_export(char *mod, char *name, int param_no, int flags);
void *find_param_export(char *mod, char *name, modparam_t type);
int module_loaded(char *name);

#endif
