/* sipbridge module SDK: the Privacy header (RFC 3323, OpenSIPS 1.11
 * parser/parse_privacy.h). The parsed form is not a pointer: msg->privacy->parsed holds
 * the OR of the PRIVACY_* values (get_privacy_values), nothing to free. */
#ifndef SB_SDK_PARSE_PRIVACY_H
#define SB_SDK_PARSE_PRIVACY_H

#include "../mem/mem.h"
#include "msg_parser.h"

enum privacy_value {
	PRIVACY_USER = 1,
	PRIVACY_HEADER = 2,
	PRIVACY_SESSION = 4,
	PRIVACY_NONE = 8,
	PRIVACY_CRITICAL = 16,
	PRIVACY_ID = 32,
	PRIVACY_HISTORY = 64
};

#define get_privacy_values(p_msg) \
	((unsigned int)(long)((p_msg)->privacy->parsed))

/* 0 parsed (values separated by ';'; "none" alone), -1 no header or a bad value */
int parse_privacy(struct sip_msg *msg);
/* length of the priv-value at start (its bit in *value), 0 when there is none */
unsigned int parse_priv_value(char *start, unsigned int max_len, unsigned int *value);

#endif
