/* sipbridge module SDK: the Call-Info header (OpenSIPS 1.11 parser/parse_call_info.h).
 * Each comma-separated value is parsed as a name-addr with parameters (a to_body).
 * Memory: parse_call_info_header stores a pkg list of call_info_body in the parsed field
 * of every Call-Info header of the message; each is freed with its header
 * (free_call_info), as in 1.11. */
#ifndef SB_SDK_PARSE_CALL_INFO_H
#define SB_SDK_PARSE_CALL_INFO_H 1

#include "msg_parser.h"

struct call_info_body {
	struct to_body call_info_body;
	struct call_info_body *next;
};

#define get_call_info(p_msg) ((struct call_info_body *)(p_msg)->call_info->parsed)

/* 0 parsed (or already parsed), -1 no Call-Info header or a bad one */
int parse_call_info_header(struct sip_msg *msg);
void free_call_info(struct call_info_body *call_info_b);

#endif
