/* The MI registry as C transports see it: lookup_mi_cmd, init_mi_child, get_mi_cmds.
 *
 * Java owns the one MI registry (org.sipbridge.mi.MiRegistry). Once the server runs it
 * publishes every command here (MiPublisher): a C module's command with its function, a
 * core or Java command with an id. Each entry is a 1.11 struct mi_cmd whose f is one of
 * two trampolines and whose param is the entry's sb_mi_target:
 *  - c_trampoline calls the module's function with the module's own param under the
 *    module's lock (bounded by module_lock_timeout), on the calling thread's copy of the
 *    module's globals, after the command's init_f ran once on that thread;
 *  - java_trampoline hands the request tree to Java (an upcall, with cancellation off: a
 *    module process may be cancelled at shutdown), which runs the command and returns a
 *    reply tree built with the tree functions (pkg; the caller frees it).
 *
 * The table only changes between servers: publish_begin..publish_end fill it while no
 * transport serves (the previous server's processes were joined), unpublish makes
 * lookups fail from the moment a server stops. Strings are copied (malloc) and freed at
 * the next publish, so pointers a transport got stay valid while its server runs. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "sb_core.h"
#include "../include/mi/mi.h"
#include "../include/mi/fmt.h"

#define SB_MAX_PUB 1024
#define SB_MI_WAIT_MS 30000

/* Java runs core/Java command `id` on request tree `req`; returns the reply tree address
 * (0: failed). */
typedef long (*sb_mi_java_runner)(int id, long req);

struct sb_mi_target {
	int java_id;              /* >= 0: a core/Java command */
	int module;               /* C command: owner module index */
	mi_cmd_f *f;              /* C command: the module's function */
	void *param;              /* C command: the module's param */
	mi_child_init_f *init_f;  /* C command: its per-process init, or NULL */
};

static struct mi_cmd pub[SB_MAX_PUB];
static struct sb_mi_target targets[SB_MAX_PUB];
static int pub_count;
static int pub_ready;         /* 1 while a server's registry is published */
static unsigned int pub_gen;  /* bumped at every publish: per-thread init marks of older ones lapse */
static sb_mi_java_runner java_runner;

/* Which commands' init_f ran on this thread, for generation inited_gen. */
static __thread unsigned int inited_gen;
static __thread unsigned char inited[SB_MAX_PUB];

__thread mi_flush_f *crt_flush_fnct;
__thread void *crt_flush_param;
__thread char *mi_fmt_buf;
__thread int mi_fmt_buf_len;

int mi_fmt_init(unsigned int size)
{
	char *b = realloc(mi_fmt_buf, size ? size : DEFAULT_MI_FMT_BUF_SIZE);
	if (b == NULL)
		return -1;
	mi_fmt_buf = b;
	mi_fmt_buf_len = (int)(size ? size : DEFAULT_MI_FMT_BUF_SIZE);
	return 0;
}

static int ready(void)
{
	return __atomic_load_n(&pub_ready, __ATOMIC_ACQUIRE);
}

/* Runs entry i's init_f on this thread unless it ran already; 0 or -1. */
static int init_here(int i)
{
	struct sb_mi_target *t = &targets[i];
	struct sb_module *m;
	struct sb_entry e;
	int r;
	unsigned int gen = __atomic_load_n(&pub_gen, __ATOMIC_ACQUIRE);
	if (inited_gen != gen) {
		memset(inited, 0, sizeof(inited));
		inited_gen = gen;
	}
	if (inited[i] || t->init_f == NULL || t->java_id >= 0) {
		inited[i] = 1;
		return 0;
	}
	m = sb_module_at(t->module);
	if (m == NULL || sb_enter_bounded(m, &e) < 0) {
		LM_ERR("MI command %.*s: its module is gone or busy\n", pub[i].name.len, pub[i].name.s);
		return -1;
	}
	r = t->init_f();
	sb_leave(e);
	if (r < 0) {
		LM_ERR("the MI init function of %.*s failed (%d)\n", pub[i].name.len, pub[i].name.s, r);
		return -1;
	}
	inited[i] = 1;
	return 0;
}

static struct mi_root *c_trampoline(struct mi_root *req, void *param)
{
	struct sb_mi_target *t = param;
	int i = (int)(t - targets);
	struct sb_module *m;
	struct sb_entry e;
	struct mi_root *r;
	if (i < 0 || i >= SB_MAX_PUB || !ready())
		return NULL;
	if (init_here(i) < 0)
		return NULL;
	m = sb_module_at(t->module);
	if (m == NULL || sb_enter_bounded(m, &e) < 0) {
		LM_ERR("MI command %.*s: module lock not available\n", pub[i].name.len, pub[i].name.s);
		return NULL;
	}
	r = t->f(req, t->param);
	sb_leave(e);
	return r;
}

