/* sipbridge module SDK: script variable values (OpenSIPS 1.11 script_var.h types).
 *
 * Modules use these types for values of their own (cfgutils' $shv keeps a script_val_t).
 * The script's own $var(...) variables live in the Java script engine; modules reach
 * them through pseudo-variables (pv_get_spec_value / pv_set_value). The 1.11 core list
 * functions (add_var, set_var_value, get_var_by_name...) are therefore not provided. */
#ifndef SB_SDK_SCRIPT_VAR_H
#define SB_SDK_SCRIPT_VAR_H

#include "str.h"
#include "usr_avp.h"

#define VAR_VAL_STR (1 << 0)   /* value.s holds the value; else value.n */

typedef struct script_val {
	int flags;
	int_str value;
} script_val_t, *script_val_p;

typedef struct script_var {
	str name;
	script_val_t v;
	struct script_var *next;
} script_var_t, *script_var_p;

#endif
