/* Statistics registry shared by C and Java modules. stat_var records and their counters
 * are allocated here (shm, charged to the core) and live until sb_stats_unregister for the
 * module at unload; modules only keep pointers. Names are unique across modules, as in
 * OpenSIPS; lookups are by name under a lock (start-up and management, not per message). */
#include <string.h>
#include "sb_core.h"

struct stat_entry {
	stat_var var;
	stat_val val;
	int module;       /* owner index, for unregistering */
	char group[64];   /* the group MI shows ("core", the module's name...) */
	struct stat_entry *next;
};

static struct stat_entry *stats_head;
static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;

static struct stat_entry *find_locked(const char *name, int len)
{
	struct stat_entry *e;
	for (e = stats_head; e; e = e->next)
		if (e->var.name.len == len && memcmp(e->var.name.s, name, (size_t)len) == 0)
			return e;
	return NULL;
}

static int module_index_named(const char *module)
{
	int i;
	struct sb_module *m;
	for (i = 1; i < SB_MAX_MODULES; i++)
		if ((m = sb_module_at(i)) && strcmp(m->name, module) == 0)
			return i;
	return SB_CORE_MODULE;
}

static stat_var *add_in(int module, const char *group, const char *name, int flags, stat_function f);

/* The group of a statistic registered without one: its module's name ("core" for 0). */
static stat_var *add(int module, const char *name, int flags, stat_function f)
{
	struct sb_module *m = module != SB_CORE_MODULE ? sb_module_at(module) : NULL;
	return add_in(module, m ? m->name : "core", name, flags, f);
}

static stat_var *add_in(int module, const char *group, const char *name, int flags, stat_function f)
{
	struct stat_entry *e;
	size_t n = strlen(name);
	pthread_mutex_lock(&stats_lock);
	if ((e = find_locked(name, (int)n)) != NULL) {
		pthread_mutex_unlock(&stats_lock);
		/* 1.11 accepts a module registering its own statistic again (sipcapture's
		 * mod_init registers its exported ones, which the core registers too): the
		 * module gets the statistic it already has, one counter, listed once */
		if (e->module == module && ((e->var.flags & STAT_IS_FUNC) != 0) == (f != NULL)) {
			LM_DBG("statistic '%s' registered again by its module\n", name);
			return &e->var;
		}
		LM_ERR("statistic '%s' is already registered\n", name);
		return NULL;
	}
	e = sb_pkg_malloc_for(SB_CORE_MODULE, sizeof(*e) + n + 1);
	if (e == NULL) {
		pthread_mutex_unlock(&stats_lock);
		return NULL;
	}
	memset(e, 0, sizeof(*e));
	e->var.name.s = (char *)(e + 1);
	memcpy(e->var.name.s, name, n + 1);
	e->var.name.len = (int)n;
	e->var.mod_idx = (unsigned int)module;
	e->var.flags = flags;
	if (f) {
		e->var.flags |= STAT_IS_FUNC;
		e->var.u.f = f;
	} else {
		e->var.u.val = &e->val;
	}
	e->module = module;
	strncpy(e->group, group ? group : "core", sizeof(e->group) - 1);
	e->next = stats_head;
	stats_head = e;
	pthread_mutex_unlock(&stats_lock);
	return &e->var;
}

/* The module a statistic is charged to (and dropped with at unload). Module code names a
 * group, which need not be a module's name (OpenSIPS modules register under "core",
 * their own name or any other): what it registers belongs to the module running, or a
 * STAT_IS_FUNC one would outlive the library its function lives in. Outside module code
 * the group is looked up by name (the core, when no module has it). */
static int stat_owner(const char *group)
{
	int m = sb_current_module;
	if (m != SB_CORE_MODULE && sb_module_at(m) != NULL)
		return m;
	return module_index_named(group);
}

int register_stat(char *module, char *name, stat_var **pvar, int flags)
{
	stat_var *v;
	if (module == NULL || name == NULL || pvar == NULL)
		return -1;
	v = add_in(stat_owner(module), module, name, flags, (flags & STAT_IS_FUNC) ? (stat_function)pvar : NULL);
	if (v == NULL)
		return -1;
	if (!(flags & STAT_IS_FUNC))
		*pvar = v;
	return 0;
}

int register_module_stats(char *module, stat_export_t *stats)
{
	for (; stats && stats->name; stats++)
		if (register_stat(module, stats->name, stats->stat_pointer, stats->flags) < 0)
			return -1;
	return 0;
}

