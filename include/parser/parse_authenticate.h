/* sipbridge module SDK: WWW-Authenticate and Proxy-Authenticate Digest challenges
 * (OpenSIPS 1.11 parser/parse_authenticate.h), as uac_auth reads them from a 401/407.
 * Memory: each header's parsed field gets a pkg struct authenticate_body pointing into
 * the header body; it belongs to the message and is freed with the header
 * (free_authenticate), as in 1.11. */
#ifndef SB_SDK_PARSE_AUTHENTICATE_H
#define SB_SDK_PARSE_AUTHENTICATE_H

#include "msg_parser.h"

#define AUTHENTICATE_MD5      (1 << 0)
#define AUTHENTICATE_MD5SESS  (1 << 1)
#define AUTHENTICATE_STALE    (1 << 2)
#define QOP_AUTH              (1 << 3)
#define QOP_AUTH_INT          (1 << 4)

struct authenticate_body {
	int flags;      /* the bits above */
	str realm;
	str domain;
	str nonce;
	str opaque;
	str qop;
};

#define get_www_authenticate(p_msg) \
	((struct authenticate_body *)(p_msg)->www_authenticate->parsed)
#define get_proxy_authenticate(p_msg) \
	((struct authenticate_body *)(p_msg)->proxy_authenticate->parsed)

/* 0 when every header of the kind is parsed, -1 no such header or a bad challenge */
int parse_proxy_authenticate_header(struct sip_msg *msg);
int parse_www_authenticate_header(struct sip_msg *msg);
/* parses this header and its siblings */
int parse_authenticate_header(struct hdr_field *authenticate);
void free_authenticate(struct authenticate_body *authenticate_b);

#endif
