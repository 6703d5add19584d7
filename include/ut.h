/* sipbridge module SDK: small string/number helpers (OpenSIPS 1.11 ut.h names).
 * The int2str family returns a per-thread buffer: valid until the next call on the same
 * thread, as in OpenSIPS where it is per process. */
#ifndef SB_SDK_UT_H
#define SB_SDK_UT_H

#include <string.h>
#include <strings.h>
#include <ctype.h>
#include <limits.h>
#include "str.h"
#include "mem/mem.h"
#include "mem/shm_mem.h"

#define ZSW(_c) ((_c) ? (_c) : "")
#define ZSTR(_s) ((_s).s == NULL || (_s).len == 0)
#define ZSTRP(_p) ((_p) == NULL || (_p)->s == NULL || (_p)->len == 0)

#define MIN_int(a, b) (((a) < (b)) ? (a) : (b))
#define MAX_int(a, b) (((a) > (b)) ? (a) : (b))

#define append_str(_dest, _src, _len) \
	do { memcpy((_dest), (_src), (_len)); (_dest) += (_len); } while (0)

#define trim_len(_len, _begin, _mystr) \
	do { \
		static char _c; \
		(_len) = (_mystr).len; \
		while ((_len) && ((_c = (_mystr).s[(_len) - 1]) == 0 || _c == '\r' || \
				_c == '\n' || _c == ' ' || _c == '\t')) \
			(_len)--; \
		(_begin) = (_mystr).s; \
		while ((_len) && ((_c = *(_begin)) == ' ' || _c == '\t')) { \
			(_len)--; (_begin)++; \
		} \
	} while (0)

#define INT2STR_MAX_LEN (19 + 1 + 1 + 1) /* 2^64 has 20 digits, sign, NUL */

extern __thread char int2str_buf[INT2STR_MAX_LEN];

/* Unsigned to decimal; *len gets the length (may be NULL). Per-thread buffer. */
static inline char *int2bstr(unsigned long l, char *s, int *len)
{
	int i = INT2STR_MAX_LEN - 2;
	s[INT2STR_MAX_LEN - 1] = 0;
	do {
		s[i] = (char)('0' + l % 10);
		i--;
		l /= 10;
	} while (l && i >= 0);
	if (len)
		*len = (INT2STR_MAX_LEN - 2) - i;
	return &s[i + 1];
}

static inline char *int2str(unsigned long l, int *len)
{
	return int2bstr(l, int2str_buf, len);
}

/* Signed to decimal, same buffer rules as int2str. */
static inline char *sint2str(long l, int *len)
{
	int sign = l < 0;
	char *p = int2str(sign ? (unsigned long)(-(l + 1)) + 1 : (unsigned long)l, len);
	if (sign) {
		*(--p) = '-';
		if (len)
			(*len)++;
	}
	return p;
}

/* Decimal str to unsigned int: 0 on success, -1 if empty, not a number or too large. */
static inline int str2int(const str *_s, unsigned int *_r)
{
	int i;
	unsigned long r = 0;
	if (_s == NULL || _s->s == NULL || _s->len <= 0)
		return -1;
	for (i = 0; i < _s->len; i++) {
		if (_s->s[i] < '0' || _s->s[i] > '9')
			return -1;
		r = r * 10 + (unsigned long)(_s->s[i] - '0');
		if (r > UINT_MAX)
			return -1;
	}
	*_r = (unsigned int)r;
	return 0;
}

/* Like str2int with an optional leading sign. */
static inline int str2sint(const str *_s, int *_r)
{
	int sign = 1;
	unsigned int u;
	str t;
	if (_s == NULL || _s->s == NULL || _s->len <= 0)
		return -1;
	t = *_s;
	if (t.s[0] == '-' || t.s[0] == '+') {
		sign = t.s[0] == '-' ? -1 : 1;
		t.s++;
		t.len--;
	}
	if (str2int(&t, &u) < 0 || u > (unsigned int)INT_MAX + (sign < 0))
		return -1;
	*_r = sign < 0 ? (int)(0 - u) : (int)u;
	return 0;
}

