/* sipbridge module SDK: MD5 (RFC 1321), OpenSIPS 1.11 md5.h names.
 *   MD5_CTX c; MD5Init(&c); MD5Update(&c, data, len)...; MD5Final(digest16, &c); */
#ifndef SB_SDK_MD5_H
#define SB_SDK_MD5_H

#include "md5global.h"

typedef struct {
	UINT4 state[4];          /* A, B, C, D */
	UINT4 count[2];          /* message length in bits, low word first */
	unsigned char buffer[64];
} MD5_CTX;

void MD5Init(MD5_CTX *context);
void MD5Update(MD5_CTX *context, unsigned char *input, unsigned int input_len);
/* Writes the 16-byte digest and clears the context. */
void MD5Final(unsigned char digest[16], MD5_CTX *context);

#endif
