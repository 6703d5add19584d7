/* Generic fixups (mod_fix.h). Each takes the pkg string the core passed in *param and
 * replaces it; the fixup_free_* functions release exactly what the fixup made, including
 * the original string when the fixed form kept it. */
#include <stdlib.h>
#include <string.h>
#include "sb_core.h"

/* char* -> str* pointing at the same (kept) characters. */
int fixup_str(void **param)
{
	str *s = pkg_malloc(sizeof(*s));
	if (s == NULL) {
		LM_ERR("no more pkg memory\n");
		return E_OUT_OF_MEM;
	}
	s->s = (char *)*param;
	s->len = (int)strlen(s->s);
	*param = s;
	return 0;
}

static void free_str(void **param)
{
	str *s = *param;
	if (s) {
		pkg_free(s->s);
		pkg_free(s);
		*param = NULL;
	}
}

int fixup_str_null(void **param, int param_no) { return param_no == 1 ? fixup_str(param) : 0; }
int fixup_str_str(void **param, int param_no) { return (param_no == 1 || param_no == 2) ? fixup_str(param) : 0; }
int fixup_free_str_null(void **param, int param_no) { if (param_no == 1) free_str(param); return 0; }
int fixup_free_str_str(void **param, int param_no) { if (param_no == 1 || param_no == 2) free_str(param); return 0; }

/* char* -> number in the pointer; the string is freed. */
static int to_number(void **param, int allow_sign)
{
	str s;
	unsigned int u;
	int i;
	s.s = (char *)*param;
	s.len = (int)strlen(s.s);
	if (allow_sign ? str2sint(&s, &i) < 0 : str2int(&s, &u) < 0) {
		LM_ERR("bad number <%s>\n", s.s);
		return E_CFG;
	}
	pkg_free(*param);
	*param = allow_sign ? (void *)(long)i : (void *)(unsigned long)u;
	return 0;
}

int fixup_uint(void **param) { return to_number(param, 0); }
int fixup_sint(void **param) { return to_number(param, 1); }
int fixup_uint_null(void **param, int param_no) { return param_no == 1 ? fixup_uint(param) : 0; }
int fixup_uint_uint(void **param, int param_no) { return (param_no == 1 || param_no == 2) ? fixup_uint(param) : 0; }
int fixup_sint_null(void **param, int param_no) { return param_no == 1 ? fixup_sint(param) : 0; }
int fixup_sint_sint(void **param, int param_no) { return (param_no == 1 || param_no == 2) ? fixup_sint(param) : 0; }

/* char* -> regex_t*. */
static int to_regex(void **param, int cflags)
{
	regex_t *re = pkg_malloc(sizeof(*re));
	int rc;
	if (re == NULL) {
		LM_ERR("no more pkg memory\n");
		return E_OUT_OF_MEM;
	}
	if ((rc = regcomp(re, (char *)*param, cflags)) != 0) {
		char err[128];
		regerror(rc, re, err, sizeof(err));
		LM_ERR("bad regular expression <%s>: %s\n", (char *)*param, err);
		pkg_free(re);
		return E_BAD_RE;
	}
	pkg_free(*param);
	*param = re;
	return 0;
}

static void free_regex(void **param)
{
	if (*param) {
		regfree((regex_t *)*param);
		pkg_free(*param);
		*param = NULL;
	}
}

#define RE_FLAGS (REG_EXTENDED | REG_ICASE | REG_NEWLINE)
int fixup_regexp_null(void **param, int param_no) { return param_no == 1 ? to_regex(param, RE_FLAGS) : 0; }
int fixup_regexpNL_null(void **param, int param_no) { return param_no == 1 ? to_regex(param, REG_EXTENDED | REG_ICASE) : 0; }
int fixup_regexp_none(void **param, int param_no) { return param_no == 1 ? to_regex(param, RE_FLAGS) : 0; }
int fixup_regexpNL_none(void **param, int param_no) { return param_no == 1 ? to_regex(param, REG_EXTENDED | REG_ICASE) : 0; }
int fixup_free_regexp_null(void **param, int param_no) { if (param_no == 1) free_regex(param); return 0; }
int fixup_free_regexp_none(void **param, int param_no) { if (param_no == 1) free_regex(param); return 0; }

