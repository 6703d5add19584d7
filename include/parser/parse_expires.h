/* sipbridge module SDK: the Expires header (OpenSIPS 1.11). */
#ifndef SB_SDK_PARSE_EXPIRES_H
#define SB_SDK_PARSE_EXPIRES_H

#include "../str.h"
#include "hf.h"

typedef struct exp_body {
	str text;             /* the digits */
	unsigned char valid;  /* 1 when val is meaningful */
	int val;
} exp_body_t;

/* Parses _h into a pkg exp_body_t in _h->parsed (once). 0 on success, <0 on error. */
int parse_expires(struct hdr_field *_h);
void free_expires(exp_body_t **_e);

#endif
