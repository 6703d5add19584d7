/*
 * pvtest: a module that uses the core's pseudo-variable API the way OpenSIPS modules do,
 * so the tests can prove C reads and writes the script's values.
 *
 *   pvtest_set(pvar, value)  fixup_pvar + fixup_spve: value (text with pseudo-variables)
 *                            assigned to the writable pseudo-variable with pv_set_value
 *   pvtest_get(pvar)         pv_get_spec_value, logged as "get <flags> <int> [<string>]"
 *   pvtest_log(text)         fixup_spve + fixup_get_svalue, logged as "log [<text>]"
 *   pvtest_int(value)        fixup_igp + fixup_get_ivalue: returns the value (a constant
 *                            or a pseudo-variable holding a number)
 */
#include <string.h>

#include "../../sr_module.h"
#include "../../dprint.h"
#include "../../mod_fix.h"
#include "../../pvar.h"

static int set_fixup(void **param, int param_no);
static int set_free(void **param, int param_no);
static int pvtest_set(struct sip_msg *msg, char *pvar, char *value);
static int pvtest_get(struct sip_msg *msg, char *pvar, char *unused);
static int pvtest_log(struct sip_msg *msg, char *text, char *unused);
static int pvtest_int(struct sip_msg *msg, char *value, char *unused);

static cmd_export_t cmds[] = {
	{"pvtest_set", (cmd_function)pvtest_set, 2, set_fixup, set_free, ALL_ROUTES},
	{"pvtest_get", (cmd_function)pvtest_get, 1, fixup_pvar_null, fixup_free_pvar_null, ALL_ROUTES},
	{"pvtest_log", (cmd_function)pvtest_log, 1, fixup_spve_null, fixup_free_spve_null, ALL_ROUTES},
	{"pvtest_int", (cmd_function)pvtest_int, 1, fixup_igp_null, 0, ALL_ROUTES},
	{0, 0, 0, 0, 0, 0}
};

struct module_exports exports = {
	"pvtest",
	MODULE_VERSION,
	DEFAULT_DLFLAGS,
	cmds,
	0, 0, 0, 0, 0,
	0, 0, 0, 0
};

static int set_fixup(void **param, int param_no)
{
	if (param_no == 1) {
		if (fixup_pvar(param) != 0)
			return E_CFG;
		if (!pv_is_w((pv_spec_t *)*param)) {
			LM_ERR("the first parameter must be a writable pseudo-variable\n");
			return E_CFG;
		}
		return 0;
	}
	return fixup_spve(param);
}

static int set_free(void **param, int param_no)
{
	return param_no == 1 ? fixup_free_pvar_null(param, 1) : fixup_free_spve_spve(param, 2);
}

static int pvtest_set(struct sip_msg *msg, char *pvar, char *value)
{
	pv_value_t v;
	str s;

	if (fixup_get_svalue(msg, (gparam_p)value, &s) != 0)
		return -1;
	memset(&v, 0, sizeof(v));
	v.rs = s;
	v.flags = PV_VAL_STR;
	return pv_set_value(msg, (pv_spec_t *)pvar, EQ_T, &v) == 0 ? 1 : -1;
}

static int pvtest_get(struct sip_msg *msg, char *pvar, char *unused)
{
	pv_value_t v;

	if (pv_get_spec_value(msg, (pv_spec_t *)pvar, &v) != 0)
		return -1;
	LM_INFO("get %d %d [%.*s]\n", v.flags, v.ri, (v.flags & PV_VAL_STR) ? v.rs.len : 0,
			(v.flags & PV_VAL_STR) ? v.rs.s : "");
	return 1;
}

static int pvtest_log(struct sip_msg *msg, char *text, char *unused)
{
	str s;

	if (fixup_get_svalue(msg, (gparam_p)text, &s) != 0)
		return -1;
	LM_INFO("log [%.*s]\n", s.len, s.s);
	return 1;
}

static int pvtest_int(struct sip_msg *msg, char *value, char *unused)
{
	int i;

	if (fixup_get_ivalue(msg, (gparam_p)value, &i) != 0)
		return -1;
	return i;
}
