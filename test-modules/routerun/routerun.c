/* Runs script routes from C, as tm, pike or drouting do:
 *   rr_run_same()          run_top_route(rlist[route]) on the current message
 *   rr_run_faked("uri")    builds a request of its own (a copy of the current one with
 *                          new_uri = uri, one lump of its own, flag 1), runs
 *                          failure_rlist[failure_route] on it and checks what came back
 *   rr_timer_ok()          true once the timer (mod_init) ran rlist[route] on a request
 *                          it built on the timer thread and got $du back
 *   rr_bad()               bad input gets errors, never a crash
 *   rr_do("op", "arg")     do_action: sethostport, prefix, strip, seturi, revert
 * modparams: route, failure_route (names), timer (1: register the timer). */
#include <stdlib.h>
#include <string.h>
#include "../../sr_module.h"
#include "../../action.h"
#include "../../flags.h"
#include "../../route.h"
#include "../../timer.h"
#include "../../data_lump.h"
#include "../../mem/mem.h"
#include "../../mem/shm_mem.h"

static char *route_name = "probe";
static char *failure_name = "retry";
static int use_timer;
static int route_idx = -1, failure_idx = -1;

struct rr_shared {
	int timer_runs;
	int timer_ok;
};
static struct rr_shared *sh;

static const char timer_request[] =
	"OPTIONS sip:timer@example.com SIP/2.0\r\n"
	"Via: SIP/2.0/UDP 127.0.0.1:5099;branch=z9hG4bKtimer\r\n"
	"From: <sip:routerun@example.com>;tag=t1\r\n"
	"To: <sip:timer@example.com>\r\n"
	"Call-ID: routerun-timer@example.com\r\n"
	"CSeq: 1 OPTIONS\r\n"
	"Content-Length: 0\r\n\r\n";

/* A request of the module's own: bytes copied from text, pkg memory it owns. */
static struct sip_msg *faked(const char *text, int len, unsigned int id)
{
	struct sip_msg *f = pkg_malloc(sizeof(*f));
	if (f == NULL)
		return NULL;
	memset(f, 0, sizeof(*f));
	f->buf = pkg_malloc(len + 1);
	if (f->buf == NULL) {
		pkg_free(f);
		return NULL;
	}
	memcpy(f->buf, text, len);
	f->buf[len] = 0;
	f->len = len;
	f->id = id;
	return f;
}

static void free_faked(struct sip_msg *f)
{
	free_lump_list(f->add_rm);
	free_lump_list(f->body_lumps);
	if (f->new_uri.s)
		pkg_free(f->new_uri.s);
	if (f->dst_uri.s)
		pkg_free(f->dst_uri.s);
	pkg_free(f->buf);
	pkg_free(f);
}

static int str_is(str *s, const char *v)
{
	return s->s && s->len == (int)strlen(v) && memcmp(s->s, v, s->len) == 0;
}

static void on_timer(unsigned int ticks, void *param)
{
	struct sip_msg *f;
	int r;
	if (route_idx < 0 || sh->timer_ok)
		return;
	f = faked(timer_request, sizeof(timer_request) - 1, 424242);
	if (f == NULL)
		return;
	r = run_top_route(rlist[route_idx].a, f);
	sh->timer_runs++;
	if (r >= 0 && str_is(&f->dst_uri, "sip:timer-dst.example.com:5070"))
		sh->timer_ok = 1;
	else
		LM_ERR("timer run: flags %d, dst_uri <%.*s>\n", r, f->dst_uri.len, f->dst_uri.s ? f->dst_uri.s : "");
	free_faked(f);
}

/* the script's named flags "1" and "3" (as in 1.11, a number in setflag() is a name) */
static unsigned int flag1_mask, flag3_mask;

static int mod_init(void)
{
	int f1 = get_flag_id_by_name(FLAG_TYPE_MSG, "1"), f3 = get_flag_id_by_name(FLAG_TYPE_MSG, "3");
	if (f1 < 0 || f3 < 0)
		return -1;
	flag1_mask = 1u << f1;
	flag3_mask = 1u << f3;
	route_idx = get_script_route_ID_by_name(route_name, rlist, RT_NO);
	failure_idx = get_script_route_ID_by_name(failure_name, failure_rlist, FAILURE_RT_NO);
	LM_INFO("route <%s> is %d, failure_route <%s> is %d\n", route_name, route_idx,
			failure_name, failure_idx);
	sh = shm_malloc(sizeof(*sh));
	if (sh == NULL)
		return -1;
	memset(sh, 0, sizeof(*sh));
	if (use_timer && register_timer("routerun", on_timer, NULL, 1) < 0)
		return -1;
	return 0;
}

static void mod_destroy(void)
{
	if (sh)
		shm_free(sh);
	sh = NULL;
}

/* flags + 1 (> 0) or -1 */
static int rr_run_same(struct sip_msg *msg)
{
	int r;
	if (route_idx < 0)
		return -1;
	r = run_top_route(rlist[route_idx].a, msg);
	return r < 0 ? -1 : r + 1;
}

