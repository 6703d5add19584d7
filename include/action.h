/* sipbridge module SDK: running script routes and single actions from a module.
 *
 * run_top_route(a, msg) runs a route of the script on msg, where a is a route table entry
 * of route.h (rlist[i].a, failure_rlist[i].a...). The route was compiled by the Java
 * engine; msg may be the message the thread is processing or one the module built
 * itself (a faked request, a reply it received): the engine then takes the message's
 * bytes, new_uri, dst_uri, flags and lumps, runs the route and hands the changed ones
 * back. It works on any thread (a worker, the timer thread, a module process).
 * Returns the ACT_FL_* flags the route ended with (ACT_FL_DROP after drop), or -1 with
 * an LM_ERR for a NULL message, an empty or foreign route entry, or no script.
 *
 * do_action(a, msg) runs one action a module built: SET_URI_T, SET_HOST_T,
 * SET_HOSTPORT_T, SET_PORT_T, SET_USER_T, SET_USERPASS_T, PREFIX_T, STRIP_T,
 * STRIP_TAIL_T, REVERT_URI_T, SET_DSTURI_T, RESET_DSTURI_T, DROP_T, EXIT_T, RETURN_T
 * and ROUTE_T (route index in elem[0]); other types return E_BUG with an LM_ERR. */
#ifndef SB_SDK_ACTION_H
#define SB_SDK_ACTION_H

#include "parser/msg_parser.h"
#include "route_struct.h"

#define ACT_FL_EXIT   1
#define ACT_FL_RETURN 2
#define ACT_FL_DROP   4

/* The flags of the route running on this thread (per thread in sipbridge). */
extern __thread int action_flags;

int do_action(struct action *a, struct sip_msg *msg);
int run_top_route(struct action *a, struct sip_msg *msg);
/* Every action of the list a, in order, until one ends the route; the last result. */
int run_action_list(struct action *a, struct sip_msg *msg);

#endif