stat_var *get_stat(str *name)
{
	struct stat_entry *e;
	if (name == NULL || name->s == NULL)
		return NULL;
	pthread_mutex_lock(&stats_lock);
	e = find_locked(name->s, name->len);
	pthread_mutex_unlock(&stats_lock);
	return e ? &e->var : NULL;
}

unsigned long get_stat_val(stat_var *var)
{
	if (var == NULL)
		return 0;
	if (var->flags & STAT_IS_FUNC)
		return var->u.f();
	return (unsigned long)__atomic_load_n(&var->u.val->counter, __ATOMIC_RELAXED);
}

void reset_stat(stat_var *var)
{
	if (var && !(var->flags & (STAT_NO_RESET | STAT_IS_FUNC)))
		__atomic_store_n(&var->u.val->counter, 0, __ATOMIC_RELAXED);
}

/* Java: register one statistic for a module (by index); returns the stat_var. */
SB_JAVA_API stat_var *sb_stat_register(int module, const char *name, int flags)
{
	return add(module, name, flags & ~STAT_IS_FUNC, NULL);
}

/* Java: the counter's address, for Java modules that update it without a native call. */
SB_JAVA_API void *sb_stat_counter(stat_var *var)
{
	return (var && !(var->flags & STAT_IS_FUNC)) ? (void *)&var->u.val->counter : NULL;
}

SB_JAVA_API stat_var *sb_stat_find(const char *name)
{
	str s;
	s.s = (char *)name;
	s.len = (int)strlen(name);
	return get_stat(&s);
}

/* A function statistic is module code: it runs under its module's lock (thread rule). */
SB_JAVA_API long sb_stat_value(stat_var *var)
{
	struct sb_module *m;
	struct sb_entry en;
	long v;
	if (var == NULL || !(var->flags & STAT_IS_FUNC))
		return (long)get_stat_val(var);
	m = sb_module_at(((struct stat_entry *)(void *)var)->module);
	if (m == NULL)
		return (long)get_stat_val(var);
	en = sb_enter(m);
	v = (long)get_stat_val(var);
	sb_leave(en);
	return v;
}

/* Java, at unload: drop a module's statistics (pointers the module held die with it). */
SB_JAVA_API void sb_stats_unregister(int module)
{
	struct stat_entry **pp, *e;
	pthread_mutex_lock(&stats_lock);
	for (pp = &stats_head; (e = *pp) != NULL;) {
		if (e->module == module) {
			*pp = e->next;
			pkg_free(e);
		} else {
			pp = &e->next;
		}
	}
	pthread_mutex_unlock(&stats_lock);
}

/* Java, after a module's init_f: register its exported statistics (stat_export_t array)
 * and store each stat_var where the module points (STAT_IS_FUNC: the pointer field holds
 * the function). Returns the number registered, or -1 naming the failing one in the log. */
SB_JAVA_API int sb_stats_register_exports(int module, stat_export_t *stats)
{
	int n = 0;
	stat_var *v;
	for (; stats && stats->name; stats++, n++) {
		if (stats->flags & STAT_IS_FUNC) {
			v = add(module, stats->name, stats->flags, (stat_function)(void *)stats->stat_pointer);
		} else {
			v = add(module, stats->name, stats->flags, NULL);
			if (v && stats->stat_pointer)
				*stats->stat_pointer = v;
		}
		if (v == NULL)
			return -1;
	}
	return n;
}

/* Java (MI, metrics): up to cap registered statistics into out; returns how many exist. */
SB_JAVA_API int sb_stats_list(long *out, int cap)
{
	struct stat_entry *e;
	int n = 0;
	pthread_mutex_lock(&stats_lock);
	for (e = stats_head; e; e = e->next, n++)
		if (n < cap)
			out[n] = (long)(intptr_t)&e->var;
	pthread_mutex_unlock(&stats_lock);
	return n;
}

/* Java: a statistic's name / group (NUL-terminated, live as long as the statistic). */
SB_JAVA_API const char *sb_stat_name(stat_var *var) { return var->name.s; }

SB_JAVA_API const char *sb_stat_group(stat_var *var)
{
	return ((struct stat_entry *)(void *)var)->group;
}

/* Java: its flags (STAT_NO_RESET, STAT_IS_FUNC...). */
SB_JAVA_API int sb_stat_flags(stat_var *var) { return var->flags; }

/* Java: reset_stat (no-op for STAT_NO_RESET and function statistics). */
SB_JAVA_API void sb_stat_reset(stat_var *var) { reset_stat(var); }
