/* A C MI transport, written the way mi_fifo and mi_datagram are: a module process that
 * calls init_mi_child(), finds commands with lookup_mi_cmd and runs them with run_mi_cmd
 * on its own thread, reads the reply trees and frees them. Instead of reading a FIFO it
 * runs a fixed list of checks once and keeps the outcome, which the MI command
 * mit_results reports (the JUnit test reads it over HTTP):
 *  - core commands served by Java (which, version, uptime, get_statistics, log_level), and
 *    1.11's tree shapes for ps (Process nodes with ID, PID, Type attributes) and debug;
 *  - another C module's command (mitest's mitest_echo: its init_f ran on this thread);
 *  - this module's asynchronous command mit_async, answered from another thread through
 *    the handler this transport built, as mi_fifo builds one;
 *  - flush_mi_tree reaching this transport's flush function;
 *  - bad input: an unknown command, a NULL tree, too many arguments, a huge argument.
 * mit_async is also the command the HTTP tests call: it answers after delay_ms (modparam
 * or first argument) from a new thread. */
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "../../sr_module.h"
#include "../../dprint.h"
#include "../../mem/mem.h"
#include "../../mem/shm_mem.h"
#include "../../mi/mi.h"

#define REPORT_LEN 4096

static int delay_ms = 100;           /* modparam: how late mit_async answers */

/* What the transport process found. In shm, as in OpenSIPS: the process and the thread
 * running mit_results each have their own copy of the module's globals. */
struct outcome {
	pthread_mutex_t lock;
	int done;                        /* set once the process ran every check */
	int passed, failed;
	int pending;                     /* mit_async answers still to come */
	char report[REPORT_LEN];         /* failures, one per line */
};
static struct outcome *out;

static void check(int ok, const char *what)
{
	pthread_mutex_lock(&out->lock);
	if (ok) {
		out->passed++;
	} else {
		size_t used = strlen(out->report);
		out->failed++;
		snprintf(out->report + used, sizeof(out->report) - used, "%s\n", what);
		LM_ERR("check failed: %s\n", what);
	}
	pthread_mutex_unlock(&out->lock);
}

/* ---- the asynchronous command ---- */

struct late_answer {
	struct mi_handler *hdl;
	int delay;
	char text[32];
};

static void *answer_later(void *arg)
{
	struct late_answer *a = arg;
	struct mi_root *rpl;
	struct timespec ts = { a->delay / 1000, (long)(a->delay % 1000) * 1000000L };
	nanosleep(&ts, NULL);
	rpl = init_mi_tree(200, MI_SSTR(MI_OK));
	if (rpl)
		add_mi_node_child(&rpl->node, MI_DUP_VALUE, "answer", 6, a->text, (int)strlen(a->text));
	a->hdl->handler_f(rpl, a->hdl, 1);   /* the handler owns rpl from here */
	free(a);
	__atomic_sub_fetch(&out->pending, 1, __ATOMIC_ACQ_REL);
	return NULL;
}

/* mit_async [delay_ms]: MI_ROOT_ASYNC_RPL, then an answer "late <delay>" from a new thread. */
static struct mi_root *mi_async(struct mi_root *req, void *param)
{
	struct late_answer *a;
	pthread_t t;
	int d = delay_ms;
	if (req == NULL || req->async_hdl == NULL)
		return init_mi_tree(500, MI_SSTR("no async handler"));
	if (req->node.kids && req->node.kids->value.len > 0) {
		char num[16];
		int l = req->node.kids->value.len < 15 ? req->node.kids->value.len : 15;
		memcpy(num, req->node.kids->value.s, (size_t)l);
		num[l] = 0;
		d = atoi(num);
	}
	a = malloc(sizeof(*a));
	if (a == NULL)
		return NULL;
	a->hdl = req->async_hdl;   /* the request tree is freed by the transport; the handler is not */
	a->delay = d;
	snprintf(a->text, sizeof(a->text), "late %d", d);
	__atomic_add_fetch(&out->pending, 1, __ATOMIC_ACQ_REL);
	if (pthread_create(&t, NULL, answer_later, a) != 0) {
		__atomic_sub_fetch(&out->pending, 1, __ATOMIC_ACQ_REL);
		free(a);
		return NULL;
	}
	pthread_detach(t);
	return MI_ROOT_ASYNC_RPL;
}

