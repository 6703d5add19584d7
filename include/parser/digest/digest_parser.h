/* sipbridge module SDK: Digest credentials of Authorization / Proxy-Authorization
 * (OpenSIPS 1.11 parser/digest/digest_parser.h). Every str points into the header
 * body (quotes removed); an absent parameter has s == NULL. */
#ifndef SB_SDK_DIGEST_PARSER_H
#define SB_SDK_DIGEST_PARSER_H

#include "../../str.h"

typedef enum alg {
	ALG_UNSPEC = 0,    /* no algorithm parameter */
	ALG_MD5 = 1,
	ALG_MD5SESS = 2,
	ALG_OTHER = 4
} alg_t;

typedef enum qop_type {
	QOP_UNSPEC_D = 0,  /* no qop parameter */
	QOP_AUTH_D = 1,
	QOP_AUTHINT_D = 2,
	QOP_OTHER_D = 4
} qop_type_t;

struct algorithm {
	str alg_str;
	alg_t alg_parsed;
};

struct qp {
	str qop_str;
	qop_type_t qop_parsed;
};

/* username="user@domain": whole, and its parts split at the first '@' */
struct username {
	str whole;
	str user;
	str domain;
};

typedef struct dig_cred {
	struct username username;
	str realm;
	str nonce;
	str uri;
	str response;
	struct algorithm alg;
	str cnonce;
	str opaque;
	struct qp qop;
	str nc;
} dig_cred_t;

/* the realm to check: the username's domain part when there is one, else realm */
#define GET_REALM(cred) \
	(((cred)->username.domain.len && (cred)->username.domain.s) ? \
	 &(cred)->username.domain : &(cred)->realm)

void init_dig_cred(dig_cred_t *_c);
/* 0: Digest credentials parsed into _c; 1: another scheme (or too short); -2: broken
 * Digest parameters (never -1, which parse_credentials keeps for "out of memory"). */
int parse_digest_cred(str *_s, dig_cred_t *_c);

#endif