static struct mi_root *java_trampoline(struct mi_root *req, void *param)
{
	struct sb_mi_target *t = param;
	sb_mi_java_runner run = __atomic_load_n(&java_runner, __ATOMIC_ACQUIRE);
	int old;
	long r;
	if (run == NULL || !ready())
		return NULL;
	pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &old);
	r = run(t->java_id, (long)(intptr_t)req);
	pthread_setcancelstate(old, NULL);
	return (struct mi_root *)(intptr_t)r;
}

struct mi_cmd *lookup_mi_cmd(char *name, int len)
{
	int i, n;
	if (name == NULL || len <= 0 || !ready())
		return NULL;
	n = __atomic_load_n(&pub_count, __ATOMIC_ACQUIRE);
	for (i = 0; i < n; i++)
		if (pub[i].name.len == len && memcmp(pub[i].name.s, name, (size_t)len) == 0)
			return &pub[i];
	return NULL;
}

void get_mi_cmds(struct mi_cmd **cmds, int *size)
{
	if (cmds)
		*cmds = pub;
	if (size)
		*size = ready() ? __atomic_load_n(&pub_count, __ATOMIC_ACQUIRE) : 0;
}

int init_mi_child(void)
{
	struct timespec tick = { 0, 10 * 1000 * 1000 };
	int waited = 0, i, n, failed = 0;
	while (!ready()) {
		if (waited >= SB_MI_WAIT_MS) {
			LM_ERR("the MI registry was not published within %d s\n", SB_MI_WAIT_MS / 1000);
			return -1;
		}
		nanosleep(&tick, NULL);   /* a cancellation point: a stopping server ends us here */
		waited += 10;
	}
	n = __atomic_load_n(&pub_count, __ATOMIC_ACQUIRE);
	for (i = 0; i < n; i++)
		if (init_here(i) < 0)
			failed = 1;
	return failed ? -1 : 0;
}

struct mi_root *mi_help(struct mi_root *cmd, void *param)
{
	struct mi_node *arg;
	struct mi_cmd *c;
	struct mi_root *rpl;
	(void)param;
	if (cmd == NULL || (arg = cmd->node.kids) == NULL || arg->next != NULL)
		return init_mi_tree(400, MI_SSTR(MI_MISSING_PARM_S));
	c = lookup_mi_cmd(arg->value.s, arg->value.len);
	if (c == NULL)
		return init_mi_tree(404, MI_SSTR("unknown MI command"));
	rpl = init_mi_tree(200, MI_SSTR(MI_OK_S));
	if (rpl == NULL)
		return NULL;
	if (!add_mi_node_child(&rpl->node, 0, MI_SSTR("Help"), c->help.s, c->help.len)
			|| !add_mi_node_child(&rpl->node, 0, MI_SSTR("Exported by"), c->module.s, c->module.len)) {
		free_mi_tree(rpl);
		return NULL;
	}
	return rpl;
}

/* ---- Java side ---- */

SB_JAVA_API void sb_mi_set_java_runner(sb_mi_java_runner r)
{
	__atomic_store_n(&java_runner, r, __ATOMIC_RELEASE);
}

static void set_str(str *s, const char *v)
{
	s->s = strdup(v ? v : "");
	s->len = s->s ? (int)strlen(s->s) : 0;
}

/* Starts a new table (the previous server's entries are dropped). */
SB_JAVA_API void sb_mi_publish_begin(void)
{
	int i;
	__atomic_store_n(&pub_ready, 0, __ATOMIC_RELEASE);
	for (i = 0; i < pub_count; i++) {
		free(pub[i].module.s);
		free(pub[i].name.s);
		free(pub[i].help.s);
	}
	memset(pub, 0, sizeof(pub));
	memset(targets, 0, sizeof(targets));
	__atomic_store_n(&pub_count, 0, __ATOMIC_RELEASE);
}

static struct mi_cmd *next_entry(const char *name, const char *help, const char *module,
		unsigned int flags)
{
	struct mi_cmd *c;
	if (pub_count == SB_MAX_PUB || name == NULL || *name == 0)
		return NULL;
	c = &pub[pub_count];
	c->id = pub_count;
	set_str(&c->module, module);
	set_str(&c->name, name);
	set_str(&c->help, help);
	c->flags = flags;
	c->param = &targets[pub_count];
	return c;
}

