/* sipbridge module SDK: the parts of a message body (OpenSIPS 1.11
 * parser/parse_multipart.h). get_all_bodies parses msg->multi once: a multipart body's
 * parts, or the whole body as one part.
 * Memory: msg->multi and its parts are pkg memory owned by the message, freed with it
 * (free_multi_body at the next message, or by free_sip_msg), as in 1.11. parsed_data
 * belongs to whoever sets it. */
#ifndef SB_SDK_PARSE_MULTIPART_H
#define SB_SDK_PARSE_MULTIPART_H

#include "../str.h"

struct sip_msg;

struct part {
	int content_type;      /* (type << 16) | subtype, parse_content.h values */
	str body;              /* the part's body */
	str all_data;          /* its headers and body */
	void *parsed_data;
	struct part *next;
};

struct multi_body {
	int from_multi_part;   /* 1 for a multipart body */
	str boundary;
	int part_count;
	struct part *first;
};

/* msg->multi (parsed on the first call), NULL when there is no body or it is broken */
struct multi_body *get_all_bodies(struct sip_msg *msg);
void free_multi_body(struct multi_body *);

#endif
