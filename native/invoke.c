/* Calls into module code. Every call goes through here so that the module's lock is held,
 * the module is the current one (memory accounting) and route_type is right.
 *
 * A call frame is the native half of one script call site: the function pointer and the
 * six fixed-up parameters. The Java call site keeps the frame's address, so calling a C
 * function from a script is one native call with two words: sb_call(frame, msg, rt).
 *
 * Ownership: frames are allocated by sb_frame_new and freed by sb_frame_free (Java's call
 * site owns the address). Parameters start as pkg copies charged to the module; a fixup
 * that replaces a parameter (params[i] no longer the core's copy) owns the copy from then
 * on (it may keep or free it). Ownership is per parameter: sb_frame_free frees the copies
 * still in place (no fixup, a fixup that handles only some parameters, or a call site
 * refused at a later parameter), unless free_fixup ran for that parameter: then the
 * module may have freed it without clearing the pointer, and the core cannot tell (such
 * a copy stays charged to the module), except for the core's generic fixup_free_*
 * functions, which are known to leave some parameters alone (fixup_free_str_null and
 * parameter 2...). The copies are tagged blocks, so a structure the module allocated at
 * the address of a copy it freed is not mistaken for the copy. */
#include <string.h>
#include "sb_core.h"

__thread int route_type SB_TLS_HOT = REQUEST_ROUTE;

enum sb_dialect { SB_DIALECT_OPENSIPS = 0, SB_DIALECT_OPENSER = 1 };

typedef int (*openser_cmd_function)(struct sip_msg *, char *, char *);

struct sb_frame {
	cmd_function function;
	char *params[6];
	struct sb_module *module;
	int dialect;
	int param_no;
	char *core_copy[6];      /* the pkg copy the core made of each parameter */
	unsigned char free_fixup_ran[6];   /* free_fixup was called for that parameter */
	int label;   /* breadcrumb label "module:function" (sb_frame_set_label), 0 if none */
};

#include "msg/sb_slot.h"

/* Marks the blocks of the core's parameter copies (sb_pkg_strdup_tagged). */
#define SB_PARAM_TAG 0x5041

SB_JAVA_API struct sb_frame *sb_frame_new(int module, void *function, int dialect, int param_no)
{
	struct sb_module *m = sb_module_at(module);
	struct sb_frame *f;
	if (m == NULL || function == NULL || param_no < 0 || param_no > 6)
		return NULL;
	f = sb_pkg_malloc_for(SB_CORE_MODULE, sizeof(*f));
	if (f == NULL)
		return NULL;
	memset(f, 0, sizeof(*f));
	f->function = (cmd_function)function;
	f->module = m;
	f->dialect = dialect;
	f->param_no = param_no;
	return f;
}

/* Java: parameter i (1-based) is a pkg copy of s, charged to the frame's module. */
SB_JAVA_API int sb_frame_set_param(struct sb_frame *f, int i, const char *s)
{
	if (i < 1 || i > f->param_no)
		return -1;
	if (f->params[i - 1] != NULL && f->params[i - 1] == f->core_copy[i - 1])
		pkg_free(f->params[i - 1]);   /* set again before any fixup: the old copy */
	f->params[i - 1] = f->core_copy[i - 1] =
		sb_pkg_strdup_tagged(f->module->index, s, SB_PARAM_TAG);
	f->free_fixup_ran[i - 1] = 0;
	return f->params[i - 1] ? 0 : -1;
}

SB_JAVA_API void *sb_frame_param(struct sb_frame *f, int i)
{
	return (i >= 1 && i <= 6) ? f->params[i - 1] : NULL;
}

/* Java: run the function's fixup for parameter i, or fixup(NULL, 0) when i == 0. */
SB_JAVA_API int sb_frame_fixup(struct sb_frame *f, void *fixup, int i)
{
	struct sb_entry e;
	int r;
	if (fixup == NULL || i < 0 || i > f->param_no)
		return -1;
	e = sb_enter(f->module);
	r = i == 0 ? ((fixup_function)fixup)(NULL, 0)
			: ((fixup_function)fixup)((void **)&f->params[i - 1], i);
	sb_leave(e);
	return r;
}

/* Java: run free_fixup for parameter i at shutdown. */
SB_JAVA_API int sb_frame_free_fixup(struct sb_frame *f, void *free_fixup, int i)
{
	struct sb_entry e;
	int r;
	if (free_fixup == NULL || i < 0 || i > f->param_no)
		return -1;
	e = sb_enter(f->module);
	r = i == 0 ? ((free_fixup_function)free_fixup)(NULL, 0)
			: ((free_fixup_function)free_fixup)((void **)&f->params[i - 1], i);
	if (i > 0 && !sb_free_fixup_leaves(free_fixup, i))
		f->free_fixup_ran[i - 1] = 1;
	sb_leave(e);
	return r;
}

/* Java: free the frame, and each parameter string no fixup took over (see the top). On a
 * refused call site Java runs free_fixup for the parameters fixed before the refused one,
 * then this: the copies of the refused and the later parameters are freed here. */
SB_JAVA_API void sb_frame_free(struct sb_frame *f)
{
	int i;
	if (f == NULL)
		return;
	for (i = 0; i < 6; i++)
		if (f->params[i] != NULL && f->params[i] == f->core_copy[i] && !f->free_fixup_ran[i] &&
				sb_pkg_is_tagged(f->params[i], SB_PARAM_TAG))
			pkg_free(f->params[i]);
	pkg_free(f);
}