/* Decimal string to unsigned short; err (may be NULL) is set to 1 on error. */
static inline unsigned short str2s(const char *s, unsigned int len, int *err)
{
	unsigned int r = 0;
	unsigned int i;
	if (len == 0 || len > 5)
		goto error;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			goto error;
		r = r * 10 + (unsigned int)(s[i] - '0');
	}
	if (r > 65535)
		goto error;
	if (err)
		*err = 0;
	return (unsigned short)r;
error:
	if (err)
		*err = 1;
	return 0;
}

static inline int hex2int(char hex_digit)
{
	if (hex_digit >= '0' && hex_digit <= '9')
		return hex_digit - '0';
	if (hex_digit >= 'a' && hex_digit <= 'f')
		return hex_digit - 'a' + 10;
	if (hex_digit >= 'A' && hex_digit <= 'F')
		return hex_digit - 'A' + 10;
	return -1;
}

/* Hex digits to unsigned int, least significant digit first. -1 on error. */
static inline int reverse_hex2int(char *c, int len, unsigned int *res)
{
	char *pc;
	int h;
	*res = 0;
	if (len <= 0 || len > 8)
		return -1;
	for (pc = c + len - 1; len > 0; pc--, len--) {
		h = hex2int(*pc);
		if (h < 0)
			return -1;
		*res = (*res << 4) + (unsigned int)h;
	}
	return 0;
}

/* Writes u as hex, least significant digit first. Returns chars written, -1 if short. */
static inline int int2reverse_hex(char **c, int *size, unsigned int nr)
{
	static const char fourbits2char[] = "0123456789abcdef";
	unsigned short digit;
	if (nr == 0) {
		if (*size < 1)
			return -1;
		**c = '0';
		(*c)++;
		(*size)--;
		return 1;
	}
	while (*size && nr) {
		digit = nr & 0xf;
		**c = fourbits2char[digit];
		(*c)++;
		nr >>= 4;
		(*size)--;
	}
	return nr ? -1 : 0;
}

static inline void strlower(str *_s)
{
	int i;
	for (i = 0; i < _s->len; i++)
		_s->s[i] = (char)tolower((unsigned char)_s->s[i]);
}

static inline char *q_memchr(char *p, int c, unsigned int size)
{
	return (char *)memchr(p, c, size);
}

static inline char *q_memrchr(char *p, int c, unsigned int size)
{
	while (size > 0) {
		size--;
		if (p[size] == (char)c)
			return p + size;
	}
	return NULL;
}

/* 0 when equal; like memcmp otherwise (shorter string first). */
static inline int str_strcmp(const str *a, const str *b)
{
	int r;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	r = memcmp(a->s, b->s, (size_t)a->len);
	return r;
}

static inline int str_strcasecmp(const str *a, const str *b)
{
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	return strncasecmp(a->s, b->s, (size_t)a->len);
}

/* Copies src into a new pkg/shm buffer (NUL-terminated); 0 on success. */
static inline int pkg_str_dup(str *dst, const str *src)
{
	dst->s = (char *)pkg_malloc((size_t)src->len + 1);
	if (dst->s == NULL)
		return -1;
	memcpy(dst->s, src->s, (size_t)src->len);
	dst->s[src->len] = 0;
	dst->len = src->len;
	return 0;
}

static inline int shm_str_dup(str *dst, const str *src)
{
	dst->s = (char *)shm_malloc((size_t)src->len + 1);
	if (dst->s == NULL)
		return -1;
	memcpy(dst->s, src->s, (size_t)src->len);
	dst->s[src->len] = 0;
	dst->len = src->len;
	return 0;
}

/* %XX-decoding; returns the decoded length or -1. */
int un_escape(str *user, str *new_user);
int escape_user(str *sin, str *sout);
int unescape_user(str *sin, str *sout);
int escape_param(str *sin, str *sout);
int unescape_param(str *sin, str *sout);

#endif
