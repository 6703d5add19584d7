/* sipbridge module SDK: To-style bodies (To, From, Diversion, RPID, Refer-To, PAI, PPI)
 * (OpenSIPS 1.11). */
#ifndef SB_SDK_PARSE_TO_H
#define SB_SDK_PARSE_TO_H

#include "../str.h"
#include "msg_parser.h"

enum { TAG_PARAM = 400, GENERAL_PARAM };

struct to_param {
	int type;                /* TAG_PARAM or GENERAL_PARAM */
	str name;
	str value;
	struct to_param *next;
};

struct to_body {
	int error;               /* PARSE_OK or PARSE_ERROR */
	str body;                /* the whole header body */
	str uri;
	str display;             /* display name, quotes kept */
	str tag_value;
	struct sip_uri parsed_uri;   /* filled by parse_to_uri/parse_from_uri on demand */
	struct to_param *param_lst;
	struct to_param *last_param;
};

/* For a received message the core has already parsed To: get_to(msg) is valid whenever
 * msg->to is not NULL. */
#define get_to(p_msg) ((struct to_body *)(p_msg)->to->parsed)

/* Parses [buffer, end) into to_b; parameters are pkg-allocated (free_to_params).
 * Returns the position after the body; to_b->error says whether it worked. */
char *parse_to(char *buffer, char *end, struct to_body *to_b);
/* Parses (once) the To URI into get_to(msg)->parsed_uri. NULL on error. */
struct sip_uri *parse_to_uri(struct sip_msg *msg);
/* Frees a pkg-allocated to_body and its parameters. */
void free_to(struct to_body *tb);
/* Frees only the parameter list of tb. */
void free_to_params(struct to_body *tb);

#endif
