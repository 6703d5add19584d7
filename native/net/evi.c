/* The event interface (the evi headers): events modules publish and raise, transports modules
 * register, subscriptions, and sipbridge's own delivery to the script's
 * event_route[NAME] (through NetBridge) when no "route" transport module is loaded.
 *
 * Events are published from mod_init and the table is fixed afterwards; subscriber lists
 * change under a per-event lock, released while a transport runs (a transport may raise
 * another event). Nesting is limited per thread. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "sb_net.h"

#pragma GCC visibility push(default)
#include "../../include/evi/evi_modules.h"
#include "../../include/evi/evi_params.h"
#include "../../include/evi/evi_transport.h"
#include "../../include/pvar.h"
#pragma GCC visibility pop

#define SB_MAX_EVENTS 256
#define SB_EVI_MAX_DEPTH 10

/* event_route[name]: probe (1: only tell whether it exists). 1 ran/exists, 0 none, -1 error */
typedef int (*sb_evi_route_f)(const char *name, int len, evi_params_t *params, int probe);

/* the registering module of each transport and event (by index), to forget them when it
 * is unloaded (the SDK's evi_trans_t plus the owner) */
struct sb_trans {
	evi_export_t *module;
	struct sb_trans *next;
	int owner;
};

static evi_event_t events[SB_MAX_EVENTS];
static int event_owner[SB_MAX_EVENTS];
static pthread_mutex_t event_locks[SB_MAX_EVENTS];
static int events_no;
static struct sb_trans *transports;
static int transports_no;
static sb_evi_route_f route_cb;
static __thread int depth;
static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;

SB_JAVA_API void sb_evi_set_callback(sb_evi_route_f f) { route_cb = f; }

/* Forgets events, subscriptions and transports (a new server's modules publish again). */
SB_JAVA_API void sb_evi_reset(void)
{
	pthread_mutex_lock(&table_lock);
	for (int i = 0; i < events_no; i++) {
		evi_subs_p s = events[i].subscribers;
		while (s) {
			evi_subs_p n = s->next;
			if (s->trans_mod && s->trans_mod->free)
				s->trans_mod->free(s->reply_sock);
			shm_free(s);
			s = n;
		}
		pthread_mutex_destroy(&event_locks[i]);
	}
	memset(events, 0, sizeof(events));
	events_no = 0;
	while (transports) {
		struct sb_trans *t = transports->next;
		shm_free(transports);
		transports = t;
	}
	transports_no = 0;
	pthread_mutex_unlock(&table_lock);
}

event_id_t evi_get_id(str *name)
{
	if (name == NULL || name->s == NULL)
		return EVI_ERROR;
	for (int i = 0; i < events_no; i++)
		if (events[i].name.s && events[i].name.len == name->len && memcmp(events[i].name.s, name->s, (size_t)name->len) == 0)
			return i;
	return EVI_ERROR;
}

evi_event_p evi_get_event(str *name)
{
	event_id_t id = evi_get_id(name);
	return id == EVI_ERROR ? NULL : &events[id];
}

event_id_t evi_publish_event(str event_name)
{
	event_id_t id;
	if (event_name.s == NULL || event_name.len <= 0 || event_name.len > MAX_EVENT_NAME) {
		LM_ERR("bad event name (at most %d characters)\n", MAX_EVENT_NAME);
		return EVI_ERROR;
	}
	pthread_mutex_lock(&table_lock);
	if ((id = evi_get_id(&event_name)) != EVI_ERROR) {
		pthread_mutex_unlock(&table_lock);
		LM_WARN("event \"%.*s\" was published already\n", event_name.len, event_name.s);
		return id;
	}
	if (events_no == SB_MAX_EVENTS) {
		pthread_mutex_unlock(&table_lock);
		LM_ERR("too many events (%d)\n", SB_MAX_EVENTS);
		return EVI_ERROR;
	}
	id = events_no;
	event_owner[id] = sb_current_module;
	pthread_mutex_init(&event_locks[id], NULL);
	events[id].id = id;
	events[id].name = event_name;
	events[id].lock = NULL;   /* event_locks[id] guards the subscribers */
	events[id].subscribers = NULL;
	__atomic_store_n(&events_no, events_no + 1, __ATOMIC_RELEASE);
	pthread_mutex_unlock(&table_lock);
	LM_INFO("registered event <%.*s(%d)>\n", event_name.len, event_name.s, id);
	return id;
}

