/* sipbridge module SDK: the Content-Disposition header (RFC 2183, OpenSIPS 1.11
 * parser/parse_disposition.h).
 * Memory: parse_content_disposition stores a pkg struct disposition (with a pkg
 * parameter list) in msg->content_disposition->parsed; it belongs to the message and is
 * freed with the header (free_disposition), as in 1.11. */
#ifndef SB_SDK_PARSE_DISPOSITION_H
#define SB_SDK_PARSE_DISPOSITION_H

#include "../str.h"
#include "msg_parser.h"

#define get_content_disposition(_msg_) \
	((struct disposition *)((_msg_)->content_disposition->parsed))

struct disposition_param {
	str name;
	str body;              /* without the quotes of a quoted value */
	int is_quoted;
	struct disposition_param *next;
};

struct disposition {
	str type;
	struct disposition_param *params;   /* in header order */
};

/* 0 parsed (or already), 1 no Content-Disposition header, -1 error */
int parse_content_disposition(struct sip_msg *msg);
/* parses s into disp (parameters in pkg memory): 0, -1 out of memory, -2 bad syntax */
int parse_disposition(str *s, struct disposition *disp);
/* frees the structure, its parameters, and NULLs *disp */
void free_disposition(struct disposition **disp);
void print_disposition(struct disposition *disp);

#endif
