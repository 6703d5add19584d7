/* Internal declarations shared by the core library's sources (not part of the SDK). */
#ifndef SB_NATIVE_CORE_H
#define SB_NATIVE_CORE_H

#include <pthread.h>
#include <stdint.h>
#include "sb_sdk.h"

/* Module index 0 is the core itself; C and Java modules get 1.. in load order. */
#define SB_MAX_MODULES 1024
#define SB_CORE_MODULE 0

/* The module whose code this thread is running: memory is charged to it, and the
 * trampoline holds its lock. Set around every call into a module. */
/* Per-thread state read on every call through the trampoline: initial-exec, so each access
 * is one %fs-relative load instead of a __tls_get_addr call. Keep this set small: the JVM
 * opens the core with dlopen, and glibc's static TLS room for that is a few hundred bytes. */
#define SB_TLS_HOT __attribute__((tls_model("initial-exec")))
extern __thread int sb_current_module SB_TLS_HOT;

/* Per-thread heap blocks (thread_block.c): buffers too large for the core's static TLS. */
enum sb_thread_block_id { SB_TB_AVP, SB_TB_TOTAG, SB_TB_HOSTENT, SB_TB_DSET, SB_TB_COUNT };
void *sb_thread_block(enum sb_thread_block_id id, size_t size);

/* Serialises the code of modules that are not thread-safe. Modules that bind each other's
 * APIs share one group, since their code calls into each other directly. Reentrant for
 * the owning thread (a module function may call back into the core, which may call the
 * same module again). */
struct sb_module;
struct sb_lock_group {
	pthread_mutex_t mutex;
	int owner;   /* sb_thread_id() of the holder, 0 when free */
	int depth;   /* re-entries by the holder */
	int stuck_owner;   /* the holder the watchdog found stuck (waiters give up at once), 0 if none */
	/* per-thread module data (module_image.c): the modules of the group, whether any has
	 * an image, and the thread whose globals they hold now */
	struct sb_module *members;
	int has_images;
	int live_thread;
};

/* A small unique id of the calling thread (1, 2, ...), cheaper than pthread_self().
 * Inline: one TLS load on every call after the thread's first (sb_call uses it twice). */
extern __thread int sb_thread_id_cached SB_TLS_HOT;
int sb_thread_id_assign(void);
static inline int sb_thread_id(void)
{
	int id = sb_thread_id_cached;
	return id != 0 ? id : sb_thread_id_assign();
}

struct sb_module {
	int index;
	int in_use;
	char name[64];
	struct sb_lock_group *group;   /* NULL when the module is thread-safe */
	struct sb_lock_group own_group;
	struct sb_image *image;          /* per-thread copies of its globals, or NULL */
	struct sb_module *next_member;   /* in group->members */
};

/* Per-thread module data (module_image.c). sb_group_switch: with g locked by thread self,
 * makes every member's globals self's. sb_module_groups_changed rebuilds the member lists
 * (after a module record, a group or an image changed; not while module code runs). */
void sb_group_switch(struct sb_lock_group *g, int self);
void sb_module_groups_changed(void);
void sb_module_image_free(struct sb_module *m);
/* A new thread's first copy starts from this thread's copy when set (module processes:
 * the thread that started them), else from the module's creator. */
extern __thread int sb_image_origin;
/* No more switching of m's globals: a module process runs it unlocked from now on. */
void sb_module_image_pin(struct sb_module *m);
void sb_module_image_fork_point(struct sb_module *m);
/* Unlinks the script callbacks a module registered (script_cb.c), before it is unloaded. */
void sb_script_cb_forget(int module);
/* Unregisters the cachedb engines a module registered (cachedb/cachedb.c), before it is unloaded. */
void sb_cachedb_forget(int module);

struct sb_module *sb_module_at(int index);

/* Enter/leave a module: lock its group (if any) and make it the current module.
 * sb_enter returns what sb_leave needs: the previous current module and the group it
 * locked (the module's group may change meanwhile; the one locked is the one unlocked). */
struct sb_entry {
	int previous;
	struct sb_lock_group *locked;
};
struct sb_entry sb_enter(struct sb_module *m);
void sb_leave(struct sb_entry e);
/* sb_enter that waits at most the configured module_lock_timeout for the lock (forever
 * when none is set): 0 and *e filled, or -1 when the lock did not come (nothing held). */
int sb_enter_bounded(struct sb_module *m, struct sb_entry *e);

/* sb_call's inline fast path of sb_enter_bounded (same effect): a thread-safe module, or a
 * free lock taken at the first try. 1 when entered; 0 when the caller must go through
 * sb_enter_bounded (a re-entry, or a busy lock to wait for within module_lock_timeout). */
static inline int sb_enter_quick(struct sb_module *m, struct sb_entry *e)
{
	struct sb_lock_group *g = m->group;
	int self;
	if (g != NULL) {
		self = sb_thread_id();
		if (__atomic_load_n(&g->owner, __ATOMIC_RELAXED) == self || pthread_mutex_trylock(&g->mutex) != 0)
			return 0;
		__atomic_store_n(&g->owner, self, __ATOMIC_RELAXED);
		g->depth = 1;
		if (g->has_images && g->live_thread != self)
			sb_group_switch(g, self);   /* this thread's globals (module_image.c) */
	}
	e->previous = sb_current_module;
	e->locked = g;
	sb_current_module = m->index;
	return 1;
}

