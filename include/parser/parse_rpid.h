/* sipbridge module SDK: the Remote-Party-ID header (OpenSIPS 1.11). */
#ifndef SB_SDK_PARSE_RPID_H
#define SB_SDK_PARSE_RPID_H

#include "msg_parser.h"
#include "parse_to.h"

#define get_rpid(p_msg) ((struct to_body *)(p_msg)->rpid->parsed)

int parse_rpid_header(struct sip_msg *msg);

#endif
