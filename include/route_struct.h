/* sipbridge module SDK: the action and expression records of OpenSIPS 1.11's script tree.
 *
 * In sipbridge the script is compiled by the Java engine, so modules meet these records
 * only in three places: the route tables of route.h (each entry's `a` stands for a Java
 * route and is handed to run_top_route), actions a module builds itself for do_action
 * (rewriting the R-URI, stripping, prefixing...), and the types used to describe
 * parameters. The action and subtype numbers are 1.11's. */
#ifndef SB_SDK_ROUTE_STRUCT_H
#define SB_SDK_ROUTE_STRUCT_H

#include "str.h"

/* expression node kinds */
enum { EXP_T = 1, ELEM_T };
/* expression operators */
enum { AND_OP = 1, OR_OP, NOT_OP, EVAL_OP, PLUS_OP, MINUS_OP, DIV_OP, MULT_OP, MODULO_OP,
	BAND_OP, BOR_OP, BXOR_OP, BNOT_OP, BLSHIFT_OP, BRSHIFT_OP };
enum { EQUAL_OP = 20, MATCH_OP, NOTMATCH_OP, MATCHD_OP, NOTMATCHD_OP,
	GT_OP, LT_OP, GTE_OP, LTE_OP, DIFF_OP, VALUE_OP, NO_OP };
enum { METHOD_O = 1, URI_O, FROM_URI_O, TO_URI_O, SRCIP_O, SRCPORT_O,
	DSTIP_O, DSTPORT_O, PROTO_O, AF_O, MSGLEN_O, DEFAULT_O, ACTION_O,
	EXPR_O, NUMBER_O, NUMBERV_O, STRINGV_O, RETCODE_O, SCRIPTVAR_O };

/* action types, in 1.11's order */
enum { FORWARD_T = 1, SEND_T, DROP_T, LOG_T, ERROR_T, ROUTE_T, EXEC_T,
	SET_HOST_T, SET_HOSTPORT_T, SET_USER_T, SET_USERPASS_T,
	SET_PORT_T, SET_URI_T, IF_T, MODULE_T, SET_DEBUG_T,
	SETFLAG_T, RESETFLAG_T, ISFLAGSET_T,
	SETSFLAG_T, RESETSFLAG_T, ISSFLAGSET_T,
	SETBFLAG_T, RESETBFLAG_T, ISBFLAGSET_T,
	LEN_GT_T, PREFIX_T, STRIP_T, STRIP_TAIL_T,
	APPEND_BRANCH_T,
	REMOVE_BRANCH_T,
	REVERT_URI_T,
	FORCE_RPORT_T,
	FORCE_LOCAL_RPORT_T,
	SET_ADV_ADDR_T,
	SET_ADV_PORT_T,
	FORCE_TCP_ALIAS_T,
	FORCE_SEND_SOCKET_T,
	SERIALIZE_BRANCHES_T,
	NEXT_BRANCHES_T,
	RETURN_T,
	EXIT_T,
	SWITCH_T, CASE_T, DEFAULT_T, SBREAK_T,
	WHILE_T, FOR_EACH_T,
	SET_DSTURI_T, SET_DSTHOST_T, SET_DSTPORT_T, RESET_DSTURI_T, ISDSTURISET_T,
	EQ_T, COLONEQ_T, PLUSEQ_T, MINUSEQ_T, DIVEQ_T, MULTEQ_T, MODULOEQ_T,
	BANDEQ_T, BOREQ_T, BXOREQ_T, USE_BLACKLIST_T, UNUSE_BLACKLIST_T,
	SET_TIME_STAMP_T, RESET_TIME_STAMP_T, DIFF_TIME_STAMP_T,
	PV_PRINTF_T,
	CACHE_STORE_T, CACHE_FETCH_T, CACHE_COUNTER_FETCH_T, CACHE_REMOVE_T,
	CACHE_ADD_T, CACHE_SUB_T, CACHE_RAW_QUERY_T,
	XDBG_T, XLOG_T,
	RAISE_EVENT_T, SUBSCRIBE_EVENT_T,
	CONSTRUCT_URI_T,
	GET_TIMESTAMP_T, SCRIPT_TRACE_T
};

/* what an action element holds */
enum { NOSUBTYPE = 0, STRING_ST, NET_ST, NUMBER_ST, IP_ST, RE_ST, PROXY_ST,
	EXPR_ST, ACTIONS_ST, CMD_ST, MODFIXUP_ST,
	MYSELF_ST, STR_ST, SOCKID_ST, SOCKETINFO_ST, SCRIPTVAR_ST, NULLV_ST,
	BLACKLIST_ST, SCRIPTVAR_ELEM_ST };

struct expr;
struct _pv_spec;

typedef struct operand {
	int type;
	union operand_val {
		struct expr *expr;
		str s;
		int n;
		struct _pv_spec *spec;
		void *data;
	} v;
} operand_t, *operand_p;

struct expr {
	int type;          /* EXP_T or ELEM_T */
	int op;
	operand_t left;
	operand_t right;
};

typedef struct action_elem_ {
	int type;          /* *_ST */
	union {
		long number;
		char *string;
		void *data;
		str s;
		struct _pv_spec *item;
	} u;
} action_elem_t, *action_elem_p;

#define MAX_ACTION_ELEMS 7

struct action {
	int type;          /* *_T */
	action_elem_t elem[MAX_ACTION_ELEMS];
	int line;
	char *file;
	struct action *next;
};

/* as 1.11's: users of action.h get the pseudo-variable types too (tm's pv_elem_p) */
#include "pvar.h"

#endif
