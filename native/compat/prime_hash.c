/* prime_hash.h: the hash sources and the two distributions. */
#include <ctype.h>
#include <stdint.h>
#include "../sb_sdk.h"
#pragma GCC visibility push(default)
#include "../../include/prime_hash.h"
#include "../../include/crc.h"
#pragma GCC visibility pop

static int source_of(struct sip_msg *msg, enum hash_source src, str *out)
{
	struct to_body *tb;
	struct sip_uri uri;

	out->s = NULL;
	out->len = 0;
	if (msg == NULL)
		return -1;
	if (!msg->callid || !msg->to || !msg->from) {
		LM_ERR("message without Call-ID, To or From\n");
		return -1;
	}
	if (parse_from_header(msg) < 0) {
		LM_ERR("bad From header\n");
		return -1;
	}
	switch (src) {
	case shs_call_id:
		*out = msg->callid->body;
		/* the first whitespace-delimited token */
		while (out->len > 0 && isspace((unsigned char)*out->s)) {
			out->s++;
			out->len--;
		}
		{
			int i;
			for (i = 0; i < out->len; i++)
				if (isspace((unsigned char)out->s[i]))
					break;
			out->len = i;
		}
		return 0;
	case shs_from_uri: case shs_to_uri:
	case shs_from_user: case shs_to_user:
		tb = (src == shs_from_uri || src == shs_from_user) ? get_from(msg) : get_to(msg);
		if (tb == NULL)
			return -1;
		if (src == shs_from_uri || src == shs_to_uri) {
			*out = tb->uri;
			return 0;
		}
		if (parse_uri(tb->uri.s, tb->uri.len, &uri) < 0) {
			LM_ERR("bad From/To URI\n");
			return -1;
		}
		*out = uri.user;
		return 0;
	default:
		LM_ERR("unknown hash source %d\n", (int)src);
		return -1;
	}
}

int hash_func(struct sip_msg *msg, enum hash_source source, int denominator)
{
	str s;
	unsigned int h;

	if (denominator <= 0) {
		LM_ERR("bad denominator %d\n", denominator);
		return -1;
	}
	if (source_of(msg, source, &s) < 0)
		return -1;
	crc32_uint(&s, &h);
	return (int)(h % (unsigned int)denominator);
}

int prime_hash_func(struct sip_msg *msg, enum hash_source source, int denominator)
{
	str s;
	uint64_t number = 0, weight = 1;
	int i, digits = 0;

	if (source != shs_from_user && source != shs_to_user) {
		LM_ERR("hash source %d may hold letters: only the user sources work\n", (int)source);
		return -1;
	}
	if (denominator <= 0) {
		LM_ERR("bad denominator %d\n", denominator);
		return -1;
	}
	if (source_of(msg, source, &s) < 0)
		return -1;
	/* the last 18 digits, read from the right, other characters skipped */
	for (i = s.len - 1; i >= 0 && digits < 18; i--) {
		if (isdigit((unsigned char)s.s[i])) {
			number += (uint64_t)(s.s[i] - '0') * weight;
			weight *= 10;
			digits++;
		}
	}
	return (int)(number % 51797) % denominator + 1;
}