/* mit_flush: sends a first part through flush_mi_tree, then the rest as the reply. */
static struct mi_root *mi_flush_cmd(struct mi_root *req, void *param)
{
	struct mi_root *rpl = init_mi_tree(200, MI_SSTR(MI_OK));
	int r;
	if (rpl == NULL)
		return NULL;
	add_mi_node_child(&rpl->node, 0, "part", 4, "one", 3);
	r = flush_mi_tree(rpl);
	addf_mi_node_child(&rpl->node, 0, "flushed", 7, "%d", r);
	return rpl;
}

/* mit_results: passed, failed, the failures, done (0 while the process still runs). */
static struct mi_root *mi_results(struct mi_root *req, void *param)
{
	struct mi_root *rpl = init_mi_tree(200, MI_SSTR(MI_OK));
	if (rpl == NULL)
		return NULL;
	pthread_mutex_lock(&out->lock);
	addf_mi_node_child(&rpl->node, 0, "done", 4, "%d", out->done);
	addf_mi_node_child(&rpl->node, 0, "passed", 6, "%d", out->passed);
	addf_mi_node_child(&rpl->node, 0, "failed", 6, "%d", out->failed);
	addf_mi_node_child(&rpl->node, 0, "pending", 7, "%d", __atomic_load_n(&out->pending, __ATOMIC_ACQUIRE));
	add_mi_node_child(&rpl->node, MI_DUP_VALUE, "report", 6, out->report, (int)strlen(out->report));
	pthread_mutex_unlock(&out->lock);
	return rpl;
}

/* ---- the transport side ---- */

/* The transport's flush function: counts the partial trees it was given in *param. */
static int count_flush(void *param, struct mi_root *t)
{
	if (param && t && t->node.kids)
		(*(int *)param)++;
	return 7;
}

struct async_wait {
	sem_t done;
	struct mi_root *reply;
	int calls;
};

static void transport_handler(struct mi_root *rpl, struct mi_handler *hdl, int done)
{
	struct async_wait *w = hdl->param;
	w->calls++;
	if (done) {
		w->reply = rpl;
		sem_post(&w->done);
	} else if (rpl) {
		free_mi_tree(rpl);
	}
}

static struct mi_node *kid(struct mi_node *parent, const char *name)
{
	struct mi_node *k;
	for (k = parent->kids; k; k = k->next)
		if (k->name.len == (int)strlen(name) && memcmp(k->name.s, name, k->name.len) == 0)
			return k;
	return NULL;
}

static int value_is(struct mi_node *n, const char *v)
{
	return n && n->value.len == (int)strlen(v) && memcmp(n->value.s, v, n->value.len) == 0;
}

static int has_value(struct mi_node *parent, const char *v)
{
	struct mi_node *k;
	for (k = parent->kids; k; k = k->next)
		if (value_is(k, v))
			return 1;
	return 0;
}

static int attr_is(struct mi_attr *a, const char *name)
{
	return a && a->name.len == (int)strlen(name) && memcmp(a->name.s, name, a->name.len) == 0
			&& a->value.s && a->value.len > 0;
}

/* ps as 1.11 answers it: only "Process" nodes without value or kids, each with the
 * attributes ID, PID and Type in that order; one of them is this transport's process. */
static int ps_shape(struct mi_root *r)
{
	struct mi_node *k;
	struct mi_attr *a;
	int mine = 0;
	if (r == NULL || r->code != 200 || r->node.kids == NULL)
		return 0;
	for (k = r->node.kids; k; k = k->next) {
		a = k->attributes;
		if (k->name.len != 7 || memcmp(k->name.s, "Process", 7) != 0 || k->value.s || k->kids
				|| !attr_is(a, "ID") || !attr_is(a->next, "PID") || !attr_is(a->next->next, "Type")
				|| a->next->next->next)
			return 0;
		a = a->next->next;
		if (a->value.len == 17 && memcmp(a->value.s, "MI test transport", 17) == 0)
			mine = 1;
	}
	return mine;
}