evi_export_t *get_trans_mod(str *tran)
{
	if (tran == NULL || tran->s == NULL)
		return NULL;
	for (struct sb_trans *t = transports; t; t = t->next)
		if (t->module->proto.len == tran->len &&
				strncasecmp(t->module->proto.s, tran->s, (size_t)tran->len) == 0)
			return t->module;
	return NULL;
}

int get_trans_mod_no(void) { return transports_no; }

int register_event_mod(evi_export_t *ev)
{
	struct sb_trans *t;
	if (ev == NULL || ev->proto.s == NULL || ev->proto.len <= 0 || ev->raise == NULL || ev->parse == NULL) {
		LM_ERR("bad transport export (proto, raise and parse are needed)\n");
		return -1;
	}
	pthread_mutex_lock(&table_lock);
	if (get_trans_mod(&ev->proto)) {
		pthread_mutex_unlock(&table_lock);
		LM_ERR("transport %.*s is registered already\n", ev->proto.len, ev->proto.s);
		return -1;
	}
	t = shm_malloc(sizeof(*t));
	if (t == NULL) {
		pthread_mutex_unlock(&table_lock);
		LM_ERR("no more shm memory\n");
		return -1;
	}
	t->module = ev;
	t->owner = sb_current_module;
	t->next = transports;
	transports = t;
	transports_no++;
	pthread_mutex_unlock(&table_lock);
	return 0;
}

/* A module is being unloaded (its code and data are gone or going): its events can no
 * longer be raised or found, its transport and the subscriptions through it are dropped
 * (their sockets are its memory: not freed through it, left alone). */
void sb_evi_forget_module(int module)
{
	pthread_mutex_lock(&table_lock);
	for (struct sb_trans **t = &transports; *t;) {
		if ((*t)->owner == module) {
			struct sb_trans *dead = *t;
			*t = dead->next;
			for (int i = 0; i < events_no; i++) {
				pthread_mutex_lock(&event_locks[i]);
				for (evi_subs_p *s = &events[i].subscribers; *s;) {
					if ((*s)->trans_mod == dead->module) {
						evi_subs_p gone = *s;
						*s = gone->next;
						shm_free(gone);
					} else {
						s = &(*s)->next;
					}
				}
				pthread_mutex_unlock(&event_locks[i]);
			}
			shm_free(dead);
			transports_no--;
		} else {
			t = &(*t)->next;
		}
	}
	for (int i = 0; i < events_no; i++)
		if (event_owner[i] == module && events[i].name.s) {
			events[i].name.s = NULL;   /* its text was the module's */
			events[i].name.len = 0;
		}
	pthread_mutex_unlock(&table_lock);
}

/* the real event_route module registers "route": then it runs the routes, not us */
static int script_delivery(void)
{
	str route = str_init("route");
	return route_cb != NULL && get_trans_mod(&route) == NULL;
}

int evi_event_subscribe(str event_name, str sock_str, unsigned expire, unsigned unsubscribe)
{
	evi_event_p ev = evi_get_event(&event_name);
	evi_export_t *tm;
	evi_reply_sock *sock;
	evi_subs_p s, prev = NULL;
	char *colon;
	str proto, addr;
	pthread_mutex_t *lk;

	if (ev == NULL) {
		LM_ERR("unknown event %.*s\n", event_name.len, event_name.s ? event_name.s : "");
		return -1;
	}
	if (sock_str.s == NULL || sock_str.len <= 0 ||
			(colon = memchr(sock_str.s, TRANSPORT_SEP, (size_t)sock_str.len)) == NULL) {
		LM_ERR("bad subscriber socket (expected proto:address)\n");
		return -1;
	}
	proto.s = sock_str.s;
	proto.len = (int)(colon - sock_str.s);
	addr.s = colon + 1;
	addr.len = sock_str.len - proto.len - 1;
	if ((tm = get_trans_mod(&proto)) == NULL) {
		LM_ERR("no transport module for %.*s\n", proto.len, proto.s);
		return -1;
	}
	if ((sock = tm->parse(addr)) == NULL) {
		LM_ERR("transport %.*s refused the address %.*s\n", proto.len, proto.s, addr.len, addr.s);
		return -1;
	}
	lk = &event_locks[ev->id];
	pthread_mutex_lock(lk);
	for (s = ev->subscribers; s; prev = s, s = s->next) {
		if (s->trans_mod != tm || (tm->match ? !tm->match(sock, s->reply_sock) : 1))
			continue;
		if (unsubscribe) {
			if (prev)
				prev->next = s->next;
			else
				ev->subscribers = s->next;
			if (tm->free)
				tm->free(s->reply_sock);
			shm_free(s);
		} else {
			s->reply_sock->expire = expire;
			s->reply_sock->subscription_time = (long)time(NULL);
			if (expire)
				s->reply_sock->flags |= EVI_EXPIRE;
		}
		pthread_mutex_unlock(lk);
		if (tm->free)
			tm->free(sock);
		return 1;
	}
	if (unsubscribe) {
		pthread_mutex_unlock(lk);
		if (tm->free)
			tm->free(sock);
		return 0;
	}
	s = shm_malloc(sizeof(*s));
	if (s == NULL) {
		pthread_mutex_unlock(lk);
		LM_ERR("no more shm memory\n");
		return -1;
	}
	sock->expire = expire;
	sock->subscription_time = (long)time(NULL);
	if (expire)
		sock->flags |= EVI_EXPIRE;
	s->trans_mod = tm;
	s->reply_sock = sock;
	s->next = ev->subscribers;
	ev->subscribers = s;
	pthread_mutex_unlock(lk);
	return 1;
}

