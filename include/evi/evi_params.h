/* sipbridge module SDK: event parameters (OpenSIPS 1.11 evi/evi_params.h).
 * A list is pkg memory of the thread that builds it; evi_raise_event frees it when its
 * flags hold EVI_FREE_LIST, otherwise the caller frees it with evi_free_params. Names
 * and string values are copied into the list. */
#ifndef SB_SDK_EVI_PARAMS_H
#define SB_SDK_EVI_PARAMS_H

#include "../str.h"

#define EVI_INT_VAL   0x01
#define EVI_STR_VAL   0x02
#define EVI_FREE_LIST (1 << 31)

typedef struct evi_param_ {
	int flags;
	union {
		int n;
		str s;
	} val;
	str name;
	struct evi_param_ *next;
} evi_param_t, *evi_param_p;

typedef struct evi_params_ {
	int flags;
	evi_param_p first;
	evi_param_p last;
} evi_params_t, *evi_params_p;

evi_params_p evi_get_params(void);
void evi_free_params(evi_params_p);
/* param is an int* (EVI_INT_VAL) or a str* (EVI_STR_VAL). 0, or -1. */
int evi_param_add(evi_params_p list, str *name, void *param, int flags);
#define evi_param_add_int(p_list, p_name, p_int) evi_param_add(p_list, p_name, p_int, EVI_INT_VAL)
#define evi_param_add_str(p_list, p_name, p_str) evi_param_add(p_list, p_name, p_str, EVI_STR_VAL)

evi_param_p evi_param_create(evi_params_p list, str *name);
int evi_param_set(evi_param_p element, void *param, int flags);
#define evi_param_set_int(p_el, p_int) evi_param_set(p_el, p_int, EVI_INT_VAL)
#define evi_param_set_str(p_el, p_str) evi_param_set(p_el, p_str, EVI_STR_VAL)

#endif
