/* pvar.h helpers for the items of module_exports (tm's $bavp(name)[i], its "request" and
 * "reply" contexts): name and index parsers, the index of a spec, pv contexts. A static
 * name is turned into the AVP id once, at parse time; an index that is itself a
 * pseudo-variable is kept as a pkg spec and evaluated at run time. */
#include <string.h>
#include "sb_core.h"

/* A pkg spec for text starting with '$', or NULL with an LM_ERR. */
static pv_spec_p parse_nested(str *in, const char *what)
{
	pv_spec_p nsp = pkg_malloc(sizeof(*nsp));
	if (nsp == NULL) {
		LM_ERR("no pkg memory for a %s spec\n", what);
		return NULL;
	}
	memset(nsp, 0, sizeof(*nsp));
	if (pv_parse_spec(in, nsp) == NULL) {
		LM_ERR("invalid %s <%.*s>\n", what, in->len, in->s);
		pkg_free(nsp);
		return NULL;
	}
	return nsp;
}

int pv_parse_avp_name(pv_spec_p sp, str *in)
{
	int id;
	if (sp == NULL || in == NULL || in->s == NULL || in->len <= 0) {
		LM_ERR("no spec or empty AVP name\n");
		return -1;
	}
	if (in->s[0] == PV_MARKER) {
		/* a PV_NAME_PVAR name is a Java handle in sipbridge (pv_get_avp_name reads it
		 * as one), so a name computed at run time cannot be told apart: refused */
		LM_ERR("AVP name <%.*s>: names given by a pseudo-variable are not supported\n",
				in->len, in->s);
		return -1;
	}
	if (parse_avp_spec(in, &id) != 0) {
		LM_ERR("bad AVP name <%.*s>\n", in->len, in->s);
		return -1;
	}
	sp->pvp.pvn.type = PV_NAME_INTSTR;
	sp->pvp.pvn.u.isname.type = 0;
	sp->pvp.pvn.u.isname.name.n = id;
	return 0;
}

int pv_parse_index(pv_spec_p sp, str *in)
{
	const char *p, *end;
	int sign = 1, v = 0;
	if (sp == NULL || in == NULL || in->s == NULL || in->len <= 0) {
		LM_ERR("no spec or empty index\n");
		return -1;
	}
	if (in->s[0] == PV_MARKER) {
		pv_spec_p nsp = parse_nested(in, "index");
		if (nsp == NULL)
			return -1;
		sp->pvp.pvi.type = PV_IDX_PVAR;
		sp->pvp.pvi.u.dval = nsp;
		return 0;
	}
	if (in->len == 1 && in->s[0] == '*') {
		sp->pvp.pvi.type = PV_IDX_ALL;
		return 0;
	}
	p = in->s;
	end = in->s + in->len;
	if (*p == '-') {
		sign = -1;
		p++;
	}
	if (p == end) {
		LM_ERR("invalid index <%.*s>\n", in->len, in->s);
		return -1;
	}
	for (; p < end; p++) {
		if (*p < '0' || *p > '9' || v > 100000000) {
			LM_ERR("invalid index <%.*s>\n", in->len, in->s);
			return -1;
		}
		v = v * 10 + (*p - '0');
	}
	sp->pvp.pvi.type = PV_IDX_INT;
	sp->pvp.pvi.u.ival = sign * v;
	return 0;
}

int pv_get_spec_index(struct sip_msg *msg, pv_param_p ip, int *idx, int *flags)
{
	pv_value_t v;
	if (ip == NULL || idx == NULL || flags == NULL) {
		LM_ERR("no spec or no result place\n");
		return -1;
	}
	*idx = 0;
	*flags = 0;
	switch (ip->pvi.type) {
	case PV_IDX_ALL:
		*flags = PV_IDX_ALL;
		return 0;
	case PV_IDX_INT:
		*idx = ip->pvi.u.ival;
		return 0;
	case PV_IDX_PVAR:
		if (pv_get_spec_value(msg, (pv_spec_p)ip->pvi.u.dval, &v) != 0) {
			LM_ERR("cannot evaluate the index\n");
			return -1;
		}
		if (!(v.flags & PV_VAL_INT)) {
			LM_ERR("the index is not an integer\n");
			return -1;
		}
		*idx = v.ri;
		return 0;
	default:
		LM_ERR("unknown index type %d\n", ip->pvi.type);
		return -1;
	}
}

/* Registered contexts ($(<name>pv) in the script: tm's "request" and "reply"). Written
 * from mod_init only (one thread, before any worker runs), read by the workers. */
#define PV_CONTEXTS 16
static struct {
	char name[32];
	pv_contextf_t f;
	int module;          /* the registering module: its function runs under its lock */
} contexts[PV_CONTEXTS];
static int n_contexts;

/* Java: the index of a registered context, -1 when no module registered that name. */
SB_JAVA_API int sb_pv_context_index(const char *name)
{
	int i;
	for (i = 0; name != NULL && i < n_contexts; i++)
		if (strcmp(contexts[i].name, name) == 0)
			return i;
	return -1;
}

/* Java: the message context i gives for msg (tm: the transaction's request, or the reply
 * of its picked branch), run under the registering module's lock and globals; NULL when it
 * has none (no transaction, or a reply tm made up itself: FAKED_REPLY, (void *)-1). */
SB_JAVA_API struct sip_msg *sb_pv_context_msg(int i, struct sip_msg *msg)
{
	struct sip_msg *r;
	struct sb_module *m;
	struct sb_entry e = { sb_current_module, NULL };
	if (i < 0 || i >= n_contexts || contexts[i].f == NULL) {
		LM_ERR("no pv context %d\n", i);
		return NULL;
	}
	m = sb_module_at(contexts[i].module);
	if (m != NULL && sb_enter_bounded(m, &e) != 0) {
		LM_ERR("pv context <%s>: module %s is busy\n", contexts[i].name, m->name);
		return NULL;
	}
	r = contexts[i].f(msg);
	if (m != NULL)
		sb_leave(e);
	return r == (struct sip_msg *)-1 ? NULL : r;
}

int register_pv_context(char *name, pv_contextf_t get_context)
{
	size_t len;
	int i;
	if (name == NULL || get_context == NULL || (len = strlen(name)) == 0
			|| len >= sizeof(contexts[0].name)) {
		LM_ERR("bad pv context name or function\n");
		return -1;
	}
	/* a name registered again (the module loaded by the next server in this process)
	 * takes the new function */
	for (i = 0; i < n_contexts; i++) {
		if (strcmp(contexts[i].name, name) == 0) {
			contexts[i].f = get_context;
			contexts[i].module = sb_current_module;
			return 0;
		}
	}
	if (n_contexts == PV_CONTEXTS) {
		LM_ERR("too many pv contexts (%d)\n", PV_CONTEXTS);
		return -1;
	}
	memcpy(contexts[n_contexts].name, name, len + 1);
	contexts[n_contexts].f = get_context;
	contexts[n_contexts].module = sb_current_module;
	n_contexts++;
	LM_DBG("pv context <%s> registered\n", name);
	return 0;
}