int evi_probe_event(event_id_t id)
{
	int n;
	if (id < 0 || id >= events_no || events[id].name.s == NULL) {
		LM_ERR("invalid event %d\n", id);
		return -1;
	}
	n = events[id].subscribers ? get_trans_mod_no() : 0;
	if (n == 0 && script_delivery()) {
		int r;
		SB_UPCALL_BEGIN;
		r = route_cb(events[id].name.s, events[id].name.len, NULL, 1);
		SB_UPCALL_END;
		n = r > 0;
	}
	return n;
}

int evi_raise_event_msg(struct sip_msg *msg, event_id_t id, evi_params_t *params)
{
	int failed = 0, pflags = params ? params->flags : 0;
	long now = (long)time(NULL);
	evi_subs_p s, prev = NULL;
	pthread_mutex_t *lk;

	if (id < 0 || id >= events_no || events[id].name.s == NULL) {
		LM_ERR("invalid event %d\n", id);
		return -1;
	}
	if (depth >= SB_EVI_MAX_DEPTH) {
		LM_ERR("too many nested events (%d)\n", SB_EVI_MAX_DEPTH);
		return -1;
	}
	depth++;
	lk = &event_locks[id];
	pthread_mutex_lock(lk);
	s = events[id].subscribers;
	while (s) {
		evi_reply_sock *rs = s->reply_sock;
		if (!(rs->flags & EVI_PENDING) && (rs->flags & EVI_EXPIRE) &&
				rs->subscription_time + (long)rs->expire < now) {
			evi_subs_p dead = s;
			s = s->next;
			if (prev)
				prev->next = s;
			else
				events[id].subscribers = s;
			if (dead->trans_mod->free)
				dead->trans_mod->free(dead->reply_sock);
			shm_free(dead);
			continue;
		}
		{
			unsigned int f = rs->flags;
			rs->flags |= EVI_PENDING;
			pthread_mutex_unlock(lk);   /* the transport may raise events itself */
			if (s->trans_mod->raise(msg, &events[id].name, rs, params) < 0)
				failed++;
			pthread_mutex_lock(lk);
			rs->flags = f;
		}
		prev = s;
		s = s->next;
	}
	pthread_mutex_unlock(lk);
	if (script_delivery()) {
		int r;
		SB_UPCALL_BEGIN;
		r = route_cb(events[id].name.s, events[id].name.len, params, 0);
		SB_UPCALL_END;
		if (r < 0)
			failed++;
	}
	if (params) {
		params->flags = pflags;
		if (params->flags & EVI_FREE_LIST)
			evi_free_params(params);
	}
	depth--;
	return failed;
}

int evi_raise_event(event_id_t id, evi_params_t *params)
{
	/* msg NULL: the script's event_route runs on a dummy request built by Java, and a
	 * transport module gets no message (1.11 passes a dummy; transports do not read it) */
	return evi_raise_event_msg(NULL, id, params);
}

int evi_raise_script_event(struct sip_msg *msg, event_id_t id, void *attrs, void *vals)
{
	LM_ERR("raise_event() from the script is not available in sipbridge yet (event %d)\n", id);
	return -1;
}

/* ---- parameters */

evi_params_p evi_get_params(void)
{
	evi_params_p l = pkg_malloc(sizeof(*l));
	if (l == NULL) {
		LM_ERR("no more pkg memory\n");
		return NULL;
	}
	memset(l, 0, sizeof(*l));
	return l;
}