/* A C module's command: 0, or -1 (table full, bad name). */
SB_JAVA_API int sb_mi_publish_c(const char *name, const char *help, const char *module,
		int module_index, void *f, void *param, void *init_f, int flags)
{
	struct mi_cmd *c;
	struct sb_mi_target *t;
	if (f == NULL) {
		LM_ERR("MI command %s has no function\n", name ? name : "(no name)");
		return -1;
	}
	c = next_entry(name, help, module, (unsigned int)flags);
	if (c == NULL)
		return -1;
	t = &targets[pub_count];
	t->java_id = -1;
	t->module = module_index;
	t->f = (mi_cmd_f *)f;
	t->param = param;
	t->init_f = (mi_child_init_f *)init_f;
	c->f = c_trampoline;
	c->init_f = NULL;   /* run by init_mi_child / the trampoline, under the module's lock */
	pub_count++;
	return 0;
}

/* A core or Java command, run by the Java runner with id: 0 or -1. Such commands take
 * their input (they never set MI_NO_INPUT_FLAG) and answer synchronously. */
SB_JAVA_API int sb_mi_publish_java(const char *name, const char *help, const char *module, int id)
{
	struct mi_cmd *c = next_entry(name, help, module, 0);
	if (c == NULL || id < 0)
		return -1;
	targets[pub_count].java_id = id;
	targets[pub_count].module = -1;
	c->f = java_trampoline;
	pub_count++;
	return 0;
}

SB_JAVA_API void sb_mi_publish_end(void)
{
	__atomic_add_fetch(&pub_gen, 1, __ATOMIC_ACQ_REL);
	__atomic_store_n(&pub_ready, 1, __ATOMIC_RELEASE);
}

/* The server stops: lookups fail from now on (entries stay readable until the next begin). */
SB_JAVA_API void sb_mi_unpublish(void)
{
	__atomic_store_n(&pub_ready, 0, __ATOMIC_RELEASE);
}

/* A reply tree with code and a copy of reason (in the root's own block), for Java. */
SB_JAVA_API struct mi_root *sb_mi_reply_new(int code, const char *reason)
{
	size_t len = reason ? strlen(reason) : 0;
	struct mi_root *r = pkg_malloc(sizeof(*r) + len + 1);
	if (r == NULL)
		return NULL;
	memset(r, 0, sizeof(*r));
	r->code = (unsigned int)code;
	if (len) {
		r->reason.s = (char *)(r + 1);
		memcpy(r->reason.s, reason, len + 1);
		r->reason.len = (int)len;
	}
	return r;
}

/* The root node of a tree (where a reply's top-level kids hang). */
SB_JAVA_API struct mi_node *sb_mi_root_node(struct mi_root *r)
{
	return r ? &r->node : NULL;
}

/* Appends a kid to parent, name (may be NULL) and value (may be NULL) copied; the new node. */
SB_JAVA_API struct mi_node *sb_mi_add_kid(struct mi_node *parent, const char *name, const char *value)
{
	int nl = name ? (int)strlen(name) : 0, vl = value ? (int)strlen(value) : 0;
	if (parent == NULL)
		return NULL;
	/* empty means absent, as 1.11 stores it (no pointer into Java's temporary string) */
	return add_mi_node_child(parent, MI_DUP_NAME | MI_DUP_VALUE, nl ? (char *)name : NULL, nl,
			vl ? (char *)value : NULL, vl);
}

/* Adds the attribute name=value (both copied; empty means absent) to node, as 1.11's ps
 * puts ID, PID and Type on each Process node; 0, or -1 when out of pkg memory. */
SB_JAVA_API int sb_mi_add_attr(struct mi_node *node, const char *name, const char *value)
{
	int nl = name ? (int)strlen(name) : 0, vl = value ? (int)strlen(value) : 0;
	if (node == NULL)
		return -1;
	return add_mi_attr(node, MI_DUP_NAME | MI_DUP_VALUE, nl ? (char *)name : NULL, nl,
			vl ? (char *)value : NULL, vl) ? 0 : -1;
}

/* ---- module processes for the core's `ps` ---- */

struct process_table;
extern struct process_table *pt;
extern unsigned int counted_processes;
int sb_pt_first_module_proc(void);
int sb_pt_pid(int idx);
const char *sb_pt_desc(int idx);

/* Java: module process n (0 = the first one): its process table index, with its pid in
 * out[0] and its description copied to buf[0..cap); -1 past the last one. */
SB_JAVA_API int sb_mi_module_proc(int n, int *out, char *buf, int cap)
{
	int idx = sb_pt_first_module_proc() + n;
	const char *desc;
	if (n < 0 || idx >= (int)__atomic_load_n(&counted_processes, __ATOMIC_ACQUIRE) || cap <= 0)
		return -1;
	out[0] = sb_pt_pid(idx);
	desc = sb_pt_desc(idx);
	snprintf(buf, (size_t)cap, "%s", desc ? desc : "");
	return idx;
}
