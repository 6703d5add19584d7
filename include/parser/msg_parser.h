/* sipbridge module SDK: the SIP message as modules see it (OpenSIPS 1.11 names).
 * PLACEHOLDER until the message view lands: only the fields the core uses so far. */
#ifndef SB_SDK_MSG_PARSER_H
#define SB_SDK_MSG_PARSER_H

#include "../str.h"

struct sip_msg {
	unsigned int id;      /* unique per message */
	unsigned int flags;   /* script flags */
	unsigned int msg_flags;
	char *buf;            /* writable, NUL-terminated copy of the message */
	unsigned int len;
};

#endif
