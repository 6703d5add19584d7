/* sipbridge module SDK: callbacks around the routing script (OpenSIPS 1.11 script_cb.h).
 *
 * A module registers them, normally in mod_init, for requests (REQ_TYPE_CB) and/or replies
 * (RPL_TYPE_CB), to run before (PRE_SCRIPT_CB) or after (POST_SCRIPT_CB) the main route
 * or the main onreply_route, on every message. Higher prio runs first; equal priorities
 * run in registration order. A pre-script callback returns a mask: SCB_RUN_TOP_ROUTE to
 * let the script run, SCB_RUN_POST_CBS to let the post-script callbacks run; the masks of
 * all pre-script callbacks are ANDed, and SCB_DROP_MSG (0) stops the message (a request
 * is not routed, a reply is not relayed). Post-script callbacks' results are ignored.
 * Each callback runs under its module's lock, with its module's per-thread globals.
 * PARSE_ERR_CB callbacks are accepted but not run: sipbridge answers or drops a message
 * that does not parse before any module sees it. */
#ifndef SB_SDK_SCRIPT_CB_H
#define SB_SDK_SCRIPT_CB_H

#include "parser/msg_parser.h"

typedef int (cb_function)(struct sip_msg *msg, void *param);

#define SCB_DROP_MSG      0
#define SCB_RUN_TOP_ROUTE (1 << 0)
#define SCB_RUN_POST_CBS  (1 << 1)
#define SCB_RUN_ALL       (SCB_RUN_TOP_ROUTE | SCB_RUN_POST_CBS)

#define PRE_SCRIPT_CB     (1 << 0)
#define POST_SCRIPT_CB    (1 << 1)
#define REQ_TYPE_CB       (1 << 2)
#define RPL_TYPE_CB       (1 << 3)
#define PARSE_ERR_CB      (1 << 4)

struct script_cb {
	cb_function *cbf;
	struct script_cb *next;
	unsigned int id;
	void *param;
	int prio;
};

#define register_script_cb(func, type, param) __register_script_cb(func, type, param, 0)

/* 0, or -1 with an LM_ERR/LM_CRIT for a bad type or no memory. */
int __register_script_cb(cb_function f, int type, void *param, int prio);
void destroy_script_cb(void);

int exec_pre_req_cb(struct sip_msg *msg);
int exec_post_req_cb(struct sip_msg *msg);
int exec_pre_rpl_cb(struct sip_msg *msg);
int exec_post_rpl_cb(struct sip_msg *msg);
int exec_parse_err_cb(struct sip_msg *msg);

#endif
