/* Module records on the native side: index, name and the lock that keeps a module that is
 * not thread-safe on one thread at a time. Records are created by the Java loader before
 * any module code runs and released when the module is unloaded. A released index keeps
 * its memory accounting readable; it is given to a new module only once the table is full,
 * and only if nothing of the old module is still live (a leak stays visible). */
#include <string.h>
#include <time.h>
#include "sb_core.h"
#include "net/sb_net.h"

static struct sb_module modules[SB_MAX_MODULES];
static int next_index = 1;
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;

struct sb_module *sb_module_at(int index)
{
	if (index <= 0 || index >= SB_MAX_MODULES || !modules[index].in_use)
		return NULL;
	return &modules[index];
}

/* A released index with nothing live, its accounting reset; -1 if none. */
static int reusable_index(void)
{
	int i;
	for (i = 1; i < SB_MAX_MODULES; i++) {
		if (!modules[i].in_use && sb_mem_module_clean(i)) {
			sb_mem_forget(i);
			return i;
		}
	}
	return -1;
}

/* Rebuilds every group's member list (module_image.c swaps a group's members together).
 * Caller holds registry_lock, or runs before any module code can. */
static void relink_groups(void)
{
	int i;
	for (i = 1; i < SB_MAX_MODULES; i++) {
		modules[i].own_group.members = NULL;
		modules[i].own_group.has_images = 0;
		modules[i].own_group.live_thread = 0;   /* members may have changed: check all */
	}
	for (i = 1; i < SB_MAX_MODULES; i++) {
		struct sb_module *m = &modules[i];
		if (!m->in_use || m->group == NULL)
			continue;
		m->next_member = m->group->members;
		m->group->members = m;
		if (m->image)
			m->group->has_images = 1;
	}
}

void sb_module_groups_changed(void)
{
	pthread_mutex_lock(&registry_lock);
	relink_groups();
	pthread_mutex_unlock(&registry_lock);
}

/* Java, at unload: the record is free again. Modules that shared its lock (they had bound
 * its API) go back to their own. */
SB_JAVA_API void sb_module_release(int index)
{
	struct sb_module *m = sb_module_at(index);
	int i;
	if (m == NULL)
		return;
	sb_script_cb_forget(index);
	sb_cachedb_forget(index);   /* the cachedb engines it registered (cachedb.c) */
	/* what it registered with the network layer (events, transports, UDP callbacks) */
	sb_evi_forget_module(index);
	sb_net_udp_forget_module(index);
	sb_alias_forget(index);   /* its alias checkers (net/name_alias.c) */
	pthread_mutex_lock(&registry_lock);
	for (i = 1; i < SB_MAX_MODULES; i++)
		if (i != index && modules[i].in_use && modules[i].group == &m->own_group)
			modules[i].group = &modules[i].own_group;
	m->in_use = 0;
	sb_module_image_free(m);
	relink_groups();
	pthread_mutex_unlock(&registry_lock);
}

/* Java: a new module record; returns its index (>0) or -1 when the table is full. */
SB_JAVA_API int sb_module_new(const char *name, int thread_safe)
{
	struct sb_module *m;
	int idx;
	pthread_mutex_lock(&registry_lock);
	idx = next_index < SB_MAX_MODULES ? next_index++ : reusable_index();
	if (idx > 0) {
		m = &modules[idx];
		memset(m, 0, sizeof(*m));
		m->index = idx;
		strncpy(m->name, name, sizeof(m->name) - 1);
		pthread_mutex_init(&m->own_group.mutex, NULL);
		m->group = thread_safe ? NULL : &m->own_group;
		m->in_use = 1;
		sb_crumb_module_named(idx, name);
		relink_groups();
	}
	pthread_mutex_unlock(&registry_lock);
	return idx;
}

SB_JAVA_API void sb_module_set_thread_safe(int index, int thread_safe)
{
	struct sb_module *m = sb_module_at(index);
	if (m) {
		m->group = thread_safe ? NULL : &m->own_group;
		if (thread_safe)
			sb_module_image_free(m);   /* declared thread-safe: one set of globals */
		sb_module_groups_changed();
	}
}

/* Java: module a bound an API of module b; from now on they share one lock, because
 * a's code calls b's directly. A thread-safe binder of a module that is not takes that
 * module's lock: b's code must not run on two threads even when called from a. Only
 * called while no worker runs module code. */
SB_JAVA_API void sb_module_join(int a, int b)
{
	struct sb_module *ma = sb_module_at(a), *mb = sb_module_at(b);
	struct sb_lock_group *from, *to;
	int i;
	if (!ma || !mb || !mb->group || ma->group == mb->group)
		return;
	if (!ma->group) {
		ma->group = mb->group;
		sb_module_groups_changed();
		return;
	}
	from = mb->group;
	to = ma->group;
	for (i = 1; i < SB_MAX_MODULES; i++)
		if (modules[i].in_use && modules[i].group == from)
			modules[i].group = to;
	sb_module_groups_changed();
}

