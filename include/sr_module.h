/* sipbridge module SDK: the module interface (OpenSIPS 1.11, source compatible).
 *
 * A module defines `struct module_exports exports = {...}` and starts its source with
 * MODULE_VERSION in that initializer. The core dlopen()s the module, reads `exports`,
 * compares version and compile flags with its own, then calls, in order:
 *   modparam handlers -> init_f (load order) -> fixups per call site ->
 *   init_child_f(rank) once per worker thread (ranks 1..N) and once with PROC_MAIN ->
 *   functions, response_f -> free_fixup per call site -> destroy_f (newest module first).
 * Unless the configuration declares a module thread-safe, the core never runs its code
 * on two threads at once. */
#ifndef SB_SDK_SR_MODULE_H
#define SB_SDK_SR_MODULE_H

#include <dlfcn.h>

#include "parser/msg_parser.h"
#include "statistics.h"
#include "mi/mi.h"
#include "pvar.h"
#include "version.h"
#include "route.h"
#include "dprint.h"
#include "error.h"
#include "mem/mem.h"

/* Called with the message and up to six parameters; unused ones are NULL.
 * Returns >0 true, <0 false, 0 stops the script (like exit). */
typedef int (*cmd_function)(struct sip_msg *, char *, char *, char *, char *, char *, char *);
/* Replaces *param (a pkg_malloc'd copy of the script's string) with whatever the function
 * wants at run time; called with (NULL, 0) for a function without parameters. */
typedef int (*fixup_function)(void **param, int param_no);
typedef int (*free_fixup_function)(void **param, int param_no);
typedef int (*response_function)(struct sip_msg *);
typedef void (*destroy_function)(void);
typedef int (*init_function)(void);
typedef int (*child_init_function)(int rank);
typedef struct module_exports *(*module_register)(void);

#define STR_PARAM      (1U << 0)
#define INT_PARAM      (1U << 1)
#define USE_FUNC_PARAM (1U << (8 * sizeof(int) - 1))
#define PARAM_TYPE_MASK(_x) ((_x) & (~USE_FUNC_PARAM))

typedef unsigned int modparam_t;
/* For USE_FUNC_PARAM: val is a char* (STR_PARAM) or the int itself cast to void*
 * (INT_PARAM). A negative return refuses the value. */
typedef int (*param_func_t)(modparam_t type, void *val);

typedef void (*mod_proc)(int no);
typedef int (*mod_proc_wrapper)(void);

/* Ranks passed to init_child_f. */
#define PROC_MAIN      0   /* once, on the main thread, after the workers started */
#define PROC_TIMER    -1
#define PROC_MODULE   -2
#define PROC_TCP_MAIN -4
#define PROC_BIN      -8

/* 0 asks the core to open the module with its default flags (RTLD_NOW). Any other value
 * makes the core reopen the module with exactly these flags. */
#define DEFAULT_DLFLAGS 0
#define OPENSIPS_DLFLAGS RTLD_NOW

#define MODULE_VERSION OPENSIPS_FULL_VERSION, OPENSIPS_COMPILE_FLAGS

#define PROC_FLAG_INITCHILD (1 << 0)

struct cmd_export_ {
	char *name;                     /* function name in the script */
	cmd_function function;
	int param_no;                   /* 0..6; the same name may exist with other counts */
	fixup_function fixup;           /* may be NULL */
	free_fixup_function free_fixup; /* may be NULL */
	int flags;                      /* route types allowed; 0 = only for find_export */
};

struct param_export_ {
	char *name;
	modparam_t type;                /* STR_PARAM or INT_PARAM, maybe | USE_FUNC_PARAM */
	void *param_pointer;            /* char** / int* / param_func_t */
};

struct proc_export_ {
	char *name;
	mod_proc_wrapper pre_fork_function;
	mod_proc_wrapper post_fork_function;
	mod_proc function;
	unsigned int no;
	unsigned int flags;
};

typedef struct cmd_export_ cmd_export_t;
typedef struct param_export_ param_export_t;
typedef struct proc_export_ proc_export_t;

struct module_exports {
	char *name;                     /* module name: modparam and find_mod_export use it */
	char *version;                  /* MODULE_VERSION supplies version ... */
	char *compile_flags;            /* ... and compile flags */
	unsigned int dlflags;           /* DEFAULT_DLFLAGS or dlopen flags */
	cmd_export_t *cmds;             /* NULL-name terminated */
	param_export_t *params;         /* NULL-name terminated */
	stat_export_t *stats;           /* NULL-name terminated */
	mi_export_t *mi_cmds;           /* NULL-name terminated */
	pv_export_t *items;             /* empty-name terminated */
	proc_export_t *procs;           /* NULL-name terminated */
	init_function init_f;
	response_function response_f;
	destroy_function destroy_f;
	child_init_function init_child_f;
};

/* Inter-module and Java APIs: the same lookup the script uses (name, exact param_no,
 * flags all allowed by the export), newest module first. Java functions and APIs that Java
 * implements (load_sl...) are found the same way. NULL when absent. */
cmd_function find_export(char *name, int param_no, int flags);
cmd_function find_mod_export(char *mod, char *name, int param_no, int flags);
cmd_export_t *find_cmd_export_t(char *name, int param_no, int flags);
void *find_param_export(char *mod, char *name, modparam_t type);
/* 1 when a module of that name is loaded (C or Java), else 0. */
int module_loaded(char *name);

#endif
