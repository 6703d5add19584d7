/* AVP lists the way 1.11's tm keeps them per transaction (usr_avp.h: set_avp_list):
 *   al_keep()     in the request route: a "transaction" in shm takes the message's AVP
 *                 list (set_avp_list to its head, the old list moved in, the old head
 *                 emptied) and stays the current list for the rest of the route, so what
 *                 the script sets after the call lands in the transaction too; it keeps a
 *                 copy of the request to run the failure route on
 *   al_fail()     runs failure_rlist[failure_route] on a request built from that copy,
 *                 with the transaction's list current (as tm's faked environment), on
 *                 this thread; then checks from C that the route's $avp(seen) is in the
 *                 transaction's list and that the list is no longer current
 *   al_arm()      asks the timer thread to do the same (tm's fr timer): al_timer_ok()
 *                 tells whether it did and found $avp(seen)
 *   al_count("name") how many values name has in the transaction's list (C search)
 *   al_free()     destroy_avp_list on the transaction's list
 *   al_bad()      bad input to the list functions: errors, never a crash (1 when all refused)
 * As tm, it registers the pv context "al_request" (the kept request, a message of its own,
 * like tm's "request") and exports $T_ruri (the kept request's R-URI), a name the core's
 * Java tm also has: a C module's item wins.
 * modparam: failure_route (a name). */
#include <stdlib.h>
#include <string.h>
#include "../../sr_module.h"
#include "../../action.h"
#include "../../route.h"
#include "../../timer.h"
#include "../../usr_avp.h"
#include "../../locking.h"
#include "../../data_lump.h"
#include "../../mem/mem.h"
#include "../../mem/shm_mem.h"

static char *failure_name = "fr";
static int failure_idx = -1;

struct al_trans {
	gen_lock_t lock;
	struct usr_avp *avps;    /* the transaction's AVPs: shm records owned here */
	char req[2048];
	int req_len;
	int armed;               /* 1: the timer runs the failure route */
	int timer_done;
	int timer_ok;
	struct sip_msg *kept;    /* the context's message, built from req (pkg) */
};
static struct al_trans *t;

static int name_id(const char *name)
{
	str s;
	int id;
	s.s = (char *)name;
	s.len = strlen(name);
	return parse_avp_spec(&s, &id) == 0 ? id : -1;
}

static int value_is(struct usr_avp **list, const char *name, const char *want)
{
	struct usr_avp **backup = set_avp_list(list);
	int_str v;
	struct usr_avp *a = search_first_avp(0, name_id(name), &v, NULL);
	int ok = a != NULL && (a->flags & AVP_VAL_STR) && v.s.len == (int)strlen(want)
		&& memcmp(v.s.s, want, v.s.len) == 0;
	set_avp_list(backup);
	return ok;
}

/* A request of our own from the kept bytes (pkg, freed by free_faked). */
static struct sip_msg *faked(void)
{
	struct sip_msg *f = pkg_malloc(sizeof(*f));
	if (f == NULL)
		return NULL;
	memset(f, 0, sizeof(*f));
	if ((f->buf = pkg_malloc(t->req_len + 1)) == NULL) {
		pkg_free(f);
		return NULL;
	}
	memcpy(f->buf, t->req, t->req_len);
	f->buf[t->req_len] = 0;
	f->len = t->req_len;
	f->id = 777;
	return f;
}

static void free_faked(struct sip_msg *f)
{
	free_lump_list(f->add_rm);
	if (f->new_uri.s)
		pkg_free(f->new_uri.s);
	if (f->dst_uri.s)
		pkg_free(f->dst_uri.s);
	pkg_free(f->buf);
	pkg_free(f);
}

/* The failure route on the transaction's AVPs; 1 when it saw them and left $avp(seen). */
static int run_failure(void)
{
	struct usr_avp **backup;
	struct sip_msg *f;
	int r, ok;
	if (failure_idx < 0 || failure_rlist[failure_idx].a == NULL || (f = faked()) == NULL)
		return -1;
	backup = set_avp_list(&t->avps);
	r = run_top_route(failure_rlist[failure_idx].a, f);
	if (get_avp_list() != &t->avps) {
		LM_ERR("the current list changed under the route\n");
		r = -1;
	}
	set_avp_list(backup);
	free_faked(f);
	/* restored: the transaction's values are not the current list's */
	if (search_first_avp(0, name_id("seen"), NULL, NULL) != NULL) {
		LM_ERR("$avp(seen) is in the restored list\n");
		return -2;
	}
	ok = r >= 0 && value_is(&t->avps, "seen", "yes");
	if (!ok)
		LM_ERR("failure route: %d, seen %d\n", r, value_is(&t->avps, "seen", "yes"));
	return ok ? 1 : -3;
}

static void on_timer(utime_t now, void *param)
{
	int armed;
	lock_get(&t->lock);
	armed = t->armed;
	t->armed = 0;
	lock_release(&t->lock);
	if (!armed)
		return;
	t->timer_ok = run_failure() == 1;
	t->timer_done = 1;
}

/* the pv context "al_request": the kept request, NULL before al_keep */
static struct sip_msg *ctx_kept(struct sip_msg *msg)
{
	return t->kept;
}

