/* sipbridge module SDK: the Diversion header (OpenSIPS 1.11). */
#ifndef SB_SDK_PARSE_DIVERSION_H
#define SB_SDK_PARSE_DIVERSION_H

#include "msg_parser.h"
#include "parse_to.h"

#define get_diversion(p_msg) ((struct to_body *)(p_msg)->diversion->parsed)

/* Parses the first Diversion header into a pkg to_body. 0 / -1. */
int parse_diversion_header(struct sip_msg *msg);

#endif
