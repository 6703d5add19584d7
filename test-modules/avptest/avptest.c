/* AVPs from C over the script's $avp store, module pseudo-variables and dynamic
 * statistics, as cfgutils/statistics/exec-style modules use them:
 *   avp_add_c(name, text) / avp_add_int(name, n)   add_avp (newest first)
 *   avp_check(name, text)                          the newest value is text
 *   avp_del(name, text)                            destroy_avp of the value text
 *   avp_name_ok(name)                              get_avp_name of a search result
 *   avp_spec_ok(name)                              pv_get_avp_name($avp(name)) == get_avp_id
 *   stat_bump(name) / stat_is(name, n)             register_dynamic_stat, update_stat
 * items: $avpt_count(name) (values of $avp(name)), $avpt_var (a writable module global). */
#include <stdlib.h>
#include <string.h>
#include "../../sr_module.h"
#include "../../usr_avp.h"
#include "../../pvar.h"
#include "../../statistics.h"
#include "../../mem/mem.h"
#include "../../script_var.h"

static char var_buf[128];
static int var_len = -1;

static int id_of(char *name)
{
	str s;
	s.s = name;
	s.len = strlen(name);
	return get_avp_id(&s);
}

static int avp_add_c(struct sip_msg *msg, char *name, char *text)
{
	int_str v;
	v.s.s = text;
	v.s.len = strlen(text);
	return add_avp(AVP_VAL_STR, id_of(name), v) == 0 ? 1 : -1;
}

static int avp_add_int(struct sip_msg *msg, char *name, char *n)
{
	int_str v;
	v.n = atoi(n);
	return add_avp(0, id_of(name), v) == 0 ? 1 : -1;
}

static int avp_check(struct sip_msg *msg, char *name, char *text)
{
	int_str v;
	struct usr_avp *a = search_first_avp(0, id_of(name), &v, NULL);
	if (a == NULL || !(a->flags & AVP_VAL_STR))
		return -1;
	return v.s.len == (int)strlen(text) && memcmp(v.s.s, text, v.s.len) == 0 ? 1 : -1;
}

static int avp_del(struct sip_msg *msg, char *name, char *text)
{
	int_str v;
	int id = id_of(name);
	struct usr_avp *a, *next;
	for (a = search_first_avp(0, id, &v, NULL); a; a = next) {
		int match = (a->flags & AVP_VAL_STR) && v.s.len == (int)strlen(text) &&
			memcmp(v.s.s, text, v.s.len) == 0;
		next = search_next_avp(a, &v);
		if (match) {
			destroy_avp(a);
			return 1;
		}
	}
	return -1;
}

static int avp_name_ok(struct sip_msg *msg, char *name)
{
	struct usr_avp *a = search_first_avp(0, id_of(name), NULL, NULL);
	str *n = a ? get_avp_name(a) : NULL;
	return n && n->len == (int)strlen(name) && memcmp(n->s, name, n->len) == 0 ? 1 : -1;
}

static int avp_spec_ok(struct sip_msg *msg, char *name)
{
	char text[128];
	str in;
	pv_spec_t sp;
	int id = -1, ok;
	unsigned short type;
	snprintf(text, sizeof(text), "$avp(%s)", name);
	in.s = text;
	in.len = strlen(text);
	memset(&sp, 0, sizeof(sp));
	if (pv_parse_spec(&in, &sp) == NULL)
		return -1;
	ok = pv_get_avp_name(msg, &sp.pvp, &id, &type) == 0 && id == id_of(name);
	pv_spec_free(&sp);
	return ok ? 1 : -1;
}

static int stat_bump(struct sip_msg *msg, char *name)
{
	str s;
	stat_var *v = NULL;
	s.s = name;
	s.len = strlen(name);
	if (register_dynamic_stat(&s, &v) != 0 || v == NULL)
		return -1;
	update_stat(v, 1);
	return 1;
}

static int stat_is(struct sip_msg *msg, char *name, char *n)
{
	str s;
	stat_var *v;
	s.s = name;
	s.len = strlen(name);
	v = get_stat(&s);
	return v && get_stat_val(v) == (unsigned long)atol(n) ? 1 : -1;
}

