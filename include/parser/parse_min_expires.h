/* sipbridge module SDK: the Min-Expires header (OpenSIPS 1.11
 * parser/parse_min_expires.h): parsed like Min-SE, the number is kept in
 * msg->min_expires->parsed. */
#ifndef SB_SDK_PARSE_MIN_EXPIRES_H
#define SB_SDK_PARSE_MIN_EXPIRES_H 1

#include "msg_parser.h"
#include "parse_sst.h"

/* 0 (also when the message has no Min-Expires), -1 on a bad value */
int parse_min_expires(struct sip_msg *msg);

#endif
