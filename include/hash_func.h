/* sipbridge module SDK: the core's string hashes (OpenSIPS 1.11 results). Both walk the
 * strings four bytes at a time as big-endian words, bytes read as plain (signed) char as
 * 1.11 does on x86, so a table filled by a 1.11 module lands in the same buckets.
 * size must be a power of two (the result is masked with size-1); 0 gives the full hash. */
#ifndef SB_SDK_HASH_FUNC_H
#define SB_SDK_HASH_FUNC_H

#include "str.h"

/* one byte as 1.11 mixes it in: a signed char widened to 32 bits */
#define sb_hbyte(_c) ((unsigned int)(int)(signed char)(_c))
#define sb_hlower(_c) (((_c) >= 'A' && (_c) <= 'Z') ? ((_c) | 0x20) : (_c))

static inline unsigned int sb_hash_feed(unsigned int h, const char *s, int len, int icase)
{
	const char *p = s, *end = s + len;
	unsigned int v;

	for (; end - p >= 4; p += 4) {
		if (icase)
			v = (sb_hbyte(sb_hlower(p[0])) << 24) + (sb_hbyte(sb_hlower(p[1])) << 16) +
				(sb_hbyte(sb_hlower(p[2])) << 8) + sb_hbyte(sb_hlower(p[3]));
		else
			v = (sb_hbyte(p[0]) << 24) + (sb_hbyte(p[1]) << 16) + (sb_hbyte(p[2]) << 8) +
				sb_hbyte(p[3]);
		h += v ^ (v >> 3);
	}
	/* the 0-3 trailing bytes form one last word (always mixed, even when empty) */
	for (v = 0; p < end; p++)
		v = (v << 8) + (icase ? sb_hbyte(sb_hlower(*p)) : sb_hbyte(*p));
	return h + (v ^ (v >> 3));
}

static inline unsigned int sb_hash_finish(unsigned int h, unsigned int size)
{
	h = (h + (h >> 11)) + ((h >> 13) + (h >> 23));
	return size ? (h & (size - 1)) : h;
}

/* hash of s1, followed by s2 when not NULL */
static inline unsigned int core_hash(const str *s1, const str *s2, const unsigned int size)
{
	unsigned int h = sb_hash_feed(0, s1->s, s1->len, 0);
	if (s2)
		h = sb_hash_feed(h, s2->s, s2->len, 0);
	return sb_hash_finish(h, size);
}

/* the same with ASCII letters folded to lower case */
static inline unsigned int core_case_hash(str *s1, str *s2, unsigned int size)
{
	unsigned int h = sb_hash_feed(0, s1->s, s1->len, 1);
	if (s2)
		h = sb_hash_feed(h, s2->s, s2->len, 1);
	return sb_hash_finish(h, size);
}

#endif