/* Runs name with the request tree req (freed here); the reply (caller frees) or NULL. */
static struct mi_root *run(const char *name, struct mi_root *req)
{
	struct mi_cmd *c = lookup_mi_cmd((char *)name, (int)strlen(name));
	struct mi_root *r;
	if (c == NULL) {
		free_mi_tree(req);
		return NULL;
	}
	r = run_mi_cmd(c, req, NULL, NULL);
	free_mi_tree(req);
	return r == MI_ROOT_ASYNC_RPL ? NULL : r;
}

static struct mi_root *request(void)
{
	return init_mi_tree(0, NULL, 0);
}

static void run_checks(void)
{
	struct mi_root *req, *r;
	struct mi_node *n;
	struct mi_cmd *c;
	int i, flushes = 0;

	/* which: a core (Java) command listing C and Java commands */
	r = run("which", request());
	check(r && r->code == 200 && has_value(&r->node, "which") && has_value(&r->node, "mitest_echo")
			&& has_value(&r->node, "mit_async") && has_value(&r->node, "get_statistics"),
			"which lists core and module commands");
	free_mi_tree(r);

	/* a NULL request tree (MI_NO_INPUT_FLAG style) is accepted by Java commands */
	c = lookup_mi_cmd("version", 7);
	r = c ? run_mi_cmd(c, NULL, NULL, NULL) : NULL;
	n = r ? kid(&r->node, "Server") : NULL;
	check(r && r->code == 200 && n && n->value.len > 0 && c->module.len == 4
			&& memcmp(c->module.s, "core", 4) == 0, "version with a NULL tree");
	free_mi_tree(r);

	r = run("uptime", request());
	check(r && r->code == 200 && kid(&r->node, "Up since") && kid(&r->node, "Up time"), "uptime");
	free_mi_tree(r);

	r = run("ps", request());
	check(ps_shape(r), "ps answers 1.11's Process nodes with ID, PID, Type attributes");
	free_mi_tree(r);

	r = run("debug", request());
	n = r ? kid(&r->node, "DEBUG") : NULL;
	check(r && r->code == 200 && n && n->value.len > 0 && n->next == NULL, "debug answers DEBUG");
	free_mi_tree(r);

	/* get_statistics core: (positional argument, as mi_fifo passes it) */
	req = request();
	add_mi_node_child(&req->node, 0, NULL, 0, "core:", 5);
	r = run("get_statistics", req);
	check(r && r->code == 200 && kid(&r->node, "core:rcv_requests"), "get_statistics core:");
	free_mi_tree(r);

	/* log_level with a bad level: an error tree with its code, not a crash */
	req = request();
	add_mi_node_child(&req->node, 0, NULL, 0, "abc", 3);
	r = run("log_level", req);
	check(r && r->code == 400 && r->reason.len > 0, "log_level abc is a 400");
	free_mi_tree(r);

	/* another C module's command, under its lock, with its init_f run on this thread */
	req = request();
	add_mi_node_child(&req->node, 0, "a", 1, "1", 1);
	r = run("mitest_echo", req);
	n = r ? kid(&r->node, "summary") : NULL;
	check(r && r->code == 200 && value_is(kid(&r->node, "a"), "1") && n && n->attributes,
			"mitest_echo from a C transport");
	free_mi_tree(r);

	/* flush_mi_tree reaches the transport's flush function, only while the command runs */
	c = lookup_mi_cmd("mit_flush", 9);
	r = c ? run_mi_cmd(c, request(), count_flush, &flushes) : NULL;
	check(r && flushes == 1 && value_is(kid(&r->node, "flushed"), "7") && crt_flush_fnct == NULL,
			"flush_mi_tree");
	free_mi_tree(r);

	/* asynchronous: MI_ROOT_ASYNC_RPL now, the answer from another thread through our handler */
	c = lookup_mi_cmd("mit_async", 9);
	check(c && (c->flags & MI_ASYNC_RPL_FLAG), "mit_async is flagged asynchronous");
	if (c) {
		struct async_wait *w = shm_malloc(sizeof(*w));
		struct mi_handler *h = shm_malloc(sizeof(*h));
		struct timespec until;
		if (w && h) {
			memset(w, 0, sizeof(*w));
			sem_init(&w->done, 0, 0);
			h->handler_f = transport_handler;
			h->param = w;
			req = request();
			add_mi_node_child(&req->node, 0, NULL, 0, "50", 2);
			req->async_hdl = h;
			r = run_mi_cmd(c, req, NULL, NULL);
			free_mi_tree(req);
			check(r == MI_ROOT_ASYNC_RPL, "mit_async answers later");
			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_sec += 5;
			if (r == MI_ROOT_ASYNC_RPL && sem_timedwait(&w->done, &until) == 0) {
				check(w->calls == 1 && w->reply && w->reply->code == 200
						&& value_is(kid(&w->reply->node, "answer"), "late 50"), "the late answer");
				free_mi_tree(w->reply);
			} else {
				check(0, "the late answer came within 5 s");
			}
			sem_destroy(&w->done);
		}
		shm_free(w);
		shm_free(h);
	}

	/* bad input */
	check(lookup_mi_cmd("no_such_command", 15) == NULL, "unknown command");
	check(lookup_mi_cmd("which", 0) == NULL && lookup_mi_cmd(NULL, 5) == NULL, "empty lookups");
	req = request();
	for (i = 0; i < 10001; i++)
		add_mi_node_child(&req->node, 0, NULL, 0, "core:", 5);
	r = run("get_statistics", req);
	check(r && r->code == 400, "10001 arguments are a 400");
	free_mi_tree(r);
	{
		int big = 2 * 1024 * 1024;
		char *huge = pkg_malloc((size_t)big);
		if (huge) {
			memset(huge, 'x', (size_t)big);
			req = request();
			add_mi_node_child(&req->node, 0, NULL, 0, huge, big);
			r = run("get_statistics", req);
			check(r && r->code == 400, "a 2 MB argument is a 400");
			free_mi_tree(r);
			pkg_free(huge);
		}
	}
	req = request();
	n = add_mi_node_child(&req->node, 0, "statistics", 10, NULL, 0);
	add_mi_node_child(n, 0, NULL, 0, "core:", 5);
	r = run("get_statistics", req);
	check(r && r->code == 400, "nested arguments are a 400");
	free_mi_tree(r);
}

