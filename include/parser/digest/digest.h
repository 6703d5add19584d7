/* sipbridge module SDK: parsed Authorization / Proxy-Authorization headers (OpenSIPS
 * 1.11 parser/digest/digest.h).
 *
 * Memory: parse_credentials stores a pkg auth_body_t in hdr->parsed; it belongs to the
 * message and is freed with the header (clean_hdr_field / the next message), as in
 * 1.11. free_credentials frees one and NULLs the pointer. */
#ifndef SB_SDK_DIGEST_H
#define SB_SDK_DIGEST_H

#include "digest_parser.h"
#include "../hf.h"
#include "../msg_parser.h"

typedef struct auth_body {
	/* set on the first Authorization/Proxy-Authorization header of the message: the
	 * header whose credentials were authorized (mark_authorized_cred) */
	struct hdr_field *authorized;
	dig_cred_t digest;
	unsigned char stale;      /* the nonce was stale */
} auth_body_t;

typedef enum dig_err {
	E_DIG_OK = 0,
	E_DIG_USERNAME = 1,
	E_DIG_REALM = 2,
	E_DIG_NONCE = 4,
	E_DIG_URI = 8,
	E_DIG_RESPONSE = 16,
	E_DIG_CNONCE = 32,
	E_DIG_NC = 64,
	E_DIG_DOMAIN = 128
} dig_err_t;

/* 0 parsed (or already parsed), 1 not a Digest scheme, -1 out of memory (answer 500),
 * another negative value for broken credentials (answer 400). On failure hdr->parsed
 * stays NULL. */
int parse_credentials(struct hdr_field *_h);
void free_credentials(auth_body_t **_b);
void print_cred(dig_cred_t *_c);
/* records _h as the authorized header on the first header of its type; 0 or -1 */
int mark_authorized_cred(struct sip_msg *_m, struct hdr_field *_h);
/* *_h = the authorized header recorded on _f (the first header of a type), or NULL;
 * always 0 */
int get_authorized_cred(struct hdr_field *_f, struct hdr_field **_h);
/* E_DIG_* bits of what is missing to verify the response */
dig_err_t check_dig_cred(dig_cred_t *_c);

#endif