/* sb_leave, inline (the same steps). */
static inline void sb_leave_quick(struct sb_entry e)
{
	struct sb_lock_group *g = e.locked;
	sb_current_module = e.previous;
	if (g && --g->depth == 0) {
		if (__atomic_load_n(&g->stuck_owner, __ATOMIC_RELAXED) == g->owner)
			__atomic_store_n(&g->stuck_owner, 0, __ATOMIC_RELAXED);   /* it came back */
		__atomic_store_n(&g->owner, 0, __ATOMIC_RELAXED);
		pthread_mutex_unlock(&g->mutex);
	}
}
/* What sb_call and sb_call_response return when the module's lock did not come in time. */
#define SB_CALL_BUSY (-2147483647 + 0x5b)

/* Breadcrumbs (native/watchdog.c): what each thread is doing in module code, in memory a
 * watchdog reads and that outlives a crash when it is file-backed. One record per thread,
 * written only by its thread; the reader tolerates torn values (it samples twice). */
enum sb_crumb_kind { SB_CRUMB_NONE = 0, SB_CRUMB_CALL = 1, SB_CRUMB_RESPONSE = 2, SB_CRUMB_TIMER = 3,
	SB_CRUMB_LIFECYCLE = 4, SB_CRUMB_LOCK_WAIT = 5 };
struct sb_crumb {
	volatile uint64_t calls;   /* module calls started by this thread */
	volatile int32_t label;    /* label of the function (sb_frame_set_label), 0 if none */
	volatile int32_t module;   /* module index */
	volatile int32_t kind;     /* enum sb_crumb_kind */
	volatile int32_t depth;    /* module calls in progress (nested through the core) */
	volatile int32_t worker;   /* worker rank the Java side registered, 0 otherwise */
	int32_t reserved;
};
struct sb_crumb *sb_crumb_self(void);
/* The calling thread's crumb, cached per thread with the region it was found in (the region
 * moves once, when the server opens its crumb file): two TLS loads and a compare instead of a
 * call on every sb_call. */
extern __thread struct sb_crumb *sb_crumb_mine SB_TLS_HOT;
extern __thread char *sb_crumb_mine_in SB_TLS_HOT;
extern char *volatile sb_crumb_region;
struct sb_crumb *sb_crumb_self_cache(void);
static inline struct sb_crumb *sb_crumb_self_fast(void)
{
	if (sb_crumb_mine_in == sb_crumb_region && sb_crumb_mine != NULL)
		return sb_crumb_mine;
	return sb_crumb_self_cache();
}
int sb_crumb_label_new(const char *text);
void sb_crumb_module_named(int index, const char *name);
/* Saves the calling thread's crumb into *saved and records (kind, module, label). */
static inline struct sb_crumb *sb_crumb_enter(struct sb_crumb *saved, int kind, int module, int label)
{
	struct sb_crumb *c = sb_crumb_self_fast();
	saved->label = c->label;
	saved->module = c->module;
	saved->kind = c->kind;
	c->label = label;
	c->module = module;
	c->kind = kind;
	if (kind != SB_CRUMB_LOCK_WAIT) {
		c->depth = c->depth + 1;
		c->calls = c->calls + 1;
	}
	return c;
}
static inline void sb_crumb_leave(struct sb_crumb *c, const struct sb_crumb *saved, int was_call)
{
	if (was_call)
		c->depth = c->depth - 1;
	c->label = saved->label;
	c->module = saved->module;
	c->kind = saved->kind;
}

/* Memory pools, for accounting. */
enum sb_pool { SB_POOL_PKG = 0, SB_POOL_SHM = 1 };

/* Accounting of a released module index: clean means nothing of it is still live (so
 * the index may be given to a new module); forget resets its peaks and totals. */
int sb_mem_module_clean(int module);
void sb_mem_forget(int module);

/* Allocate on behalf of a given module (the core copying fixup parameters for it). */
void *sb_pkg_malloc_for(int module, size_t size);
char *sb_pkg_strdup_for(int module, const char *s);
/* A copy whose block carries tag (never 0) until it is freed: a live block at the same
 * address that is not tagged was allocated since (e.g. a fixup freed a parameter and got
 * its address back for a structure of its own). sb_pkg_is_tagged(p, tag): p is a live
 * pkg block with that tag; p must be a live block or the core's copy itself. */
char *sb_pkg_strdup_tagged(int module, const char *s, uint16_t tag);
int sb_pkg_is_tagged(const void *p, uint16_t tag);

/* 1 when free_fixup is a generic fixup_free_* of the core that leaves parameter
 * param_no alone (native/fixup.c). */
int sb_free_fixup_leaves(void *free_fixup, int param_no);

/* After a C call that got msg: notice a changed new_uri/dst_uri (native/msg/uri_watch.c). */
struct sip_msg;
void sb_msg_uri_check(struct sip_msg *msg);

/* Upcalls into Java, registered once at start-up (see registry.c, pv.c). */
typedef void (*sb_log_sink_f)(int level, const char *module, const char *func,
		const char *msg, int len);

/* pv.c: releases a spec parsed into caller memory (the spec itself is not freed). */
void sb_pv_spec_release(pv_spec_t *spec);

#endif