static void transport_process(int rank)
{
	if (init_mi_child() != 0) {
		check(0, "init_mi_child");
	} else {
		run_checks();
	}
	pthread_mutex_lock(&out->lock);
	out->done = 1;
	LM_INFO("MI transport checks: %d passed, %d failed\n", out->passed, out->failed);
	pthread_mutex_unlock(&out->lock);
	for (;;)
		sleep(3600);   /* like a transport waiting for input; cancelled at shutdown */
}

static int mod_init(void)
{
	pthread_mutexattr_t a;
	out = shm_malloc(sizeof(*out));
	if (out == NULL)
		return -1;
	memset(out, 0, sizeof(*out));
	pthread_mutexattr_init(&a);
	pthread_mutex_init(&out->lock, &a);
	pthread_mutexattr_destroy(&a);
	return 0;
}

/* The answering threads run this module's code: wait for them before it is unloaded. */
static void destroy(void)
{
	int i;
	for (i = 0; i < 1000 && __atomic_load_n(&out->pending, __ATOMIC_ACQUIRE) > 0; i++)
		usleep(10000);
	if (out->pending > 0)
		LM_ERR("%d mit_async answers still pending at unload\n", out->pending);
	usleep(50000);   /* the last one counted down and is returning from our code */
}

static proc_export_t procs[] = {
	{"MI test transport", 0, 0, transport_process, 1, 0},
	{0, 0, 0, 0, 0, 0}
};

static mi_export_t mi_cmds[] = {
	{"mit_async", "answers after delay_ms from another thread", mi_async, MI_ASYNC_RPL_FLAG, 0, 0},
	{"mit_flush", "flushes part of its reply", mi_flush_cmd, 0, 0, 0},
	{"mit_results", "what the transport process found", mi_results, MI_NO_INPUT_FLAG, 0, 0},
	{0, 0, 0, 0, 0, 0}
};

static param_export_t params[] = {
	{"delay_ms", INT_PARAM, &delay_ms},
	{0, 0, 0}
};

struct module_exports exports = {
	"mitransport", MODULE_VERSION, DEFAULT_DLFLAGS,
	0, params, 0, mi_cmds, 0, procs, mod_init, 0, destroy, 0
};
