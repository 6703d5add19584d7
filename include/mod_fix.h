/* sipbridge module SDK: generic fixups for function parameters (OpenSIPS 1.11).
 *
 * Each fixup receives the pkg_malloc'd string the core passed and replaces *param with
 * its run-time form; the matching fixup_free_* undoes it (the core calls free_fixup at
 * shutdown). Ownership of the original string passes to the fixup: it keeps or frees it. */
#ifndef SB_SDK_MOD_FIX_H
#define SB_SDK_MOD_FIX_H

#include <regex.h>
#include "str.h"
#include "pvar.h"

struct sip_msg;

#define GPARAM_TYPE_INT   0
#define GPARAM_TYPE_STR   1
#define GPARAM_TYPE_PVS   2
#define GPARAM_TYPE_PVE   3
#define GPARAM_TYPE_FLAGS 4
#define GPARAM_TYPE_REGEX 5

#define GPARAM_INT_VALUE_FLAG (1U << 0)
#define GPARAM_STR_VALUE_FLAG (1U << 1)

/* A parameter that is a constant int or string, one pseudo-variable, or a format. */
typedef struct _gparam {
	int type;
	union {
		int ival;
		str sval;
		pv_spec_t *pvs;
		pv_elem_t *pve;
		regex_t *re;
	} v;
} gparam_t, *gparam_p;

/* char* -> str* (the str points at the original string, which it keeps). */
int fixup_str(void **param);
int fixup_str_null(void **param, int param_no);
int fixup_str_str(void **param, int param_no);
int fixup_free_str_null(void **param, int param_no);
int fixup_free_str_str(void **param, int param_no);

/* char* -> the number itself stored in the pointer (string freed). */
int fixup_uint(void **param);
int fixup_sint(void **param);
int fixup_uint_null(void **param, int param_no);
int fixup_uint_uint(void **param, int param_no);
int fixup_sint_null(void **param, int param_no);
int fixup_sint_sint(void **param, int param_no);

/* char* -> regex_t* (REG_EXTENDED|REG_ICASE|REG_NEWLINE, or without REG_NEWLINE). */
int fixup_regexp_null(void **param, int param_no);
int fixup_regexpNL_null(void **param, int param_no);
int fixup_regexp_none(void **param, int param_no);
int fixup_regexpNL_none(void **param, int param_no);
int fixup_free_regexp_null(void **param, int param_no);
int fixup_free_regexp_none(void **param, int param_no);

/* char* -> pv_spec_t* (one pseudo-variable). */
int fixup_pvar(void **param);
int fixup_pvar_null(void **param, int param_no);
int fixup_pvar_pvar(void **param, int param_no);
int fixup_pvar_str(void **param, int param_no);
int fixup_pvar_str_str(void **param, int param_no);
int fixup_free_pvar_null(void **param, int param_no);
int fixup_free_pvar_pvar(void **param, int param_no);
int fixup_free_pvar_str(void **param, int param_no);
int fixup_free_pvar_str_str(void **param, int param_no);

/* char* -> gparam_t* holding a string, or a format when it contains pseudo-variables. */
int fixup_spve(void **param);
int fixup_spve_null(void **param, int param_no);
int fixup_spve_spve(void **param, int param_no);
int fixup_spve_uint(void **param, int param_no);
int fixup_free_spve_null(void **param, int param_no);
int fixup_free_spve_spve(void **param, int param_no);

/* char* -> gparam_t* holding an int, or a pseudo-variable. */
int fixup_igp(void **param);
int fixup_igp_null(void **param, int param_no);
int fixup_igp_igp(void **param, int param_no);
int fixup_igp_igp_igp(void **param, int param_no);

/* char* -> gparam_t* holding a string or a pseudo-variable. */
int fixup_sgp(void **param);
int fixup_sgp_null(void **param, int param_no);
int fixup_sgp_sgp(void **param, int param_no);

void fixup_free_gparam(gparam_p gp);

/* Run-time values of a gparam on a message. 0 on success, <0 on error. */
int fixup_get_svalue(struct sip_msg *msg, gparam_p gp, str *val);
int fixup_get_ivalue(struct sip_msg *msg, gparam_p gp, int *val);
int fixup_get_isvalue(struct sip_msg *msg, gparam_p gp, int *i_val, str *s_val,
		unsigned int *flags);

#endif
