/* The shapes 1.11 modules read in a parsed spec (avpops, dialplan, uac...):
 *   ps_kind(spec, kind)        pv_parse_spec(spec).type is the 1.11 kind named here
 *                              ("RURI", "RURI_USERNAME", "FROM", "OURI", "OTHER"...)
 *   ps_static_avp(spec, value) an $avp(name) with a literal name: pv_has_iname, not
 *                              pv_has_dname, the id pv_get_avp_name and
 *                              pv_get_spec_name give is get_avp_id(name), script flags
 *                              a module ORs into isname.type come back from
 *                              pv_get_avp_name, and the spec still reads value
 *   ps_value(spec, value)      pv_get_spec_value(spec) is value
 *   ps_new_avp()               new_avp refuses (NULL) */
#include <stdlib.h>
#include <string.h>
#include "../../sr_module.h"
#include "../../usr_avp.h"
#include "../../pvar.h"
#include "../../dprint.h"

static const struct { const char *name; int type; } kinds[] = {
	{"RURI", PVT_RURI}, {"RURI_USERNAME", PVT_RURI_USERNAME}, {"RURI_DOMAIN", PVT_RURI_DOMAIN},
	{"FROM", PVT_FROM}, {"FROM_USERNAME", PVT_FROM_USERNAME}, {"FROM_DOMAIN", PVT_FROM_DOMAIN},
	{"TO", PVT_TO}, {"TO_USERNAME", PVT_TO_USERNAME}, {"TO_DOMAIN", PVT_TO_DOMAIN},
	{"OURI", PVT_OURI}, {"DSTURI", PVT_DSTURI}, {"PROTO", PVT_PROTO}, {"SRCIP", PVT_SRCIP},
	{"HDR", PVT_HDR}, {"AVP", PVT_AVP}, {"SCRIPTVAR", PVT_SCRIPTVAR}, {"CALLID", PVT_CALLID},
	{"OTHER", PVT_OTHER},
};

static int parse(char *text, pv_spec_t *sp)
{
	str s = {text, (int)strlen(text)};
	char *end = pv_parse_spec(&s, sp);
	return end != NULL && *end == '\0' ? 0 : -1;
}

static int ps_kind(struct sip_msg *msg, char *spec, char *kind)
{
	pv_spec_t sp;
	size_t i;
	int r = -1;
	if (parse(spec, &sp) < 0)
		return -1;
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kinds[i].name, kind) == 0 && (int)sp.type == kinds[i].type)
			r = 1;
	if (r < 0)
		LM_ERR("%s: type %d, not %s\n", spec, (int)sp.type, kind);
	pv_spec_free(memcpy(pkg_malloc(sizeof(sp)), &sp, sizeof(sp)));
	return r;
}

static int same_value(struct sip_msg *msg, pv_spec_t *sp, char *value)
{
	pv_value_t v;
	if (pv_get_spec_value(msg, sp, &v) != 0 || !(v.flags & PV_VAL_STR))
		return 0;
	return v.rs.len == (int)strlen(value) && memcmp(v.rs.s, value, v.rs.len) == 0;
}

static int ps_static_avp(struct sip_msg *msg, char *spec, char *value)
{
	pv_spec_t sp;
	pv_value_t name;
	int id = -1, ok;
	unsigned short type = 0;
	str inner;
	char *open = strchr(spec, '('), *close = strchr(spec, ')');

	if (parse(spec, &sp) < 0 || open == NULL || close == NULL)
		return -1;
	inner.s = open + 1;
	inner.len = (int)(close - open - 1);
	ok = sp.type == PVT_AVP && pv_has_iname(&sp) && !pv_has_dname(&sp) && !pv_has_sname(&sp);
	ok = ok && pv_get_avp_name(msg, &sp.pvp, &id, &type) == 0 && id == get_avp_id(&inner) && type == 0;
	ok = ok && pv_get_spec_name(msg, &sp.pvp, &name) == 0 && (name.flags & PV_VAL_INT) &&
		name.ri == id;
	/* avpops keeps script flags in isname.type */
	sp.pvp.pvn.u.isname.type |= (3 << 8);
	ok = ok && pv_get_avp_name(msg, &sp.pvp, &id, &type) == 0 && type == (3 << 8);
	sp.pvp.pvn.u.isname.type &= ~AVP_SCRIPT_MASK;
	ok = ok && same_value(msg, &sp, value);
	pv_spec_free(memcpy(pkg_malloc(sizeof(sp)), &sp, sizeof(sp)));
	return ok ? 1 : -1;
}

static int ps_value(struct sip_msg *msg, char *spec, char *value)
{
	pv_spec_t sp;
	int ok;
	if (parse(spec, &sp) < 0)
		return -1;
	ok = same_value(msg, &sp, value);
	pv_spec_free(memcpy(pkg_malloc(sizeof(sp)), &sp, sizeof(sp)));
	return ok ? 1 : -1;
}

static int ps_new_avp(struct sip_msg *msg, char *a, char *b)
{
	int_str v;
	v.n = 1;
	return new_avp(0, 1, v) == NULL ? 1 : -1;
}

static cmd_export_t cmds[] = {
	{"ps_kind", (cmd_function)ps_kind, 2, 0, 0, ALL_ROUTES},
	{"ps_static_avp", (cmd_function)ps_static_avp, 2, 0, 0, ALL_ROUTES},
	{"ps_value", (cmd_function)ps_value, 2, 0, 0, ALL_ROUTES},
	{"ps_new_avp", (cmd_function)ps_new_avp, 0, 0, 0, ALL_ROUTES},
	{0, 0, 0, 0, 0, 0}
};

struct module_exports exports = {
	"pvspec", MODULE_VERSION, DEFAULT_DLFLAGS,
	cmds, 0, 0, 0, 0, 0, 0, 0, 0, 0
};