/* Java: names the frame's function for the watchdog and the crash report. */
SB_JAVA_API int sb_frame_set_label(struct sb_frame *f, const char *text)
{
	f->label = sb_crumb_label_new(text);
	return f->label;
}

/* The hot path: one script call of a C function. The breadcrumb says which function the
 * thread is in (a few stores); the lock is waited for at most module_lock_timeout, else
 * the call does not happen and SB_CALL_BUSY comes back. */
SB_JAVA_API int sb_call(struct sb_frame *f, struct sip_msg *msg, int rtype)
{
	struct sb_entry e;
	struct sb_crumb saved, *c;
	int r;
	char **p = f->params;
	c = sb_crumb_enter(&saved, SB_CRUMB_LOCK_WAIT, f->module->index, f->label);
	if (!sb_enter_quick(f->module, &e) && sb_enter_bounded(f->module, &e) != 0) {
		sb_crumb_leave(c, &saved, 0);
		return SB_CALL_BUSY;
	}
	c->kind = SB_CRUMB_CALL;
	c->depth = c->depth + 1;
	c->calls = c->calls + 1;
	route_type = rtype;
	if (msg)
		sb_msg_ensure(msg);   /* builds the view the first time C needs it */
	if (f->dialect == SB_DIALECT_OPENSER)
		r = ((openser_cmd_function)(void *)f->function)(msg, p[0], p[1]);
	else
		r = f->function(msg, p[0], p[1], p[2], p[3], p[4], p[5]);
	if (msg)
		sb_msg_uri_check(msg);   /* a new R-URI or destination, however C wrote it */
	sb_leave_quick(e);
	sb_crumb_leave(c, &saved, 1);
	return r;
}

/* Lifecycle calls, all under the module's lock and accounting. */
SB_JAVA_API int sb_call_init(int module, void *fn)
{
	struct sb_module *m = sb_module_at(module);
	struct sb_entry e;
	int r;
	if (!m || !fn)
		return -1;
	e = sb_enter(m);
	r = ((init_function)fn)();
	sb_leave(e);
	return r;
}

SB_JAVA_API int sb_call_child_init(int module, void *fn, int rank)
{
	struct sb_module *m = sb_module_at(module);
	struct sb_entry e;
	int r;
	if (!m || !fn)
		return -1;
	e = sb_enter(m);
	if (rank == PROC_MAIN)   /* what the timer and the workers start from: before this */
		sb_module_image_fork_point(m);
	r = ((child_init_function)fn)(rank);
	sb_leave(e);
	return r;
}

SB_JAVA_API void sb_call_destroy(int module, void *fn)
{
	struct sb_module *m = sb_module_at(module);
	struct sb_entry e;
	if (!m || !fn)
		return;
	e = sb_enter(m);
	((destroy_function)fn)();
	sb_leave(e);
}

SB_JAVA_API int sb_call_response(int module, void *fn, struct sip_msg *msg)
{
	struct sb_module *m = sb_module_at(module);
	struct sb_entry e;
	struct sb_crumb saved, *c;
	int r;
	if (!m || !fn)
		return 1;
	if (sb_enter_bounded(m, &e) != 0)
		return SB_CALL_BUSY;
	c = sb_crumb_enter(&saved, SB_CRUMB_RESPONSE, m->index, 0);
	route_type = ONREPLY_ROUTE;
	if (msg)
		sb_msg_ensure(msg);   /* builds the view the first time C needs it */
	r = ((response_function)fn)(msg);
	if (msg)
		sb_msg_uri_check(msg);
	sb_crumb_leave(c, &saved, 1);
	sb_leave(e);
	return r;
}

/* modparam with USE_FUNC_PARAM: val is a char* (pkg copy charged to the module, which
 * may keep it) or an int passed in the pointer. */
SB_JAVA_API int sb_call_param_func(int module, void *fn, unsigned int type, void *val)
{
	struct sb_module *m = sb_module_at(module);
	struct sb_entry e;
	int r;
	if (!m || !fn)
		return -1;
	e = sb_enter(m);
	r = ((param_func_t)fn)((modparam_t)type, val);
	sb_leave(e);
	return r;
}

/* modparam STR_PARAM: *(char**)ptr = pkg copy (the module may keep it). Returns the copy,
 * so that the loader can free it at unload if the module still points at it. */
SB_JAVA_API char *sb_set_str_param(int module, void *ptr, const char *value)
{
	char *copy = sb_pkg_strdup_for(module, value);
	if (copy != NULL)
		*(char **)ptr = copy;
	return copy;
}

/* Java, at unload: free a STR_PARAM copy the module still points at. */
SB_JAVA_API void sb_release_str_param(void *ptr, char *copy)
{
	if (*(char **)ptr == copy) {
		pkg_free(copy);
		*(char **)ptr = NULL;
	}
}

SB_JAVA_API void sb_set_int_param(void *ptr, int value) { *(int *)ptr = value; }

/* Java: the route type the current thread runs (for the Java side of the bridge). */
SB_JAVA_API void sb_set_route_type(int rtype) { route_type = rtype; }
