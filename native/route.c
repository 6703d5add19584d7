/* Route tables (route.h), run_top_route and do_action (action.h).
 *
 * The script is compiled by the Java engine. At start-up, before mod_init, Java names
 * every block in the tables (sb_route_set) and each named entry gets an action record of
 * type SB_JAVA_ROUTE_T carrying (table, index): that is the `a` modules keep and give to
 * run_top_route, which hands (table, index, msg) to the Java runner.
 *
 * The exported tables live inside one block, each framed by empty entries, so that an
 * index one off either end (a module using -1 from a failed lookup, or RT_NO) reads an
 * empty entry (a == NULL: run_top_route refuses it with an error) instead of another
 * table. Their symbols are set at offsets inside the block (see the asm below). */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "sb_core.h"
#include "../include/action.h"
#include "../include/route.h"

/* The action type of a table entry that stands for a Java route ("SB"). */
#define SB_JAVA_ROUTE_T 0x5342

/* The table ids Java and C share. */
enum sb_route_table { SBR_REQUEST = 0, SBR_ONREPLY, SBR_FAILURE, SBR_BRANCH, SBR_LOCAL,
	SBR_ERROR, SBR_STARTUP, SBR_TIMER, SBR_EVENT, SBR_COUNT };

__thread int action_flags;

struct sb_route_block {
	struct script_route g0;
	struct script_route request[RT_NO];
	struct script_route g1;
	struct script_route onreply[ONREPLY_RT_NO];
	struct script_route g2;
	struct script_route failure[FAILURE_RT_NO];
	struct script_route g3;
	struct script_route branch[BRANCH_RT_NO];
	struct script_route g4;
	struct script_route local;
	struct script_route g5;
	struct script_route error;
	struct script_route g6;
	struct script_route startup;
	struct script_route g7;
	struct script_timer_route timer[TIMER_RT_NO];
	struct script_route g8;
	struct script_route event[EVENT_RT_NO];
	struct script_route g9;
};

__attribute__((used)) struct sb_route_block sb_route_block;

/* The offsets the asm below uses (x86_64 and aarch64 LP64: 16-byte entries, RT_NO 100). */
_Static_assert(sizeof(struct script_route) == 16 && RT_NO == 100 &&
	ONREPLY_RT_NO == 100 && FAILURE_RT_NO == 100 && BRANCH_RT_NO == 100 &&
	TIMER_RT_NO == 100 && EVENT_RT_NO == 100 &&
	sizeof(struct script_timer_route) == 16, "route table layout");
_Static_assert(offsetof(struct sb_route_block, request) == 16, "rlist");
_Static_assert(offsetof(struct sb_route_block, onreply) == 1632, "onreply_rlist");
_Static_assert(offsetof(struct sb_route_block, failure) == 3248, "failure_rlist");
_Static_assert(offsetof(struct sb_route_block, branch) == 4864, "branch_rlist");
_Static_assert(offsetof(struct sb_route_block, local) == 6480, "local_rlist");
_Static_assert(offsetof(struct sb_route_block, error) == 6512, "error_rlist");
_Static_assert(offsetof(struct sb_route_block, startup) == 6544, "startup_rlist");
_Static_assert(offsetof(struct sb_route_block, timer) == 6576, "timer_rlist");
_Static_assert(offsetof(struct sb_route_block, event) == 8192, "event_rlist");

#define SB_ROUTE_SYMBOL(name, off, size) \
	".globl " #name "\n.type " #name ", @object\n.size " #name ", " #size "\n" \
	".set " #name ", sb_route_block + " #off "\n"
__asm__(
	SB_ROUTE_SYMBOL(rlist, 16, 1600)
	SB_ROUTE_SYMBOL(onreply_rlist, 1632, 1600)
	SB_ROUTE_SYMBOL(failure_rlist, 3248, 1600)
	SB_ROUTE_SYMBOL(branch_rlist, 4864, 1600)
	SB_ROUTE_SYMBOL(local_rlist, 6480, 16)
	SB_ROUTE_SYMBOL(error_rlist, 6512, 16)
	SB_ROUTE_SYMBOL(startup_rlist, 6544, 16)
	SB_ROUTE_SYMBOL(timer_rlist, 6576, 1600)
	SB_ROUTE_SYMBOL(event_rlist, 8192, 1600));

/* Entry i of table t (timer entries share the layout: interval where the name is). */
static struct script_route *entry(int t, int i)
{
	struct sb_route_block *b = &sb_route_block;
	switch (t) {
	case SBR_REQUEST: return i >= 0 && i < RT_NO ? &b->request[i] : NULL;
	case SBR_ONREPLY: return i >= 0 && i < ONREPLY_RT_NO ? &b->onreply[i] : NULL;
	case SBR_FAILURE: return i >= 0 && i < FAILURE_RT_NO ? &b->failure[i] : NULL;
	case SBR_BRANCH: return i >= 0 && i < BRANCH_RT_NO ? &b->branch[i] : NULL;
	case SBR_LOCAL: return i == 0 ? &b->local : NULL;
	case SBR_ERROR: return i == 0 ? &b->error : NULL;
	case SBR_STARTUP: return i == 0 ? &b->startup : NULL;
	case SBR_TIMER: return i >= 0 && i < TIMER_RT_NO ? (struct script_route *)&b->timer[i] : NULL;
	case SBR_EVENT: return i >= 0 && i < EVENT_RT_NO ? &b->event[i] : NULL;
	default: return NULL;
	}
}

