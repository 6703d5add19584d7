/* Pseudo-variables modules export (module_exports.items), used by the script and by other
 * modules through the Java PV engine: Java finds the export by name, and this file
 * prepares a pv_spec_t for one spelling ($name, $name(inner), $name(inner)[index]) with
 * the module's parse_name/parse_index/init_param, then reads and writes it with the
 * module's getf/setf. Every call into the module holds its lock (and its globals).
 * Ownership: a prepared spec and its copy of the name text are core memory, freed by
 * sb_modpv_free when the script closes (or never, for specs made by pv_parse_spec from C
 * at run time, which live as long as the script). */
#include <stdlib.h>
#include <string.h>
#include "sb_core.h"
#include "msg/sb_slot.h"

struct sb_modpv {
	int module;
	pv_export_t *e;
	pv_spec_t spec;
	char *inner;      /* the text parse_name saw: modules may keep pointers into it */
	char *index;
};

static struct sb_module *enter_module(int index, struct sb_entry *e)
{
	struct sb_module *m = sb_module_at(index);
	if (m)
		*e = sb_enter(m);
	return m;
}

static char *dup_text(const char *s, int len)
{
	char *c = malloc(len + 1);
	if (c) {
		memcpy(c, s, len);
		c[len] = 0;
	}
	return c;
}

SB_JAVA_API void sb_modpv_free(struct sb_modpv *p)
{
	if (p == NULL)
		return;
	free(p->inner);
	free(p->index);
	free(p);
}

/* Java: the spec for export e of module, with inner name / index text (NULL: none).
 * NULL when the module refuses the name or index (it logs why) or takes none. */
SB_JAVA_API struct sb_modpv *sb_modpv_new(int module, pv_export_t *e, const char *inner,
		int inner_len, const char *index, int index_len)
{
	struct sb_modpv *p;
	struct sb_entry en;
	str in;
	int ok = 1;
	if (e == NULL || e->getf == NULL)
		return NULL;
	p = calloc(1, sizeof(*p));
	if (p == NULL)
		return NULL;
	p->module = module;
	p->e = e;
	p->spec.type = e->type;
	p->spec.getf = e->getf;
	p->spec.setf = e->setf;
	if ((inner && !(p->inner = dup_text(inner, inner_len))) ||
			(index && !(p->index = dup_text(index, index_len)))) {
		sb_modpv_free(p);
		return NULL;
	}
	if (enter_module(module, &en) == NULL) {
		sb_modpv_free(p);
		return NULL;
	}
	if (e->init_param && e->init_param(&p->spec, e->iparam) < 0)
		ok = 0;
	if (ok && p->inner) {
		in.s = p->inner;
		in.len = inner_len;
		if (e->parse_name == NULL) {
			LM_ERR("$%.*s takes no name\n", e->name.len, e->name.s);
			ok = 0;
		} else if (e->parse_name(&p->spec, &in) < 0) {
			ok = 0;
		}
	}
	if (ok && p->index) {
		in.s = p->index;
		in.len = index_len;
		if (e->parse_index == NULL) {
			LM_ERR("$%.*s takes no index\n", e->name.len, e->name.s);
			ok = 0;
		} else if (e->parse_index(&p->spec, &in) < 0) {
			ok = 0;
		}
	}
	sb_leave(en);
	if (!ok) {
		sb_modpv_free(p);
		return NULL;
	}
	return p;
}

/* Java: reads the value on msg into buf (cap bytes, NUL added); sets *len, *ival, *flags
 * (PV_VAL_*). 0, -1 on error, -(needed) when buf is too small. */
SB_JAVA_API int sb_modpv_get(struct sb_modpv *p, struct sip_msg *msg, char *buf, int cap,
		int32_t *out)
{
	struct sb_entry en;
	pv_value_t v;
	int r;
	if (p == NULL || enter_module(p->module, &en) == NULL)
		return -1;
	if (msg)
		sb_msg_ensure(msg);
	memset(&v, 0, sizeof(v));
	r = p->spec.getf(msg, &p->spec.pvp, &v);
	if (msg)
		sb_msg_uri_check(msg);
	if (r < 0) {
		sb_leave(en);
		return -1;
	}
	if ((v.flags & PV_VAL_STR) && v.rs.s && v.rs.len > 0) {
		if (v.rs.len + 1 > cap) {
			sb_leave(en);
			return -(v.rs.len + 1);
		}
		memcpy(buf, v.rs.s, v.rs.len);
		buf[v.rs.len] = 0;
		out[0] = v.rs.len;
	} else {
		out[0] = 0;
	}
	out[1] = v.ri;
	out[2] = v.flags;
	sb_leave(en);
	return 0;
}

/* Java: assigns (op EQ_T or COLONEQ_T); flags PV_VAL_NULL deletes. 0 or -1. */
SB_JAVA_API int sb_modpv_set(struct sb_modpv *p, struct sip_msg *msg, int op, char *s, int slen,
		int ival, int flags)
{
	struct sb_entry en;
	pv_value_t v;
	int r;
	if (p == NULL || p->spec.setf == NULL || enter_module(p->module, &en) == NULL)
		return -1;
	if (msg)
		sb_msg_ensure(msg);
	memset(&v, 0, sizeof(v));
	v.flags = flags;
	v.ri = ival;
	v.rs.s = s;
	v.rs.len = slen;
	r = p->spec.setf(msg, &p->spec.pvp, op, &v);   /* PV_VAL_NULL in flags: delete */
	if (msg)
		sb_msg_uri_check(msg);
	sb_leave(en);
	return r < 0 ? -1 : 0;
}