/* script_var.h: the core list and a list of the module's own. */
static int sv_check(struct sip_msg *msg)
{
	str n = {"sv_x", 4}, other = {"sv_none", 7};
	int_str v;
	script_var_t *a, *own;
	a = add_var(&n);
	if (a == NULL || add_var(&n) != a || get_var_by_name(&n) != a || get_var_by_name(&other))
		return -1;
	v.s.s = "hello";
	v.s.len = 5;
	if (set_var_value(a, &v, VAR_VAL_STR) != a || !(a->v.flags & VAR_VAL_STR) ||
			a->v.value.s.len != 5 || strcmp(a->v.value.s.s, "hello") != 0)
		return -2;
	v = a->v.value;   /* its own value again: must survive */
	if (set_var_value(a, &v, VAR_VAL_STR) != a || strcmp(a->v.value.s.s, "hello") != 0)
		return -3;
	v.n = 7;
	if (set_var_value(a, &v, 0) != a || a->v.flags != 0 || a->v.value.n != 7)
		return -4;
	set_var_value(a, NULL, 0);
	if (!(a->v.flags & VAR_VAL_NULL))
		return -5;
	own = pkg_malloc(sizeof(*own));
	memset(own, 0, sizeof(*own));
	own->name.s = pkg_malloc(4);
	memcpy(own->name.s, "own", 4);
	own->name.len = 3;
	v.s.s = "value";
	v.s.len = 5;
	set_var_value(own, &v, VAR_VAL_STR);
	destroy_vars_list(own);
	return 1;
}

/* $avpt_count(name) */
static int parse_count_name(pv_spec_p sp, str *in)
{
	if (in == NULL || in->len <= 0)
		return -1;
	sp->pvp.pvn.type = PV_NAME_INTSTR;
	sp->pvp.pvn.u.isname.type = 0;
	sp->pvp.pvn.u.isname.name.n = get_avp_id(in);
	return sp->pvp.pvn.u.isname.name.n < 0 ? -1 : 0;
}

static int get_count(struct sip_msg *msg, pv_param_t *p, pv_value_t *res)
{
	int n = 0;
	struct usr_avp *a;
	for (a = search_first_avp(0, p->pvn.u.isname.name.n, NULL, NULL); a; a = search_next_avp(a, NULL))
		n++;
	res->ri = n;
	res->flags = PV_VAL_INT | PV_TYPE_INT;
	return 0;
}

static int get_var(struct sip_msg *msg, pv_param_t *p, pv_value_t *res)
{
	if (var_len < 0)
		return pv_get_null(msg, p, res);
	res->rs.s = var_buf;
	res->rs.len = var_len;
	res->flags = PV_VAL_STR;
	return 0;
}

static int set_var(struct sip_msg *msg, pv_param_t *p, int op, pv_value_t *val)
{
	if (val == NULL || (val->flags & PV_VAL_NULL)) {
		var_len = -1;
		return 0;
	}
	if (!(val->flags & PV_VAL_STR) || val->rs.len >= (int)sizeof(var_buf))
		return -1;
	memcpy(var_buf, val->rs.s, val->rs.len);
	var_len = val->rs.len;
	return 0;
}

static pv_export_t items[] = {
	{{"avpt_count", 10}, PVT_OTHER, get_count, 0, parse_count_name, 0, 0, 0},
	{{"avpt_var", 8}, PVT_OTHER, get_var, set_var, 0, 0, 0, 0},
	{{0, 0}, 0, 0, 0, 0, 0, 0, 0}
};

static cmd_export_t cmds[] = {
	{"avp_add_c", (cmd_function)avp_add_c, 2, 0, 0, ALL_ROUTES},
	{"avp_add_int", (cmd_function)avp_add_int, 2, 0, 0, ALL_ROUTES},
	{"avp_check", (cmd_function)avp_check, 2, 0, 0, ALL_ROUTES},
	{"avp_del", (cmd_function)avp_del, 2, 0, 0, ALL_ROUTES},
	{"avp_name_ok", (cmd_function)avp_name_ok, 1, 0, 0, ALL_ROUTES},
	{"avp_spec_ok", (cmd_function)avp_spec_ok, 1, 0, 0, ALL_ROUTES},
	{"stat_bump", (cmd_function)stat_bump, 1, 0, 0, ALL_ROUTES},
	{"sv_check", (cmd_function)sv_check, 0, 0, 0, ALL_ROUTES},
	{"stat_is", (cmd_function)stat_is, 2, 0, 0, ALL_ROUTES},
	{0, 0, 0, 0, 0, 0}
};

struct module_exports exports = {
	"avptest", MODULE_VERSION, DEFAULT_DLFLAGS,
	cmds, 0, 0, 0, items, 0, 0, 0, 0, 0
};
