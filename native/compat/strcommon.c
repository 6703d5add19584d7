/* strcommon.h: quoting and %-escaping. */
#include <string.h>
#include "../sb_sdk.h"
#pragma GCC visibility push(default)
#include "../../include/strcommon.h"
#include "../../include/md5.h"
#pragma GCC visibility pop

int escape_common(char *dst, char *src, int src_len)
{
	int i, j = 0;
	if (dst == NULL || src == NULL || src_len <= 0)
		return 0;
	for (i = 0; i < src_len; i++) {
		char c = src[i];
		if (c == '\'' || c == '"' || c == '\\') {
			dst[j++] = '\\';
			dst[j++] = c;
		} else if (c == '\0') {
			dst[j++] = '\\';
			dst[j++] = '0';
		} else {
			dst[j++] = c;
		}
	}
	return j;
}

int unescape_common(char *dst, char *src, int src_len)
{
	int i = 0, j = 0;
	if (dst == NULL || src == NULL || src_len <= 0)
		return 0;
	while (i < src_len) {
		if (src[i] == '\\' && i + 1 < src_len) {
			char n = src[i + 1];
			if (n == '\'' || n == '"' || n == '\\') {
				dst[j++] = n;
				i += 2;
				continue;
			}
			if (n == '0') {
				dst[j++] = '\0';
				i += 2;
				continue;
			}
		}
		dst[j++] = src[i++];
	}
	return j;
}

int unescape_xml(char *dst, char *src, int src_len)
{
	int i = 0, j = 0;
	if (dst == NULL || src == NULL || src_len <= 0)
		return 0;
	while (i < src_len) {
		if (src[i] == '&' && i + 4 < src_len && src[i + 1] == '#' && src[i + 4] == ';' &&
				src[i + 2] >= '0' && src[i + 2] <= '9' && src[i + 3] >= '0' && src[i + 3] <= '9') {
			dst[j++] = (char)((src[i + 2] - '0') * 10 + (src[i + 3] - '0'));
			i += 5;
		} else {
			dst[j++] = src[i++];
		}
	}
	return j;
}

void compute_md5(char *dst, char *src, int src_len)
{
	static const char hex[] = "0123456789abcdef";
	MD5_CTX ctx;
	unsigned char d[16];
	int i;

	MD5Init(&ctx);
	MD5Update(&ctx, (unsigned char *)src, (unsigned int)src_len);
	MD5Final(d, &ctx);
	for (i = 0; i < 16; i++) {
		dst[2 * i] = hex[d[i] >> 4];
		dst[2 * i + 1] = hex[d[i] & 0xf];
	}
}

/* escape_user, unescape_user, escape_param, unescape_param: native/ut.c (ut.h). */