/* A spec a fixup refuses: released first when pv_parse_spec compiled it (the script
 * engine holds what it compiled until then), then freed. */
static void drop_spec(pv_spec_t *sp, int parsed)
{
	if (sp != NULL && parsed)
		pv_spec_free(sp);
	else
		pkg_free(sp);
}

/* char* -> pv_spec_t* (one pseudo-variable, nothing around it). */
int fixup_pvar(void **param)
{
	pv_spec_t *sp;
	str s;
	char *end;
	s.s = (char *)*param;
	s.len = (int)strlen(s.s);
	if ((sp = pkg_malloc(sizeof(*sp))) == NULL) {
		LM_ERR("no more pkg memory\n");
		return E_OUT_OF_MEM;
	}
	end = pv_parse_spec(&s, sp);
	if (end == NULL || end != s.s + s.len) {
		LM_ERR("bad pseudo-variable <%s>\n", s.s);
		drop_spec(sp, end != NULL);
		return E_CFG;
	}
	pkg_free(*param);
	*param = sp;
	return 0;
}

static void free_pvar(void **param)
{
	if (*param) {
		pv_spec_free((pv_spec_t *)*param);
		*param = NULL;
	}
}

int fixup_pvar_null(void **param, int param_no) { return param_no == 1 ? fixup_pvar(param) : 0; }
int fixup_pvar_pvar(void **param, int param_no) { return (param_no == 1 || param_no == 2) ? fixup_pvar(param) : 0; }
int fixup_pvar_str(void **param, int param_no)
{
	return param_no == 1 ? fixup_pvar(param) : param_no == 2 ? fixup_str(param) : 0;
}
int fixup_pvar_str_str(void **param, int param_no)
{
	return param_no == 1 ? fixup_pvar(param) : (param_no == 2 || param_no == 3) ? fixup_str(param) : 0;
}
int fixup_free_pvar_null(void **param, int param_no) { if (param_no == 1) free_pvar(param); return 0; }
int fixup_free_pvar_pvar(void **param, int param_no) { if (param_no == 1 || param_no == 2) free_pvar(param); return 0; }
int fixup_free_pvar_str(void **param, int param_no)
{
	if (param_no == 1) free_pvar(param);
	else if (param_no == 2) free_str(param);
	return 0;
}
int fixup_free_pvar_str_str(void **param, int param_no)
{
	if (param_no == 1) free_pvar(param);
	else if (param_no == 2 || param_no == 3) free_str(param);
	return 0;
}

/* gparam_t: a constant (kept string / int) or a PV format / single spec. */
static gparam_p new_gparam(void)
{
	gparam_p gp = pkg_malloc(sizeof(*gp));
	if (gp)
		memset(gp, 0, sizeof(*gp));
	else
		LM_ERR("no more pkg memory\n");
	return gp;
}

/* A string with pseudo-variables becomes a format (GPARAM_TYPE_PVE); a plain one stays a
 * string (GPARAM_TYPE_STR, keeping the original characters). */
int fixup_spve(void **param)
{
	gparam_p gp;
	str s;
	s.s = (char *)*param;
	s.len = (int)strlen(s.s);
	if ((gp = new_gparam()) == NULL)
		return E_OUT_OF_MEM;
	if (strchr(s.s, PV_MARKER) != NULL) {
		if (pv_parse_format(&s, &gp->v.pve) < 0) {
			LM_ERR("bad format <%s>\n", s.s);
			pkg_free(gp);
			return E_CFG;
		}
		gp->type = GPARAM_TYPE_PVE;
		pkg_free(*param);
	} else {
		gp->type = GPARAM_TYPE_STR;
		gp->v.sval = s;
	}
	*param = gp;
	return 0;
}

