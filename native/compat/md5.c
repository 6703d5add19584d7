/* MD5 (RFC 1321) behind include/md5.h, and the md5utils.h helpers. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "sb_compat.h"

#pragma GCC visibility push(default)
#include "../../include/md5.h"
#include "../../include/md5utils.h"
#pragma GCC visibility pop

/* Per-step additive constants: floor(2^32 * |sin(i + 1)|). */
static const UINT4 K[64] = {
	0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
	0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
	0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
	0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
	0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
	0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
	0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
	0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391
};

/* Left-rotation amounts, four per round. */
static const unsigned char R[16] = { 7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21 };

static UINT4 rotl(UINT4 x, unsigned int n)
{
	return (x << n) | (x >> (32 - n));
}

static void transform(UINT4 state[4], const unsigned char block[64])
{
	UINT4 m[16], a = state[0], b = state[1], c = state[2], d = state[3], f, tmp;
	unsigned int i, g;

	for (i = 0; i < 16; i++)
		m[i] = (UINT4)block[4 * i] | ((UINT4)block[4 * i + 1] << 8) |
			((UINT4)block[4 * i + 2] << 16) | ((UINT4)block[4 * i + 3] << 24);
	for (i = 0; i < 64; i++) {
		switch (i / 16) {
		case 0: f = (b & c) | (~b & d); g = i; break;
		case 1: f = (d & b) | (~d & c); g = (5 * i + 1) % 16; break;
		case 2: f = b ^ c ^ d; g = (3 * i + 5) % 16; break;
		default: f = c ^ (b | ~d); g = (7 * i) % 16; break;
		}
		tmp = d;
		d = c;
		c = b;
		b = b + rotl(a + f + K[i] + m[g], R[(i / 16) * 4 + i % 4]);
		a = tmp;
	}
	state[0] += a;
	state[1] += b;
	state[2] += c;
	state[3] += d;
}

void MD5Init(MD5_CTX *context)
{
	context->count[0] = context->count[1] = 0;
	context->state[0] = 0x67452301;
	context->state[1] = 0xefcdab89;
	context->state[2] = 0x98badcfe;
	context->state[3] = 0x10325476;
}

void MD5Update(MD5_CTX *context, unsigned char *input, unsigned int input_len)
{
	unsigned int have = (context->count[0] >> 3) & 63;
	unsigned int need = 64 - have;
	unsigned int i = 0;
	UINT4 bits = (UINT4)input_len << 3;

	context->count[0] += bits;
	if (context->count[0] < bits)
		context->count[1]++;
	context->count[1] += (UINT4)input_len >> 29;

	if (input_len >= need) {
		memcpy(context->buffer + have, input, need);
		transform(context->state, context->buffer);
		for (i = need; i + 63 < input_len; i += 64)
			transform(context->state, input + i);
		have = 0;
	}
	memcpy(context->buffer + have, input + i, input_len - i);
}

void MD5Final(unsigned char digest[16], MD5_CTX *context)
{
	unsigned char bits[8];
	unsigned char pad[64];
	unsigned int have, padlen, i;

	for (i = 0; i < 4; i++) {
		bits[i] = (unsigned char)(context->count[0] >> (8 * i));
		bits[4 + i] = (unsigned char)(context->count[1] >> (8 * i));
	}
	have = (context->count[0] >> 3) & 63;
	padlen = have < 56 ? 56 - have : 120 - have;
	memset(pad, 0, sizeof(pad));
	pad[0] = 0x80;
	MD5Update(context, pad, padlen);
	MD5Update(context, bits, 8);
	for (i = 0; i < 16; i++)
		digest[i] = (unsigned char)(context->state[i / 4] >> (8 * (i % 4)));
	memset(context, 0, sizeof(*context));
}

void MD5StringArray(char *dest, str src[], unsigned int size)
{
	MD5_CTX context;
	unsigned char digest[16];
	unsigned int i;
	int len;
	char *s;

	MD5Init(&context);
	for (i = 0; i < size; i++) {
		trim_len(len, s, src[i]);
		if (len > 0)
			MD5Update(&context, (unsigned char *)s, (unsigned int)len);
	}
	MD5Final(digest, &context);
	string2hex(digest, 16, dest);
}

int MD5File(char *dest, const char *file_name)
{
	MD5_CTX context;
	unsigned char buf[32768];
	unsigned char digest[16];
	size_t n;
	FILE *f;

	if (dest == NULL || file_name == NULL) {
		LM_ERR("invalid parameter value\n");
		return -1;
	}
	f = fopen(file_name, "rb");
	if (f == NULL) {
		LM_ERR("could not open file %s\n", file_name);
		return -1;
	}
	MD5Init(&context);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		MD5Update(&context, buf, (unsigned int)n);
	if (ferror(f)) {
		LM_ERR("could not read file %s\n", file_name);
		fclose(f);
		return -1;
	}
	fclose(f);
	MD5Final(digest, &context);
	string2hex(digest, 16, dest);
	return 0;
}
