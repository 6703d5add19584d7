/* sipbridge module SDK: script variable values and lists (OpenSIPS 1.11 script_var.h).
 *
 * Modules use these for values and lists of their own (cfgutils' $shv keeps a
 * script_val_t, its lists are freed with destroy_vars_list). The list functions keep one
 * core list of named values, in pkg memory, shared by every thread (add_var takes a lock;
 * a value is set by whoever holds the variable, as in one OpenSIPS process). The
 * script's own $var(...) variables live in the Java script engine, not in that list:
 * modules reach them through pseudo-variables (pv_get_spec_value / pv_set_value). */
#ifndef SB_SDK_SCRIPT_VAR_H
#define SB_SDK_SCRIPT_VAR_H

#include "str.h"
#include "usr_avp.h"

#define VAR_VAL_STR  (1 << 0)   /* value.s holds the value; else value.n */
#define VAR_VAL_NULL (1 << 1)   /* no value */

typedef struct script_val {
	int flags;
	int_str value;
} script_val_t, *script_val_p;

typedef struct script_var {
	str name;
	script_val_t v;
	struct script_var *next;
} script_var_t, *script_var_p;

/* The variable called name in the core list, added (null) when new; NULL on no memory. */
script_var_t *add_var(str *name);
/* Sets var's value (a pkg copy of a string; value NULL or VAR_VAL_NULL in flags: null);
 * var, or NULL on no memory (the value is then null). */
script_var_t *set_var_value(script_var_t *var, int_str *value, int flags);
script_var_t *get_var_by_name(str *name);
/* Every variable of the core list back to null / the list freed. */
void reset_vars(void);
void destroy_vars(void);
/* Frees a list of variables (names, string values, records: all pkg). */
void destroy_vars_list(script_var_t *svl);

#endif
