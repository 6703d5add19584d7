/* sipbridge module SDK: message hashes for load distribution (OpenSIPS 1.11
 * prime_hash.h), as carrierroute uses them. */
#ifndef SB_SDK_PRIME_HASH_H
#define SB_SDK_PRIME_HASH_H 1

#include "parser/msg_parser.h"

enum hash_source {
	shs_call_id = 1,
	shs_from_uri,
	shs_from_user,
	shs_to_uri,
	shs_to_user,
	shs_error
};

/* crc32_uint (crc.h) of the source (Call-ID's first token, From/To URI or user) modulo
 * denominator; -1 when the message lacks the source */
int hash_func(struct sip_msg *msg, enum hash_source source, int denominator);
/* for the user sources only: the last 18 digits of the user as a number, modulo the
 * prime 51797, modulo denominator, plus 1 (1..denominator); -1 on error */
int prime_hash_func(struct sip_msg *msg, enum hash_source source, int denominator);

#endif
