/* sipbridge module SDK: statistics (OpenSIPS 1.11 interface).
 * The core allocates each stat_var (module statistics are registered after init_f) and
 * owns it; modules keep the pointer. Counters are updated atomically, so update_stat is
 * safe from any worker thread. Java modules' statistics live in the same registry, so
 * get_stat() finds either kind. */
#ifndef SB_SDK_STATISTICS_H
#define SB_SDK_STATISTICS_H

#include "str.h"
#include "hash_func.h"   /* 1.11's statistics.h brings core_hash to modules (cfgutils) */

#define STAT_NO_RESET (1 << 0)
#define STAT_NO_SYNC  (1 << 1)
#define STAT_SHM_NAME (1 << 2)
#define STAT_IS_FUNC  (1 << 3)

#define STATISTICS 1

typedef struct { volatile long counter; } stat_val;
typedef unsigned long (*stat_function)(void);

struct module_stats_;

typedef struct stat_var_ {
	unsigned int mod_idx;
	str name;
	int flags;
	union {
		stat_val *val;
		stat_function f;
	} u;
	struct stat_var_ *hnext;
	struct stat_var_ *lnext;
} stat_var;

typedef struct stat_export_ {
	char *name;               /* NUL-terminated statistic name */
	int flags;                /* STAT_* */
	stat_var **stat_pointer;  /* where the core stores the allocated stat_var */
} stat_export_t;

int register_stat(char *module, char *name, stat_var **pvar, int flags);
int register_module_stats(char *module, stat_export_t *stats);
stat_var *get_stat(str *name);
/* the statistic "<code>_out" (out_codes != 0) or "<code>_in", NULL when nobody
 * registered it (1.11 registers none in the core; snmpstats does) */
stat_var *get_stat_var_from_num_code(unsigned int numerical_code, int out_codes);

/* Statistics created at run time (native/stats_dynamic.c): the group of those, a
 * statistic for name (the existing one when it is there already; 0 or -1), and a shm
 * copy of a name (0 or -1). */
#define DYNAMIC_MODULE_NAME "dynamic"
int register_dynamic_stat(str *name, stat_var **pvar);
int clone_pv_stat_name(str *name, str *clone);
unsigned long get_stat_val(stat_var *var);
/* "<prefix>-<var_name>" in shm (the caller owns it), NULL on error */
char *build_stat_name(str *prefix, char *var_name);
void reset_stat(stat_var *var);

#define update_stat(_var, _n) \
	do { \
		if (!((_var)->flags & STAT_IS_FUNC)) \
			__atomic_add_fetch(&(_var)->u.val->counter, (long)(_n), __ATOMIC_RELAXED); \
	} while (0)
#define if_update_stat(_c, _var, _n) do { if (_c) update_stat(_var, _n); } while (0)
#define if_reset_stat(_c, _var) do { if (_c) reset_stat(_var); } while (0)

#endif
