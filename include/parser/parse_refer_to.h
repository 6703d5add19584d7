/* sipbridge module SDK: the Refer-To header (OpenSIPS 1.11). */
#ifndef SB_SDK_PARSE_REFER_TO_H
#define SB_SDK_PARSE_REFER_TO_H

#include "msg_parser.h"
#include "parse_to.h"

#define get_refer_to(p_msg) ((struct to_body *)(p_msg)->refer_to->parsed)

int parse_refer_to_header(struct sip_msg *msg);

#endif
