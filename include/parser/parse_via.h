/* sipbridge module SDK: Via header bodies (OpenSIPS 1.11). */
#ifndef SB_SDK_PARSE_VIA_H
#define SB_SDK_PARSE_VIA_H

#include "../str.h"

/* via_param.type */
enum {
	PARAM_HIDDEN = 230, PARAM_TTL, PARAM_BRANCH, PARAM_MADDR, PARAM_RECEIVED,
	PARAM_RPORT, PARAM_I, PARAM_ALIAS, GEN_PARAM, PARAM_ERROR
};

struct via_param {
	int type;                /* PARAM_* or GEN_PARAM */
	str name;
	str value;               /* empty when the parameter has no value */
	char *start;             /* just after the ';' */
	int size;                /* from start to the end of the value */
	struct via_param *next;
};

/* One Via body: name/version/transport host[:port] *(;param) [comment] */
struct via_body {
	int error;               /* PARSE_OK or PARSE_ERROR */
	str hdr;                 /* the header name ("Via" or "v") */
	str name;                /* "SIP" */
	str version;             /* "2.0" */
	str transport;           /* "UDP", "TCP", ... */
	str host;                /* IPv6 references keep their brackets */
	unsigned short proto;    /* PROTO_* */
	unsigned short port;     /* 0 when absent */
	str port_str;
	str params;              /* all parameters, without the first ';' */
	str comment;
	unsigned int bsize;      /* from name.s to the end of this body; when another body
	                          * follows in the same header, up to that body */
	struct via_param *param_lst;
	struct via_param *last_param;
	struct via_param *branch;
	str tid;                 /* branch value after the magic cookie */
	struct via_param *received;
	struct via_param *rport;
	struct via_param *i;
	struct via_param *alias;
	struct via_param *maddr;
	struct via_body *next;   /* next body of the same header line */
};

/* Parses the Via bodies in [buffer, end) into vb (and pkg-allocated vb->next ...).
 * Returns the position after the header line; vb->error says whether it worked. */
char *parse_via(char *buffer, char *end, struct via_body *vb);
/* Frees a list parse_via returned (pkg memory: vb itself, its next bodies, params). */
void free_via_list(struct via_body *vb);
void free_via_param_list(struct via_param *vp);

#endif