/* Java: whether two modules share a lock (for tests and the start-up summary). */
SB_JAVA_API int sb_module_same_lock(int a, int b)
{
	struct sb_module *ma = sb_module_at(a), *mb = sb_module_at(b);
	return ma && mb && ma->group && ma->group == mb->group;
}

__thread int sb_thread_id_cached SB_TLS_HOT;
static int next_thread_id;

/* The calling thread's first sb_thread_id(): gives it the next id. */
int sb_thread_id_assign(void)
{
	if (sb_thread_id_cached == 0)
		sb_thread_id_cached = __atomic_add_fetch(&next_thread_id, 1, __ATOMIC_RELAXED);
	return sb_thread_id_cached;
}

/* Re-entrant for the holding thread (a module function may call into the core, which may
 * call the same module again). owner is only ever set to a thread's own id by that thread
 * while it holds the mutex, and cleared before it releases it, so reading our own id
 * there means we hold it. */
struct sb_entry sb_enter(struct sb_module *m)
{
	struct sb_entry e;
	struct sb_lock_group *g = m->group;
	e.previous = sb_current_module;
	e.locked = g;
	if (g) {
		int self = sb_thread_id();
		if (__atomic_load_n(&g->owner, __ATOMIC_RELAXED) == self) {
			g->depth++;
		} else {
			pthread_mutex_lock(&g->mutex);
			__atomic_store_n(&g->owner, self, __ATOMIC_RELAXED);
			g->depth = 1;
			if (g->has_images && g->live_thread != self)
				sb_group_switch(g, self);   /* this thread's globals (module_image.c) */
		}
	}
	sb_current_module = m->index;
	return e;
}

void sb_leave(struct sb_entry e)
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

static int lock_timeout_ms;   /* 0: wait forever (no server configured a limit) */

/* Java: module_lock_timeout, for every lock from now on. */
SB_JAVA_API void sb_set_lock_timeout(int ms)
{
	__atomic_store_n(&lock_timeout_ms, ms > 0 ? ms : 0, __ATOMIC_RELAXED);
}

/* Java (the watchdog): the thread tid holds the module's lock and is stuck; waiters for
 * that lock give up at once instead of waiting for their timeout, until it leaves. */
SB_JAVA_API void sb_module_mark_stuck(int index, int tid)
{
	struct sb_module *m = sb_module_at(index);
	struct sb_lock_group *g = m ? m->group : NULL;
	if (g && __atomic_load_n(&g->owner, __ATOMIC_RELAXED) == tid)
		__atomic_store_n(&g->stuck_owner, tid, __ATOMIC_RELAXED);
}

/* Java: the thread id holding the module's lock, 0 when free or thread-safe. */
SB_JAVA_API int sb_module_lock_owner(int index)
{
	struct sb_module *m = sb_module_at(index);
	return m && m->group ? __atomic_load_n(&m->group->owner, __ATOMIC_RELAXED) : 0;
}

static long long now_ms(clockid_t clock)
{
	struct timespec ts;
	clock_gettime(clock, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Waits in slices so that a holder marked stuck meanwhile ends the wait early. The free
 * lock (the common case) is taken before any clock is read: no clock_gettime per call. */
static int lock_bounded(struct sb_lock_group *g, int timeout_ms)
{
	long long deadline;
	if (pthread_mutex_trylock(&g->mutex) == 0)
		return 0;
	deadline = now_ms(CLOCK_MONOTONIC) + timeout_ms;
	for (;;) {
		long long left = deadline - now_ms(CLOCK_MONOTONIC), slice;
		struct timespec abs;
		int stuck = __atomic_load_n(&g->stuck_owner, __ATOMIC_RELAXED);
		if (left <= 0 || (stuck != 0 && stuck == __atomic_load_n(&g->owner, __ATOMIC_RELAXED)))
			return -1;
		slice = left < 50 ? left : 50;
		clock_gettime(CLOCK_REALTIME, &abs);
		abs.tv_nsec += (slice % 1000) * 1000000;
		abs.tv_sec += slice / 1000 + abs.tv_nsec / 1000000000;
		abs.tv_nsec %= 1000000000;
		if (pthread_mutex_timedlock(&g->mutex, &abs) == 0)
			return 0;
	}
}

int sb_enter_bounded(struct sb_module *m, struct sb_entry *e)
{
	struct sb_lock_group *g = m->group;
	int timeout = __atomic_load_n(&lock_timeout_ms, __ATOMIC_RELAXED);
	int self;
	if (!g || timeout == 0) {
		*e = sb_enter(m);
		return 0;
	}
	self = sb_thread_id();
	if (__atomic_load_n(&g->owner, __ATOMIC_RELAXED) == self) {
		*e = sb_enter(m);   /* a re-entry: we hold it */
		return 0;
	}
	if (lock_bounded(g, timeout) != 0)
		return -1;
	__atomic_store_n(&g->owner, self, __ATOMIC_RELAXED);
	g->depth = 1;
	if (g->has_images && g->live_thread != self)
		sb_group_switch(g, self);   /* this thread's globals (module_image.c) */
	e->previous = sb_current_module;
	e->locked = g;
	sb_current_module = m->index;
	return 0;
}