/* $T_ruri: the kept request's R-URI (between the method and the version) */
static int get_t_ruri(struct sip_msg *msg, pv_param_t *param, pv_value_t *res)
{
	str u;
	char *sp, *end;
	if (t->req_len == 0 || (sp = memchr(t->req, ' ', t->req_len)) == NULL
			|| (end = memchr(sp + 1, ' ', t->req + t->req_len - sp - 1)) == NULL)
		return pv_get_null(msg, param, res);
	u.s = sp + 1;
	u.len = end - u.s;
	return pv_get_strval(msg, param, res, &u);
}

static int mod_init(void)
{
	if (register_pv_context("al_request", ctx_kept) != 0)
		return -1;
	failure_idx = get_script_route_ID_by_name(failure_name, failure_rlist, FAILURE_RT_NO);
	if ((t = shm_malloc(sizeof(*t))) == NULL)
		return -1;
	memset(t, 0, sizeof(*t));
	lock_init(&t->lock);
	return register_utimer("avplist", on_timer, NULL, 20000) < 0 ? -1 : 0;
}

static void mod_destroy(void)
{
	if (t) {
		destroy_avp_list(&t->avps);
		if (t->kept)
			free_faked(t->kept);
		lock_destroy(&t->lock);
		shm_free(t);
	}
	t = NULL;
}

static int al_keep(struct sip_msg *msg)
{
	struct usr_avp **old;
	if (msg->len >= (int)sizeof(t->req))
		return -1;
	destroy_avp_list(&t->avps);   /* a previous transaction's */
	memcpy(t->req, msg->buf, msg->len);
	t->req_len = msg->len;
	t->timer_done = t->timer_ok = 0;
	if (t->kept)
		free_faked(t->kept);
	t->kept = faked();
	/* tm's build_cell: the message's list moves into the transaction, whose head stays
	 * current */
	old = set_avp_list(&t->avps);
	t->avps = *old;
	*old = NULL;
	return 1;
}

static int al_fail(struct sip_msg *msg)
{
	return run_failure();
}

static int al_arm(struct sip_msg *msg)
{
	lock_get(&t->lock);
	t->armed = 1;
	lock_release(&t->lock);
	return 1;
}

static int al_timer_ok(struct sip_msg *msg)
{
	return t->timer_done && t->timer_ok ? 1 : -1;
}

static int al_count(struct sip_msg *msg, char *name)
{
	struct usr_avp **backup = set_avp_list(&t->avps);
	struct usr_avp *a = NULL;
	int n = 0, id = name_id(name);
	while ((a = search_first_avp(0, id, NULL, a)) != NULL)
		n++;
	set_avp_list(backup);
	return n > 0 ? n : -1;
}

static int al_free(struct sip_msg *msg)
{
	destroy_avp_list(&t->avps);
	return t->avps == NULL ? 1 : -1;
}

static pv_export_t items[] = {
	{{"T_ruri", 6}, PVT_OTHER, get_t_ruri, 0, 0, 0, 0, 0},
	{{0, 0}, 0, 0, 0, 0, 0, 0, 0}
};

static int al_bad(struct sip_msg *msg)
{
	struct usr_avp *scratch = NULL, **backup = set_avp_list(&scratch);
	int_str v;
	int bad = 0, id = name_id("badinput");
	if (search_first_avp(0, -1, &v, NULL) != NULL) bad |= 1;
	v.s.s = NULL;
	v.s.len = 5;
	if (add_avp(AVP_VAL_STR, id, v) == 0) bad |= 2;          /* a string with no bytes */
	v.n = 1;
	if (add_avp(0, -7, v) == 0) bad |= 4;                     /* no such id */
	destroy_avp(NULL);
	destroy_avp_list(NULL);
	if (search_next_avp(NULL, &v) != NULL) bad |= 8;
	if (replace_avp(0, id, v, 3) == 0) bad |= 16;             /* no value number 3 */
	if (scratch != NULL) bad |= 32;                           /* nothing was added */
	set_avp_list(backup);
	if (bad)
		LM_ERR("bad input accepted: %x\n", bad);
	return bad ? -1 : 1;
}

static cmd_export_t cmds[] = {
	{"al_keep", (cmd_function)al_keep, 0, 0, 0, REQUEST_ROUTE},
	{"al_fail", (cmd_function)al_fail, 0, 0, 0, REQUEST_ROUTE},
	{"al_arm", (cmd_function)al_arm, 0, 0, 0, REQUEST_ROUTE},
	{"al_timer_ok", (cmd_function)al_timer_ok, 0, 0, 0, REQUEST_ROUTE},
	{"al_count", (cmd_function)al_count, 1, 0, 0, REQUEST_ROUTE},
	{"al_free", (cmd_function)al_free, 0, 0, 0, REQUEST_ROUTE},
	{"al_bad", (cmd_function)al_bad, 0, 0, 0, REQUEST_ROUTE},
	{0, 0, 0, 0, 0, 0}
};

static param_export_t params[] = {
	{"failure_route", STR_PARAM, &failure_name},
	{0, 0, 0}
};

struct module_exports exports = {
	"avplist", MODULE_VERSION, DEFAULT_DLFLAGS,
	cmds, params, 0, 0, items, 0, mod_init, 0, mod_destroy, 0
};