/* gp becomes GPARAM_TYPE_PVS holding the single pseudo-variable that is all of s. */
static int single_pv(gparam_p gp, str *s)
{
	char *end = NULL;
	if ((gp->v.pvs = pkg_malloc(sizeof(pv_spec_t))) == NULL ||
			(end = pv_parse_spec(s, gp->v.pvs)) != s->s + s->len) {
		LM_ERR("bad pseudo-variable <%s>\n", s->s);
		drop_spec(gp->v.pvs, end != NULL);
		gp->v.pvs = NULL;
		return E_CFG;
	}
	gp->type = GPARAM_TYPE_PVS;
	return 0;
}

/* An integer constant (GPARAM_TYPE_INT) or a single pseudo-variable (GPARAM_TYPE_PVS). */
int fixup_igp(void **param)
{
	gparam_p gp;
	str s;
	s.s = (char *)*param;
	s.len = (int)strlen(s.s);
	if ((gp = new_gparam()) == NULL)
		return E_OUT_OF_MEM;
	if (s.s[0] == PV_MARKER) {
		if (single_pv(gp, &s) < 0) {
			pkg_free(gp);
			return E_CFG;
		}
	} else {
		if (str2sint(&s, &gp->v.ival) < 0) {
			LM_ERR("<%s> is neither an integer nor a pseudo-variable\n", s.s);
			pkg_free(gp);
			return E_CFG;
		}
		gp->type = GPARAM_TYPE_INT;
	}
	pkg_free(*param);
	*param = gp;
	return 0;
}

/* A string constant (GPARAM_TYPE_STR, keeping the string) or a single pseudo-variable. */
int fixup_sgp(void **param)
{
	gparam_p gp;
	str s;
	s.s = (char *)*param;
	s.len = (int)strlen(s.s);
	if ((gp = new_gparam()) == NULL)
		return E_OUT_OF_MEM;
	if (s.s[0] == PV_MARKER) {
		if (single_pv(gp, &s) < 0) {
			pkg_free(gp);
			return E_CFG;
		}
		pkg_free(*param);
	} else {
		gp->type = GPARAM_TYPE_STR;
		gp->v.sval = s;
	}
	*param = gp;
	return 0;
}

void fixup_free_gparam(gparam_p gp)
{
	if (gp == NULL)
		return;
	switch (gp->type) {
	case GPARAM_TYPE_STR:
		pkg_free(gp->v.sval.s);
		break;
	case GPARAM_TYPE_PVS:
		pv_spec_free(gp->v.pvs);
		break;
	case GPARAM_TYPE_PVE:
		pv_elem_free_all(gp->v.pve);
		break;
	case GPARAM_TYPE_REGEX:
		if (gp->v.re) {
			regfree(gp->v.re);
			pkg_free(gp->v.re);
		}
		break;
	default:
		break;
	}
	pkg_free(gp);
}

static void free_gp(void **param)
{
	fixup_free_gparam((gparam_p)*param);
	*param = NULL;
}

int fixup_spve_null(void **param, int param_no) { return param_no == 1 ? fixup_spve(param) : 0; }
int fixup_spve_spve(void **param, int param_no) { return (param_no == 1 || param_no == 2) ? fixup_spve(param) : 0; }
int fixup_spve_uint(void **param, int param_no)
{
	return param_no == 1 ? fixup_spve(param) : param_no == 2 ? fixup_uint(param) : 0;
}
int fixup_free_spve_null(void **param, int param_no) { if (param_no == 1) free_gp(param); return 0; }
int fixup_free_spve_spve(void **param, int param_no) { if (param_no == 1 || param_no == 2) free_gp(param); return 0; }
int fixup_igp_null(void **param, int param_no) { return param_no == 1 ? fixup_igp(param) : 0; }
int fixup_igp_igp(void **param, int param_no) { return (param_no == 1 || param_no == 2) ? fixup_igp(param) : 0; }
int fixup_igp_igp_igp(void **param, int param_no) { return (param_no >= 1 && param_no <= 3) ? fixup_igp(param) : 0; }
int fixup_sgp_null(void **param, int param_no) { return param_no == 1 ? fixup_sgp(param) : 0; }
int fixup_sgp_sgp(void **param, int param_no) { return (param_no == 1 || param_no == 2) ? fixup_sgp(param) : 0; }

