/* sipbridge module SDK: the Allow header (OpenSIPS 1.11). */
#ifndef SB_SDK_PARSE_ALLOW_H
#define SB_SDK_PARSE_ALLOW_H

#include "msg_parser.h"

struct allow_body {
	unsigned int allow;      /* methods of this header */
	unsigned int allow_all;  /* methods of every Allow header (first one only) */
};

#define get_allow_methods(_msg_) \
	(((struct allow_body *)(_msg_)->allow->parsed)->allow_all)

/* Parses every Allow header. 0 on success, -1 on error or when there is none. */
int parse_allow(struct sip_msg *msg);
void free_allow(struct allow_body **ab);

#endif
