/* sipbridge module SDK: the From header (OpenSIPS 1.11). */
#ifndef SB_SDK_PARSE_FROM_H
#define SB_SDK_PARSE_FROM_H

#include "msg_parser.h"
#include "parse_to.h"

#define get_from(p_msg) ((struct to_body *)(p_msg)->from->parsed)

/* Parses msg->from into a pkg to_body stored in msg->from->parsed (once; the core frees
 * it with the message). 0 on success, -1 on error or when there is no From. */
int parse_from_header(struct sip_msg *msg);
/* Parses (once) the From URI into get_from(msg)->parsed_uri. NULL on error. */
struct sip_uri *parse_from_uri(struct sip_msg *msg);

#endif