int fixup_get_svalue(struct sip_msg *msg, gparam_p gp, str *val)
{
	pv_value_t v;
	if (gp == NULL || val == NULL)
		return -1;
	switch (gp->type) {
	case GPARAM_TYPE_STR:
		*val = gp->v.sval;
		return 0;
	case GPARAM_TYPE_PVE:
		return pv_printf_s(msg, gp->v.pve, val) < 0 ? -1 : 0;
	case GPARAM_TYPE_PVS:
		if (pv_get_spec_value(msg, gp->v.pvs, &v) != 0 || !(v.flags & PV_VAL_STR))
			return -1;
		*val = v.rs;
		return 0;
	default:
		return -1;
	}
}

int fixup_get_ivalue(struct sip_msg *msg, gparam_p gp, int *val)
{
	pv_value_t v;
	if (gp == NULL || val == NULL)
		return -1;
	switch (gp->type) {
	case GPARAM_TYPE_INT:
		*val = gp->v.ival;
		return 0;
	case GPARAM_TYPE_PVS:
		if (pv_get_spec_value(msg, gp->v.pvs, &v) != 0)
			return -1;
		if (v.flags & PV_VAL_INT) {
			*val = v.ri;
			return 0;
		}
		return (v.flags & PV_VAL_STR) && str2sint(&v.rs, val) == 0 ? 0 : -1;
	default:
		return -1;
	}
}

int fixup_get_isvalue(struct sip_msg *msg, gparam_p gp, int *i_val, str *s_val,
		unsigned int *flags)
{
	pv_value_t v;
	*flags = 0;
	switch (gp->type) {
	case GPARAM_TYPE_INT:
		*i_val = gp->v.ival;
		*flags = GPARAM_INT_VALUE_FLAG;
		return 0;
	case GPARAM_TYPE_STR:
		*s_val = gp->v.sval;
		*flags = GPARAM_STR_VALUE_FLAG;
		return 0;
	case GPARAM_TYPE_PVE:
		if (pv_printf_s(msg, gp->v.pve, s_val) < 0)
			return -1;
		*flags = GPARAM_STR_VALUE_FLAG;
		return 0;
	case GPARAM_TYPE_PVS:
		if (pv_get_spec_value(msg, gp->v.pvs, &v) != 0)
			return -1;
		if (v.flags & PV_VAL_INT) {
			*i_val = v.ri;
			*flags |= GPARAM_INT_VALUE_FLAG;
		}
		if (v.flags & PV_VAL_STR) {
			*s_val = v.rs;
			*flags |= GPARAM_STR_VALUE_FLAG;
		}
		return *flags ? 0 : -1;
	default:
		return -1;
	}
}

/* 1 when free_fixup is one of the generic fixup_free_* above and leaves parameter
 * param_no alone (its fixup left it alone too): the core may then free that parameter's
 * copy itself. 0 for any other function (the core cannot know what it frees). */
int sb_free_fixup_leaves(void *free_fixup, int param_no)
{
	static const struct {
		free_fixup_function fn;
		int last;   /* handles parameters 1..last */
	} generic[] = {
		{ fixup_free_str_null, 1 }, { fixup_free_str_str, 2 },
		{ fixup_free_regexp_null, 1 }, { fixup_free_regexp_none, 1 },
		{ fixup_free_pvar_null, 1 }, { fixup_free_pvar_pvar, 2 },
		{ fixup_free_pvar_str, 2 }, { fixup_free_pvar_str_str, 3 },
		{ fixup_free_spve_null, 1 }, { fixup_free_spve_spve, 2 },
	};
	size_t i;
	for (i = 0; i < sizeof(generic) / sizeof(generic[0]); i++)
		if ((void *)generic[i].fn == free_fixup)
			return param_no > generic[i].last;
	return 0;
}
