/* sipbridge module SDK: the Supported header (OpenSIPS 1.11). */
#ifndef SB_SDK_PARSE_SUPPORTED_H
#define SB_SDK_PARSE_SUPPORTED_H

#include "msg_parser.h"

#define F_SUPPORTED_PATH      (1 << 0)
#define F_SUPPORTED_100REL    (1 << 1)
#define F_SUPPORTED_TIMER     (1 << 2)
#define F_SUPPORTED_EVENTLIST (1 << 3)
#define F_SUPPORTED_GRUU      (1 << 4)

#define SUPPORTED_PATH_STR      "path"
#define SUPPORTED_100REL_STR    "100rel"
#define SUPPORTED_TIMER_STR     "timer"
#define SUPPORTED_EVENTLIST_STR "eventlist"
#define SUPPORTED_GRUU_STR      "gruu"

struct supported_body {
	unsigned int supported;      /* options of this header */
	unsigned int supported_all;  /* options of every Supported header (first one only) */
};

#define get_supported(_msg_) \
	(((struct supported_body *)(_msg_)->supported->parsed)->supported_all)

/* Parses every Supported header. 0 on success, -1 on error or when there is none. */
int parse_supported(struct sip_msg *msg);
void free_supported(struct supported_body **sb);

#endif
