/* sipbridge module SDK: route (block) types, as bit flags for cmd_export_t.flags. */
#ifndef SB_SDK_ROUTE_H
#define SB_SDK_ROUTE_H

#define REQUEST_ROUTE 1    /* route{} and the route[x] blocks it calls */
#define FAILURE_ROUTE 2
#define ONREPLY_ROUTE 4
#define BRANCH_ROUTE  8
#define ERROR_ROUTE   16
#define LOCAL_ROUTE   32
#define STARTUP_ROUTE 64
#define TIMER_ROUTE   128
#define EVENT_ROUTE   256
#define ALL_ROUTES \
	(REQUEST_ROUTE|FAILURE_ROUTE|ONREPLY_ROUTE|BRANCH_ROUTE|ERROR_ROUTE| \
	 LOCAL_ROUTE|STARTUP_ROUTE|TIMER_ROUTE|EVENT_ROUTE)

/* The type of the block running on this thread. Per thread in sipbridge: several
 * workers run scripts at once in one process. */
extern __thread int route_type;

#define set_route_type(_new_type) do { route_type = (_new_type); } while (0)
#define swap_route_type(_backup, _new_type) \
	do { (_backup) = route_type; route_type = (_new_type); } while (0)
#define is_route_type(_type) (route_type == (_type))

/* ---- route tables, filled from the script before mod_init ------------------------------
 * Each block of the script has an entry: `name` as written (NULL for the main route,
 * rlist[0], and the unnamed onreply_route, onreply_rlist[0]) and `a`, a handle of the
 * Java-compiled route to give run_top_route (action.h). Named blocks get indexes from 1
 * in the order of the script; an index with no block has a == NULL. The tables are
 * framed by empty entries, so rlist[-1] or rlist[RT_NO] read an empty entry (a == NULL)
 * rather than another table. */
#include "config.h"

struct action;

struct script_route {
	char *name;
	struct action *a;
};

struct script_timer_route {
	unsigned int interval;
	struct action *a;
};

extern struct script_route rlist[RT_NO];
extern struct script_route onreply_rlist[ONREPLY_RT_NO];
extern struct script_route failure_rlist[FAILURE_RT_NO];
extern struct script_route branch_rlist[BRANCH_RT_NO];
extern struct script_route local_rlist;
extern struct script_route error_rlist;
extern struct script_route startup_rlist;
extern struct script_timer_route timer_rlist[TIMER_RT_NO];
extern struct script_route event_rlist[EVENT_RT_NO];

/* The index (>= 1) of the block called name in table sr of size entries, or -1. */
int get_script_route_ID_by_name(char *name, struct script_route *sr, int size);

/* 1 when some route of the configuration calls the module function name with param_no
 * parameters (-1: any number), else 0; known from mod_init on (native/script_funcs.c) */
int is_script_func_used(char *name, int param_no);
/* The same; with set != 0 a missing name is given the first free index (a reference to a
 * block the script does not have: its a stays NULL). -1 when the table is full. */
int get_script_route_idx(char *name, struct script_route *sr, int size, int set);

#endif
