/* Pseudo-variables for C modules, evaluated by the Java script engine.
 *
 * pv_parse_spec / pv_parse_format hand the text to Java, which compiles it once and
 * returns a handle; the spec stores the handle and core getf/setf functions that ask Java
 * for the value on the current message. Values are written by Java into per-thread
 * buffers owned here (a ring, see PV_VALUE_SLOTS): a value stays valid for the next
 * PV_VALUE_SLOTS - 1 evaluations on the same thread, nested ones included (one fewer
 * per evaluation still in progress on that thread).
 *
 * Without a registered engine (a C-only test), parsing fails with an error. */
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include "sb_core.h"

/* Compile a spec at the start of text; returns a handle (>0) and sets *consumed, or 0. */
typedef long (*sb_pv_parse_f)(const char *text, int len, int *consumed, int *writable);
/* Compile a format (text with embedded specs); returns a handle (>0) or 0. */
typedef long (*sb_pv_format_f)(const char *text, int len);
/* Evaluate a spec or a format handle on msg. Writes the string form into buf (cap bytes)
 * and sets *len, *ival and *flags (PV_VAL_*). Returns 0, -1 on error, or -(needed) when
 * buf is too small. */
typedef int (*sb_pv_eval_f)(long handle, struct sip_msg *msg, char *buf, int cap, int *len,
		int *ival, int *flags);
/* Assign to a writable spec: op is EQ_T/COLONEQ_T, value given as string and/or int. */
typedef int (*sb_pv_set_f)(long handle, struct sip_msg *msg, int op, const char *s, int slen,
		int ival, int flags);
typedef void (*sb_pv_release_f)(long handle);

static sb_pv_parse_f parse_cb;
static sb_pv_format_f format_cb;
static sb_pv_eval_f eval_cb;
static sb_pv_set_f set_cb;
static sb_pv_release_f release_cb;

SB_JAVA_API void sb_pv_set_callbacks(sb_pv_parse_f parse, sb_pv_format_f format,
		sb_pv_eval_f eval, sb_pv_set_f set, sb_pv_release_f release)
{
	parse_cb = parse;
	format_cb = format;
	eval_cb = eval;
	set_cb = set;
	release_cb = release;
}

/* Per-thread value buffers: a ring of PV_VALUE_SLOTS buffers, each grown on demand
 * (core memory, freed at thread exit). Every evaluation takes the next slot that is not
 * busy, so a value stays valid for the next PV_VALUE_SLOTS - 1 evaluations on the same
 * thread, one fewer per evaluation still in progress (OpenSIPS 1.11 pv_printf_s rotates through PV_PRINT_BUF_NO = 3 static buffers).
 * A slot is busy while Java writes into it: an evaluation nested inside that one (a
 * Java pseudo-variable that calls a C function that evaluates a pseudo-variable) takes
 * another slot, so the buffer Java writes into is never moved or freed under it. Only
 * the slot being (re)used is ever reallocated: its previous value is the oldest. */
#define PV_VALUE_SLOTS 8
#define PV_VALUE_MIN_CAP 4096

struct pv_value_slot {
	char *buf;
	int cap;
	int busy;
};

struct pv_value_ring {
	struct pv_value_slot slot[PV_VALUE_SLOTS];
	int next;
};

static __thread struct pv_value_ring *value_ring;
static pthread_key_t value_key;
static pthread_once_t value_once = PTHREAD_ONCE_INIT;

static void free_value_ring(void *p)
{
	struct pv_value_ring *r = p;
	int i;
	for (i = 0; i < PV_VALUE_SLOTS; i++)
		free(r->slot[i].buf);
	free(r);
}

static void make_key(void) { pthread_key_create(&value_key, free_value_ring); }

static struct pv_value_ring *ring(void)
{
	if (value_ring == NULL) {
		pthread_once(&value_once, make_key);
		if ((value_ring = calloc(1, sizeof(*value_ring))) == NULL)
			return NULL;
		pthread_setspecific(value_key, value_ring);
	}
	return value_ring;
}

/* The next slot that is not busy (its old value is the oldest), marked busy; NULL when
 * every slot is (evaluations nested PV_VALUE_SLOTS deep). */
