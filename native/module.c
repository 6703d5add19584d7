/* Module records on the native side: index, name and the lock that keeps a module that is
 * not thread-safe on one thread at a time. Records are created by the Java loader before
 * any module code runs and released when the module is unloaded. A released index keeps
 * its memory accounting readable; it is given to a new module only once the table is full,
 * and only if nothing of the old module is still live (a leak stays visible). */
#include <string.h>
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

/* Java, at unload: the record is free again. Modules that shared its lock (they had bound
 * its API) go back to their own. */
SB_JAVA_API void sb_module_release(int index)
{
	struct sb_module *m = sb_module_at(index);
	int i;
	if (m == NULL)
		return;
	/* what it registered with the network layer (events, transports, UDP callbacks) */
	sb_evi_forget_module(index);
	sb_net_udp_forget_module(index);
	pthread_mutex_lock(&registry_lock);
	for (i = 1; i < SB_MAX_MODULES; i++)
		if (i != index && modules[i].in_use && modules[i].group == &m->own_group)
			modules[i].group = &modules[i].own_group;
	m->in_use = 0;
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
	}
	pthread_mutex_unlock(&registry_lock);
	return idx;
}

SB_JAVA_API void sb_module_set_thread_safe(int index, int thread_safe)
{
	struct sb_module *m = sb_module_at(index);
	if (m)
		m->group = thread_safe ? NULL : &m->own_group;
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
		return;
	}
	from = mb->group;
	to = ma->group;
	for (i = 1; i < SB_MAX_MODULES; i++)
		if (modules[i].in_use && modules[i].group == from)
			modules[i].group = to;
}

/* Java: whether two modules share a lock (for tests and the start-up summary). */
SB_JAVA_API int sb_module_same_lock(int a, int b)
{
	struct sb_module *ma = sb_module_at(a), *mb = sb_module_at(b);
	return ma && mb && ma->group && ma->group == mb->group;
}

static __thread int thread_id;
static int next_thread_id;

int sb_thread_id(void)
{
	if (thread_id == 0)
		thread_id = __atomic_add_fetch(&next_thread_id, 1, __ATOMIC_RELAXED);
	return thread_id;
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
		__atomic_store_n(&g->owner, 0, __ATOMIC_RELAXED);
		pthread_mutex_unlock(&g->mutex);
	}
}