static void free_param(evi_param_p p)
{
	if (p->name.s)
		pkg_free(p->name.s);
	if ((p->flags & EVI_STR_VAL) && p->val.s.s)
		pkg_free(p->val.s.s);
	pkg_free(p);
}

void evi_free_params(evi_params_p list)
{
	evi_param_p p, n;
	if (list == NULL)
		return;
	for (p = list->first; p; p = n) {
		n = p->next;
		free_param(p);
	}
	pkg_free(list);
}

evi_param_p evi_param_create(evi_params_p list, str *name)
{
	evi_param_p p;
	if (list == NULL) {
		LM_ERR("no parameter list\n");
		return NULL;
	}
	p = pkg_malloc(sizeof(*p));
	if (p == NULL) {
		LM_ERR("no more pkg memory\n");
		return NULL;
	}
	memset(p, 0, sizeof(*p));
	if (name && name->s && name->len > 0) {
		p->name.s = pkg_malloc((size_t)name->len + 1);
		if (p->name.s == NULL) {
			pkg_free(p);
			LM_ERR("no more pkg memory\n");
			return NULL;
		}
		memcpy(p->name.s, name->s, (size_t)name->len);
		p->name.s[name->len] = 0;
		p->name.len = name->len;
	}
	if (list->last)
		list->last->next = p;
	else
		list->first = p;
	list->last = p;
	return p;
}

int evi_param_set(evi_param_p el, void *param, int flags)
{
	if (el == NULL || param == NULL) {
		LM_ERR("no parameter or value\n");
		return -1;
	}
	if ((el->flags & EVI_STR_VAL) && el->val.s.s) {
		pkg_free(el->val.s.s);
		el->val.s.s = NULL;
	}
	if (flags & EVI_INT_VAL) {
		el->flags = EVI_INT_VAL;
		el->val.n = *(int *)param;
		return 0;
	}
	if (flags & EVI_STR_VAL) {
		str *s = param;
		el->flags = EVI_STR_VAL;
		el->val.s.len = s->s ? s->len : 0;
		el->val.s.s = pkg_malloc((size_t)el->val.s.len + 1);
		if (el->val.s.s == NULL) {
			el->val.s.len = 0;
			LM_ERR("no more pkg memory\n");
			return -1;
		}
		if (el->val.s.len)
			memcpy(el->val.s.s, s->s, (size_t)el->val.s.len);
		el->val.s.s[el->val.s.len] = 0;
		return 0;
	}
	LM_ERR("unknown parameter type %x\n", flags);
	return -1;
}

int evi_param_add(evi_params_p list, str *name, void *param, int flags)
{
	evi_param_p p = evi_param_create(list, name);
	if (p == NULL)
		return -1;
	return evi_param_set(p, param, flags);
}

/* The event's parameters as $avp(name) on msg (the message event_route runs on), for
 * the script; parameters without a name, or with one that is no AVP name, are skipped. */
SB_JAVA_API int sb_evi_params_to_avps(struct sip_msg *msg, evi_params_t *params)
{
	char text[MAX_EVENT_NAME + 16];
	int n = 0;

	if (msg == NULL || params == NULL)
		return 0;
	for (evi_param_p p = params->first; p; p = p->next) {
		pv_spec_t *spec;
		pv_value_t v;
		str s;
		if (p->name.s == NULL || p->name.len <= 0 || p->name.len > MAX_EVENT_NAME)
			continue;
		s.s = text;
		s.len = snprintf(text, sizeof(text), "$avp(%.*s)", p->name.len, p->name.s);
		spec = pkg_malloc(sizeof(*spec));   /* pv_spec_free frees the spec itself */
		if (spec == NULL)
			return n;
		memset(spec, 0, sizeof(*spec));
		if (pv_parse_spec(&s, spec) == NULL) {
			LM_WARN("event parameter <%.*s> is no AVP name; skipped\n", p->name.len, p->name.s);
			pkg_free(spec);
			continue;
		}
		memset(&v, 0, sizeof(v));
		if (p->flags & EVI_INT_VAL) {
			v.ri = p->val.n;
			v.flags = PV_VAL_INT | PV_TYPE_INT;
		} else {
			v.rs = p->val.s;
			v.flags = PV_VAL_STR;
		}
		if (pv_set_value(msg, spec, EQ_T, &v) == 0)
			n++;
		pv_spec_free(spec);
	}
	return n;
}