static struct pv_value_slot *take_slot(void)
{
	struct pv_value_ring *r = ring();
	int i;
	if (r == NULL)
		return NULL;
	for (i = 0; i < PV_VALUE_SLOTS; i++) {
		struct pv_value_slot *s = &r->slot[r->next];
		r->next = (r->next + 1) % PV_VALUE_SLOTS;
		if (!s->busy) {
			s->busy = 1;
			return s;
		}
	}
	LM_ERR("pseudo-variable evaluations nested more than %d deep\n", PV_VALUE_SLOTS);
	return NULL;
}

/* Room for need bytes in a busy slot no one else references (see take_slot). */
static int grow_slot(struct pv_value_slot *s, int need)
{
	char *nb;
	int cap;
	if (need <= s->cap)
		return 0;
	cap = s->cap ? s->cap : PV_VALUE_MIN_CAP;
	while (cap < need) {
		if (cap > (1 << 29))
			return -1;
		cap *= 2;
	}
	if ((nb = realloc(s->buf, (size_t)cap)) == NULL)
		return -1;
	s->buf = nb;
	s->cap = cap;
	return 0;
}

/* Evaluate a handle into a slot of the per-thread ring. */
static int eval(long handle, struct sip_msg *msg, pv_value_t *res)
{
	int len = 0, ival = 0, flags = 0, r = -1;
	struct pv_value_slot *s;
	if (eval_cb == NULL || (s = take_slot()) == NULL)
		return -1;
	if (grow_slot(s, PV_VALUE_MIN_CAP) == 0) {
		r = eval_cb(handle, msg, s->buf, s->cap, &len, &ival, &flags);
		if (r < -1)
			r = grow_slot(s, -r) == 0 ?
				eval_cb(handle, msg, s->buf, s->cap, &len, &ival, &flags) : -1;
	}
	s->busy = 0;
	if (r < 0 || len < 0 || len >= s->cap)
		return -1;
	memset(res, 0, sizeof(*res));
	res->flags = flags;
	res->ri = ival;
	if (flags & PV_VAL_STR) {
		res->rs.s = s->buf;
		res->rs.len = len;
	}
	return 0;
}

/* Where a Java spec keeps its handle: in pvn.u.dname, except for $avp(name) with a
 * static name, whose pvn is 1.11's (PV_NAME_INTSTR, the AVP id: avpops reads it), so
 * the handle goes to pvv.s (pvv is otherwise only used by modules' own getf). */
static long spec_handle(const pv_param_t *param)
{
	return param->pvn.type == PV_NAME_PVAR ? (long)param->pvn.u.dname : (long)param->pvv.s;
}

static int java_getf(struct sip_msg *msg, pv_param_t *param, pv_value_t *res)
{
	return eval(spec_handle(param), msg, res);
}

static int java_setf(struct sip_msg *msg, pv_param_t *param, int op, pv_value_t *val)
{
	if (set_cb == NULL)
		return -1;
	if (val == NULL || (val->flags & PV_VAL_NULL))
		return set_cb(spec_handle(param), msg, op, NULL, 0, 0, PV_VAL_NULL);
	return set_cb(spec_handle(param), msg, op, val->rs.s, val->rs.len, val->ri, val->flags);
}

/* 1.11's spec type of each core name, short and long spellings alike (avpops tells a
 * URI source by PVT_FROM/PVT_RURI...). Names absent here are PVT_OTHER. */