static int rr_run_faked(struct sip_msg *msg, char *uri)
{
	struct sip_msg *f;
	struct lump *anchor;
	str u;
	int r, ok;
	if (failure_idx < 0 || failure_rlist[failure_idx].a == NULL)
		return -1;
	f = faked(msg->buf, msg->len, msg->id + 100000);
	if (f == NULL)
		return -1;
	u.s = uri;
	u.len = strlen(uri);
	set_ruri(f, &u);
	f->flags = flag1_mask;
	/* a lump of the module's own: the route must keep it */
	anchor = anchor_lump(f, f->len - 2, 0, 0);   /* before the final CRLF */
	if (anchor) {
		char *h = pkg_malloc(15);
		memcpy(h, "X-From-C: 1\r\n", 13);
		if (insert_new_lump_before(anchor, h, 13, 0) == NULL)
			pkg_free(h);
	}
	route_type = FAILURE_ROUTE;
	r = run_top_route(failure_rlist[failure_idx].a, f);
	route_type = REQUEST_ROUTE;
	/* the failure route sets $du from $ru, $ru to a new one, flag 3, adds a header */
	ok = r >= 0 && str_is(&f->dst_uri, "sip:faked@example.com")
		&& str_is(&f->new_uri, "sip:next@example.com")
		&& (f->flags & flag3_mask) && (f->flags & flag1_mask)
		&& f->add_rm != NULL && f->add_rm->next != NULL;   /* C's anchor + the route's */
	if (!ok)
		LM_ERR("faked run: flags %d, du <%.*s> ru <%.*s> flags %x lumps %p\n", r,
				f->dst_uri.len, f->dst_uri.s ? f->dst_uri.s : "", f->new_uri.len,
				f->new_uri.s ? f->new_uri.s : "", f->flags, (void *)f->add_rm);
	free_faked(f);
	return ok ? 1 : -1;
}

static int rr_timer_ok(struct sip_msg *msg)
{
	return sh->timer_ok ? 1 : -1;
}

static int rr_bad(struct sip_msg *msg)
{
	struct action unknown;
	volatile int below = -1, past = RT_NO;   /* the off-by-one indexes a module may use */
	int bad = 0;
	if (run_top_route(NULL, msg) != -1) bad |= 1;
	if (route_idx > 0 && run_top_route(rlist[route_idx].a, NULL) != -1) bad |= 2;
	if (rlist[below].a != NULL || run_top_route(rlist[below].a, msg) != -1) bad |= 4;
	if (rlist[past].a != NULL || failure_rlist[past].a != NULL) bad |= 8;
	if (get_script_route_ID_by_name("no-such-route", rlist, RT_NO) != -1) bad |= 16;
	if (rlist[RT_NO - 1].a != NULL || run_top_route(rlist[RT_NO - 1].a, msg) != -1) bad |= 32;
	memset(&unknown, 0, sizeof(unknown));
	unknown.type = XLOG_T;
	if (do_action(&unknown, msg) >= 0) bad |= 64;
	if (do_action(NULL, msg) >= 0 || do_action(&unknown, NULL) >= 0) bad |= 128;
	unknown.type = ROUTE_T;
	unknown.elem[0].type = NUMBER_ST;
	unknown.elem[0].u.number = RT_NO + 5;
	if (do_action(&unknown, msg) >= 0) bad |= 256;
	if (bad)
		LM_ERR("bad input accepted: %x\n", bad);
	return bad ? -1 : 1;
}

static int rr_do(struct sip_msg *msg, char *op, char *arg)
{
	struct action a;
	memset(&a, 0, sizeof(a));
	a.elem[0].type = STRING_ST;
	a.elem[0].u.string = arg;
	if (strcmp(op, "sethostport") == 0) a.type = SET_HOSTPORT_T;
	else if (strcmp(op, "sethost") == 0) a.type = SET_HOST_T;
	else if (strcmp(op, "setuser") == 0) a.type = SET_USER_T;
	else if (strcmp(op, "prefix") == 0) a.type = PREFIX_T;
	else if (strcmp(op, "seturi") == 0) a.type = SET_URI_T;
	else if (strcmp(op, "revert") == 0) a.type = REVERT_URI_T;
	else if (strcmp(op, "setdst") == 0) a.type = SET_DSTURI_T;
	else if (strcmp(op, "strip") == 0) {
		a.type = STRIP_T;
		a.elem[0].type = NUMBER_ST;
		a.elem[0].u.number = atoi(arg);
	} else
		return -1;
	return do_action(&a, msg) < 0 ? -1 : 1;
}

static cmd_export_t cmds[] = {
	{"rr_run_same", (cmd_function)rr_run_same, 0, 0, 0, REQUEST_ROUTE},
	{"rr_run_faked", (cmd_function)rr_run_faked, 1, 0, 0, REQUEST_ROUTE},
	{"rr_timer_ok", (cmd_function)rr_timer_ok, 0, 0, 0, REQUEST_ROUTE},
	{"rr_bad", (cmd_function)rr_bad, 0, 0, 0, REQUEST_ROUTE},
	{"rr_do", (cmd_function)rr_do, 2, 0, 0, REQUEST_ROUTE},
	{0, 0, 0, 0, 0, 0}
};

static param_export_t params[] = {
	{"route", STR_PARAM, &route_name},
	{"failure_route", STR_PARAM, &failure_name},
	{"timer", INT_PARAM, &use_timer},
	{0, 0, 0}
};

struct module_exports exports = {
	"routerun", MODULE_VERSION, DEFAULT_DLFLAGS,
	cmds, params, 0, 0, 0, 0, mod_init, 0, mod_destroy, 0
};
