/* sipbridge module SDK: the P-Asserted-Identity header (OpenSIPS 1.11). */
#ifndef SB_SDK_PARSE_PAI_H
#define SB_SDK_PARSE_PAI_H

#include "msg_parser.h"
#include "parse_to.h"

#define get_pai(p_msg) ((struct to_body *)(p_msg)->pai->parsed)

int parse_pai_header(struct sip_msg *msg);

#endif