static const struct { const char *name; int type; } pv_types[] = {
	{"Au", PVT_ACC_USERNAME},
	{"C", PVT_COLOR},
	{"Ri", PVT_RCVIP},
	{"Rp", PVT_RCVPORT},
	{"TS", PVT_TIMES},
	{"Tf", PVT_TIMEF},
	{"Ts", PVT_TIMES},
	{"Tsm", PVT_TIMES},
	{"aU", PVT_AUTH_USERNAME_WHOLE},
	{"ad", PVT_AUTH_DOMAIN},
	{"adu", PVT_AUTH_DURI},
	{"ai", PVT_PAI_URI},
	{"an", PVT_AUTH_NONCE},
	{"ar", PVT_AUTH_REALM},
	{"argv", PVT_ARGV},
	{"au", PVT_AUTH_USERNAME},
	{"auth.alg", PVT_AUTH_ALGORITHM},
	{"auth.cnonce", PVT_AUTH_CNONCE},
	{"auth.nc", PVT_AUTH_NONCE_COUNT},
	{"auth.nonce", PVT_AUTH_NONCE},
	{"auth.opaque", PVT_AUTH_OPAQUE},
	{"auth.qop", PVT_AUTH_QOP},
	{"auth.resp", PVT_AUTH_RESPONSE},
	{"bf", PVT_BFLAGS},
	{"branch", PVT_BRANCH},
	{"cT", PVT_CONTENT_TYPE},
	{"ci", PVT_CALLID},
	{"cl", PVT_CONTENT_LENGTH},
	{"cs", PVT_CSEQ},
	{"ct", PVT_CONTACT},
	{"ct.fields", PVT_CONTACT},
	{"dP", PVT_DSTURI_PROTOCOL},
	{"dd", PVT_DSTURI_DOMAIN},
	{"di", PVT_DIVERSION_URI},
	{"dip", PVT_DIV_PRIVACY},
	{"dir", PVT_DIV_REASON},
	{"dp", PVT_DSTURI_PORT},
	{"ds", PVT_DSET},
	{"du", PVT_DSTURI},
	{"duri", PVT_DSTURI},
	{"err.class", PVT_ERR_CLASS},
	{"err.info", PVT_ERR_INFO},
	{"err.level", PVT_ERR_LEVEL},
	{"err.rcode", PVT_ERR_RCODE},
	{"err.rreason", PVT_ERR_RREASON},
	{"fU", PVT_FROM_USERNAME},
	{"fd", PVT_FROM_DOMAIN},
	{"fn", PVT_FROM_DISPLAYNAME},
	{"from", PVT_FROM},
	{"from.domain", PVT_FROM_DOMAIN},
	{"from.user", PVT_FROM_USERNAME},
	{"fs", PVT_FORCE_SOCK},
	{"ft", PVT_FROM_TAG},
	{"fu", PVT_FROM},
	{"mb", PVT_MSG_BUF},
	{"mf", PVT_FLAGS},
	{"mi", PVT_MSGID},
	{"ml", PVT_MSG_LEN},
	{"oP", PVT_OURI_PROTOCOL},
	{"oU", PVT_OURI_USERNAME},
	{"od", PVT_OURI_DOMAIN},
	{"op", PVT_OURI_PORT},
	{"ou", PVT_OURI},
	{"ouri", PVT_OURI},
	{"pU", PVT_PPI_USERNAME},
	{"param", PVT_ROUTE_PARAM},
	{"path", PVT_PATH},
	{"pd", PVT_PPI_DOMAIN},
	{"pn", PVT_PPI_DISPLAYNAME},
	{"pp", PVT_PID},
	{"pr", PVT_PROTO},
	{"proto", PVT_PROTO},
	{"pu", PVT_PPI},
	{"rP", PVT_RURI_PROTOCOL},
	{"rU", PVT_RURI_USERNAME},
	{"rc", PVT_RETURN_CODE},
	{"rd", PVT_RURI_DOMAIN},
	{"re", PVT_RPID_URI},
	{"retcode", PVT_RETURN_CODE},
	{"rm", PVT_METHOD},
	{"rp", PVT_RURI_PORT},
	{"rr", PVT_REASON},
	{"rs", PVT_STATUS},
	{"rt", PVT_REFER_TO},
	{"ru", PVT_RURI},
	{"ru_q", PVT_RU_Q},
	{"ruri", PVT_RURI},
	{"ruri.domain", PVT_RURI_DOMAIN},
	{"ruri.user", PVT_RURI_USERNAME},
	{"sf", PVT_SFLAGS},
	{"si", PVT_SRCIP},
	{"sp", PVT_SRCPORT},
	{"src_ip", PVT_SRCIP},
	{"tU", PVT_TO_USERNAME},
	{"td", PVT_TO_DOMAIN},
	{"time", PVT_TIME},
	{"tn", PVT_TO_DISPLAYNAME},
	{"to", PVT_TO},
	{"to.domain", PVT_TO_DOMAIN},
	{"to.user", PVT_TO_USERNAME},
	{"tt", PVT_TO_TAG},
	{"tu", PVT_TO},
	{"ua", PVT_USERAGENT},
	{"hdr", PVT_HDR},
	{"hdrcnt", PVT_HDRCNT},
};

