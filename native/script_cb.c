/* Callbacks around the routing script (script_cb.h). Registration (normally in mod_init)
 * takes a lock; workers walk the lists without one: a node is complete before the atomic
 * store that links it in. Every callback remembers the module that registered it and
 * runs under that module's lock with its globals (sb_enter); the callbacks of an unloaded
 * module are unlinked first (sb_script_cb_forget). Java reads the number of callbacks per
 * list (sb_script_cb_counts) and skips the native call when a list is empty. */
#include <stdlib.h>
#include <string.h>
#include "sb_core.h"
#include "../include/script_cb.h"
#include "msg/sb_slot.h"

enum { L_PRE_REQ = 0, L_POST_REQ, L_PRE_RPL, L_POST_RPL, L_PARSE_ERR, L_COUNT };

struct sb_cb {
	struct script_cb cb;     /* the 1.11 record, first */
	int module;              /* who registered it (sb_current_module then) */
};

static struct script_cb *lists[L_COUNT];
static int32_t counts[L_COUNT];
static unsigned int next_id;
static pthread_mutex_t cb_lock = PTHREAD_MUTEX_INITIALIZER;

static int add(int l, cb_function f, void *param, int prio)
{
	struct sb_cb *n = malloc(sizeof(*n));
	struct script_cb **at;
	if (n == NULL) {
		LM_ERR("no memory for a script callback\n");
		return -1;
	}
	n->cb.cbf = f;
	n->cb.param = param;
	n->cb.prio = prio;
	n->module = sb_current_module;
	pthread_mutex_lock(&cb_lock);
	n->cb.id = next_id++;
	/* after every callback of a higher or equal priority */
	for (at = &lists[l]; *at && (*at)->prio >= prio; at = &(*at)->next)
		;
	n->cb.next = *at;
	__atomic_store_n(at, &n->cb, __ATOMIC_RELEASE);
	__atomic_add_fetch(&counts[l], 1, __ATOMIC_RELEASE);
	pthread_mutex_unlock(&cb_lock);
	return 0;
}

int __register_script_cb(cb_function f, int type, void *param, int prio)
{
	if (f == NULL) {
		LM_ERR("no callback function\n");
		return -1;
	}
	if (!(type & (REQ_TYPE_CB | RPL_TYPE_CB | PARSE_ERR_CB))) {
		LM_CRIT("a script callback must be for requests, replies or parse errors\n");
		return -1;
	}
	if (!(type & (PRE_SCRIPT_CB | POST_SCRIPT_CB | PARSE_ERR_CB)) ||
			((type & PRE_SCRIPT_CB) && (type & POST_SCRIPT_CB))) {
		LM_CRIT("a script callback is either PRE_SCRIPT_CB or POST_SCRIPT_CB\n");
		return -1;
	}
	if ((type & PARSE_ERR_CB) && add(L_PARSE_ERR, f, param, prio) < 0)
		return -1;
	if (type & REQ_TYPE_CB) {
		if ((type & PRE_SCRIPT_CB) && add(L_PRE_REQ, f, param, prio) < 0)
			return -1;
		if ((type & POST_SCRIPT_CB) && add(L_POST_REQ, f, param, prio) < 0)
			return -1;
	}
	if (type & RPL_TYPE_CB) {
		if ((type & PRE_SCRIPT_CB) && add(L_PRE_RPL, f, param, prio) < 0)
			return -1;
		if ((type & POST_SCRIPT_CB) && add(L_POST_RPL, f, param, prio) < 0)
			return -1;
	}
	return 0;
}

/* Unlinks (and frees, once no worker can be walking: at unload/stop) the callbacks
 * registered by module, or all of them when module < 0. */
static void forget(int module)
{
	int l;
	pthread_mutex_lock(&cb_lock);
	for (l = 0; l < L_COUNT; l++) {
		struct script_cb **at = &lists[l];
		while (*at) {
			struct sb_cb *n = (struct sb_cb *)*at;
			if (module < 0 || n->module == module) {
				*at = n->cb.next;
				counts[l]--;
				free(n);
			} else {
				at = &(*at)->next;
			}
		}
	}
	pthread_mutex_unlock(&cb_lock);
}

void destroy_script_cb(void)
{
	forget(-1);
}

void sb_script_cb_forget(int module)
{
	forget(module);
}

/* Runs one callback under its module's lock (the core's own ones without). */
static int run_one(struct script_cb *cb, struct sip_msg *msg)
{
	struct sb_module *m = sb_module_at(((struct sb_cb *)cb)->module);
	struct sb_entry e;
	int r;
	if (m == NULL)
		return cb->cbf(msg, cb->param);
	e = sb_enter(m);
	r = cb->cbf(msg, cb->param);
	sb_msg_uri_check(msg);
	sb_leave(e);
	return r;
}

static int run_pre(int l, struct sip_msg *msg)
{
	struct script_cb *cb;
	int mask = SCB_RUN_ALL;
	for (cb = __atomic_load_n(&lists[l], __ATOMIC_ACQUIRE); cb;
			cb = __atomic_load_n(&cb->next, __ATOMIC_ACQUIRE)) {
		mask &= run_one(cb, msg);
		if (mask == SCB_DROP_MSG)
			break;
	}
	return mask;
}

static int run_post(int l, struct sip_msg *msg)
{
	struct script_cb *cb;
	for (cb = __atomic_load_n(&lists[l], __ATOMIC_ACQUIRE); cb;
			cb = __atomic_load_n(&cb->next, __ATOMIC_ACQUIRE))
		run_one(cb, msg);
	return 1;
}

int exec_pre_req_cb(struct sip_msg *msg) { return run_pre(L_PRE_REQ, msg); }
int exec_post_req_cb(struct sip_msg *msg) { return run_post(L_POST_REQ, msg); }
int exec_pre_rpl_cb(struct sip_msg *msg) { return run_pre(L_PRE_RPL, msg); }
int exec_post_rpl_cb(struct sip_msg *msg) { return run_post(L_POST_RPL, msg); }
int exec_parse_err_cb(struct sip_msg *msg) { return run_post(L_PARSE_ERR, msg); }

/* Java: the number of callbacks per list (L_* order), read without a call. */
SB_JAVA_API int32_t *sb_script_cb_counts(void)
{
	return counts;
}

/* Java: runs list l on msg with route type rtype: the pre mask, or 1 for post lists. */
SB_JAVA_API int sb_script_cb_run(int l, struct sip_msg *msg, int rtype)
{
	int saved = route_type, r;
	if (l < 0 || l >= L_COUNT || msg == NULL)
		return l == L_PRE_REQ || l == L_PRE_RPL ? SCB_RUN_ALL : 1;
	route_type = rtype;
	if (msg)
		sb_msg_ensure(msg);
	r = (l == L_PRE_REQ || l == L_PRE_RPL) ? run_pre(l, msg) : run_post(l, msg);
	route_type = saved;
	return r;
}