/* Empties every table (a new script; core memory of the old entries freed). */
SB_JAVA_API void sb_route_clear(void)
{
	int t, i;
	for (t = 0; t < SBR_COUNT; t++) {
		for (i = 0; i < RT_NO; i++) {
			struct script_route *e = entry(t, i);
			if (e == NULL)
				break;
			if (t != SBR_TIMER)
				free(e->name);
			if (e->a) {
				free(e->a->file);
				free(e->a);
			}
			memset(e, 0, sizeof(*e));
		}
	}
}

/* Java: block `name` (NULL for unnamed) of table t is at index i; for timer routes
 * interval is the period. 0, or -1 for a bad table/index or no memory. */
SB_JAVA_API int sb_route_set(int t, int i, const char *name, int interval, const char *file, int line)
{
	struct script_route *e = entry(t, i);
	struct action *a;
	if (e == NULL || e->a != NULL)
		return -1;
	a = calloc(1, sizeof(*a));
	if (a == NULL)
		return -1;
	a->type = SB_JAVA_ROUTE_T;
	a->elem[0].type = NUMBER_ST;
	a->elem[0].u.number = t;
	a->elem[1].type = NUMBER_ST;
	a->elem[1].u.number = i;
	a->line = line;
	a->file = file ? strdup(file) : NULL;
	if (t == SBR_TIMER) {
		((struct script_timer_route *)e)->interval = (unsigned int)interval;
	} else if (name) {
		e->name = strdup(name);
		if (e->name == NULL) {
			free(a->file);
			free(a);
			return -1;
		}
	}
	e->a = a;
	return 0;
}

int get_script_route_ID_by_name(char *name, struct script_route *sr, int size)
{
	int i;
	if (name == NULL || sr == NULL)
		return -1;
	for (i = 1; i < size; i++) {
		if (sr[i].name == NULL)
			return -1;
		if (strcmp(sr[i].name, name) == 0)
			return i;
	}
	return -1;
}

int get_script_route_idx(char *name, struct script_route *sr, int size, int set)
{
	int i;
	if (name == NULL || sr == NULL)
		return -1;
	for (i = 1; i < size; i++) {
		if (sr[i].name == NULL) {
			if (!set)
				return -1;
			sr[i].name = strdup(name);   /* referenced, not defined: a stays NULL */
			return sr[i].name ? i : -1;
		}
		if (strcmp(sr[i].name, name) == 0)
			return i;
	}
	LM_ERR("no free index left for route <%s>\n", name);
	return -1;
}

/* ---- the Java runner ------------------------------------------------------------------ */

/* Runs route (table, index) on msg with route type rtype; returns ACT_FL_* or -1. */
typedef int (*sb_route_runner_f)(int table, int index, struct sip_msg *msg, int rtype);
static sb_route_runner_f runner;

SB_JAVA_API void sb_route_set_runner(sb_route_runner_f f)
{
	runner = f;
}

static int table_route_type(int t)
{
	static const int types[SBR_COUNT] = { REQUEST_ROUTE, ONREPLY_ROUTE, FAILURE_ROUTE,
		BRANCH_ROUTE, LOCAL_ROUTE, ERROR_ROUTE, STARTUP_ROUTE, TIMER_ROUTE, EVENT_ROUTE };
	return types[t];
}

int run_top_route(struct action *a, struct sip_msg *msg)
{
	int saved_flags = action_flags, saved_type = route_type, t, i, r;
	if (msg == NULL) {
		LM_ERR("no message (NULL)\n");
		return -1;
	}
	if (a == NULL) {
		LM_ERR("no route (an empty route table entry: the script has no such block)\n");
		return -1;
	}
	if (a->type != SB_JAVA_ROUTE_T) {
		/* an action list the module built itself */
		action_flags = 0;
		run_action_list(a, msg);
		r = action_flags;
		action_flags = saved_flags;
		return r;
	}
	t = (int)a->elem[0].u.number;
	i = (int)a->elem[1].u.number;
	if (t < 0 || t >= SBR_COUNT || entry(t, i) == NULL || entry(t, i)->a != a) {
		LM_ERR("route table %d index %d is not a route of the script\n", t, i);
		return -1;
	}
	if (runner == NULL) {
		LM_ERR("no script is loaded\n");
		return -1;
	}
	sb_msg_uri_check(msg);   /* what the calling module did to the URIs so far */
	action_flags = 0;
	r = runner(t, i, msg, t == SBR_REQUEST && route_type ? route_type : table_route_type(t));
	route_type = saved_type;
	action_flags = saved_flags;
	return r;
}