static pv_type_t type_of(const char *text, int len)
{
	const char *name = text + 1;
	int n = 0;
	size_t i;

	if (len > 2 && text[1] == '(')   /* $(name...) */
		name++;
	while (name + n < text + len && (isalnum((unsigned char)name[n]) || name[n] == '_' ||
			name[n] == '.'))
		n++;
	for (i = 0; i < sizeof(pv_types) / sizeof(pv_types[0]); i++)
		if ((int)strlen(pv_types[i].name) == n && memcmp(pv_types[i].name, name, (size_t)n) == 0)
			return (pv_type_t)pv_types[i].type;
	return PVT_OTHER;
}

/* $avp(name) or $avp(name)[index] with a literal name: the name part as 1.11 gives it
 * (PV_NAME_INTSTR, isname.type 0, isname.name.n the AVP id), the handle in pvv.s. A name
 * made of other pseudo-variables keeps the Java handle as its PV_NAME_PVAR name. */
static void avp_static_name(const str *in, int consumed, pv_spec_p sp, long h)
{
	str name;
	char *close;
	int id;

	name.s = in->s + 5;
	close = memchr(name.s, ')', (size_t)(consumed - 5));
	if (close == NULL)
		return;
	name.len = (int)(close - name.s);
	if (name.len <= 0 || memchr(name.s, PV_MARKER, (size_t)name.len) != NULL ||
			memchr(name.s, '(', (size_t)name.len) != NULL)
		return;
	if (parse_avp_spec(&name, &id) != 0)
		return;   /* keeps the handle as the name: the spec still works through Java */
	sp->pvp.pvn.type = PV_NAME_INTSTR;
	sp->pvp.pvn.u.isname.type = 0;
	sp->pvp.pvn.u.isname.name.n = id;
	sp->pvp.pvv.s = (char *)h;
	sp->pvp.pvv.len = 0;
}

char *pv_parse_spec(str *in, pv_spec_p sp)
{
	int consumed = 0, writable = 0;
	long h;
	if (in == NULL || in->s == NULL || sp == NULL)
		return NULL;
	if (parse_cb == NULL) {
		LM_ERR("cannot parse <%.*s>: no script engine provides pseudo-variables\n", in->len, in->s);
		return NULL;
	}
	memset(sp, 0, sizeof(*sp));
	if ((h = parse_cb(in->s, in->len, &consumed, &writable)) <= 0)
		return NULL;
	/* the types modules test in their fixups */
	if (in->len > 5 && strncmp(in->s, "$avp(", 5) == 0)
		sp->type = PVT_AVP;
	else if (in->len > 5 && strncmp(in->s, "$var(", 5) == 0)
		sp->type = PVT_SCRIPTVAR;
	else if (consumed == 3 && strncmp(in->s, "$rb", 3) == 0)
		sp->type = PVT_MSG_BODY;
	else
		sp->type = type_of(in->s, consumed);
	sp->getf = java_getf;
	sp->setf = writable ? java_setf : NULL;
	sp->pvp.pvn.type = PV_NAME_PVAR;
	sp->pvp.pvn.u.dname = (void *)h;
	if (sp->type == PVT_AVP)
		avp_static_name(in, consumed, sp, h);
	return in->s + consumed;
}

int pv_get_spec_value(struct sip_msg *msg, pv_spec_p sp, pv_value_t *value)
{
	if (sp == NULL || sp->getf == NULL || value == NULL)
		return -1;
	return sp->getf(msg, &sp->pvp, value);
}

int pv_set_value(struct sip_msg *msg, pv_spec_p sp, int op, pv_value_t *value)
{
	if (sp == NULL || sp->setf == NULL)
		return -1;
	return sp->setf(msg, &sp->pvp, op, value);
}

int pv_print_spec(struct sip_msg *msg, pv_spec_p sp, char *buf, int *len)
{
	pv_value_t v;
	if (pv_get_spec_value(msg, sp, &v) != 0 || !(v.flags & PV_VAL_STR) || v.rs.len >= *len)
		return -1;
	memcpy(buf, v.rs.s, (size_t)v.rs.len);
	buf[v.rs.len] = 0;
	*len = v.rs.len;
	return 0;
}

static void release_spec(pv_spec_t *spec)
{
	if (spec && spec->getf == java_getf && release_cb)
		release_cb(spec_handle(&spec->pvp));
}

/* Releases what a spec holds without freeing the spec (specs embedded in other
 * structures, as re.h's replacement elements). */
void sb_pv_spec_release(pv_spec_t *spec)
{
	release_spec(spec);
}

void pv_spec_free(pv_spec_t *spec)
{
	release_spec(spec);
	pkg_free(spec);
}

/* A format is one element whose spec evaluates the whole text in Java; text is empty. */
int pv_parse_format(str *in, pv_elem_p *el)
{
	pv_elem_p e;
	long h;
	if (in == NULL || el == NULL)
		return -1;
	if (format_cb == NULL) {
		LM_ERR("cannot parse <%.*s>: no script engine provides pseudo-variables\n", in->len, in->s);
		return -1;
	}
	if ((h = format_cb(in->s, in->len)) <= 0)
		return -1;
	if ((e = pkg_malloc(sizeof(*e))) == NULL) {
		if (release_cb)
			release_cb(h);
		return -1;
	}
	memset(e, 0, sizeof(*e));
	e->spec.type = PVT_OTHER;
	e->spec.getf = java_getf;
	e->spec.pvp.pvn.type = PV_NAME_PVAR;
	e->spec.pvp.pvn.u.dname = (void *)h;
	*el = e;
	return 0;
}

int pv_printf_s(struct sip_msg *msg, pv_elem_p list, str *s)
{
	pv_value_t v;
	if (list == NULL || s == NULL)
		return -1;
	if (list->next == NULL && list->text.len == 0) {
		if (pv_get_spec_value(msg, &list->spec, &v) != 0)
			return -1;
		*s = (v.flags & PV_VAL_STR) ? v.rs : (str){ "", 0 };
		return 0;
	}
	LM_ERR("unsupported format element list\n");
	return -1;
}

int pv_printf(struct sip_msg *msg, pv_elem_p list, char *buf, int *len)
{
	str s;
	if (pv_printf_s(msg, list, &s) < 0 || s.len >= *len)
		return -1;
	memcpy(buf, s.s, (size_t)s.len);
	buf[s.len] = 0;
	*len = s.len;
	return 0;
}

int pv_elem_free_all(pv_elem_p log)
{
	pv_elem_p next;
	for (; log; log = next) {
		next = log->next;
		release_spec(&log->spec);
		pkg_free(log);
	}
	return 0;
}

void pv_value_destroy(pv_value_t *val)
{
	if (val == NULL)
		return;
	if (val->flags & PV_VAL_PKG)
		pkg_free(val->rs.s);
	if (val->flags & PV_VAL_SHM)
		shm_free(val->rs.s);
	memset(val, 0, sizeof(*val));
}

/* Helpers for modules' own getf functions (module_exports.items). */
int pv_get_null(struct sip_msg *msg, pv_param_t *param, pv_value_t *res)
{
	(void)msg; (void)param;
	if (res == NULL)
		return -1;
	res->rs.s = "<null>";
	res->rs.len = 6;
	res->ri = 0;
	res->flags = PV_VAL_NULL;
	return 0;
}

int pv_get_uintval(struct sip_msg *msg, pv_param_t *param, pv_value_t *res, unsigned int uival)
{
	int l = 0;
	(void)msg; (void)param;
	res->rs.s = int2str(uival, &l);
	res->rs.len = l;
	res->ri = (int)uival;
	res->flags = PV_VAL_STR | PV_VAL_INT | PV_TYPE_INT;
	return 0;
}

int pv_get_sintval(struct sip_msg *msg, pv_param_t *param, pv_value_t *res, int sival)
{
	int l = 0;
	(void)msg; (void)param;
	res->rs.s = sint2str(sival, &l);
	res->rs.len = l;
	res->ri = sival;
	res->flags = PV_VAL_STR | PV_VAL_INT | PV_TYPE_INT;
	return 0;
}

int pv_get_strval(struct sip_msg *msg, pv_param_t *param, pv_value_t *res, str *sval)
{
	(void)msg; (void)param;
	res->rs = *sval;
	res->flags = PV_VAL_STR;
	return 0;
}

int pv_get_strintval(struct sip_msg *msg, pv_param_t *param, pv_value_t *res, str *sval, int ival)
{
	(void)msg; (void)param;
	res->rs = *sval;
	res->ri = ival;
	res->flags = PV_VAL_STR | PV_VAL_INT;
	return 0;
}

int pv_get_intstrval(struct sip_msg *msg, pv_param_t *param, pv_value_t *res, int ival, str *sval)
{
	(void)msg; (void)param;
	res->rs = *sval;
	res->ri = ival;
	res->flags = PV_VAL_STR | PV_VAL_INT | PV_TYPE_INT;
	return 0;
}
