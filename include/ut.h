/* sipbridge module SDK: small string/number helpers (OpenSIPS 1.11 ut.h names).
 * The int2str family returns a per-thread buffer: valid until the next call on the same
 * thread, as in OpenSIPS where it is per process. */
#ifndef SB_SDK_UT_H
#define SB_SDK_UT_H

#include <string.h>
#include <strings.h>
#include <ctype.h>
#include <limits.h>
#include <unistd.h>
#include <sys/time.h>
#include <sys/select.h>
#include <sys/uio.h>   /* writev, struct iovec (db_flatstore) */
#include "str.h"
#include "config.h"
#include "mem/mem.h"
#include "mem/shm_mem.h"

#define ZSW(_c) ((_c) ? (_c) : "")
#define ZSTR(_s) ((_s).s == NULL || (_s).len == 0)
#define ZSTRP(_p) ((_p) == NULL || (_p)->s == NULL || (_p)->len == 0)

#define MIN_int(a, b) (((a) < (b)) ? (a) : (b))
#define MAX_int(a, b) (((a) > (b)) ? (a) : (b))

#define append_str(_dest, _src, _len) \
	do { memcpy((_dest), (_src), (_len)); (_dest) += (_len); } while (0)

/* _c is a local here (1.11 has a static one): the core runs several threads. */
#define trim_len(_len, _begin, _mystr) \
	do { \
		char _c; \
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

/* Hex digits read from the last one to the first (the form int2reverse_hex writes), as
 * in 1.11: the value, or -1 on a character that is not a hex digit. */
static inline int reverse_hex2int(char *c, int len)
{
	char *pc;
	int r = 0;
	int h;
	for (pc = c + len - 1; len > 0; pc--, len--) {
		h = hex2int(*pc);
		if (h < 0)
			return -1;
		r = (int)(((unsigned int)r << 4) + (unsigned int)h);
	}
	return r;
}

/* Lower-case hex digits by value. */
static const char fourbits2char[16] = {
	'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'
};

/* Writes nr in hex at *c, least significant digit first, advancing *c and decreasing
 * *size. 1 on success, -1 when *size was too small for all the digits. */
static inline int int2reverse_hex(char **c, int *size, unsigned int nr)
{
	if (*size && nr == 0) {
		**c = '0';
		(*c)++;
		(*size)--;
		return 1;
	}
	while (*size && nr) {
		**c = fourbits2char[nr & 0xf];
		(*c)++;
		nr >>= 4;
		(*size)--;
	}
	return nr ? -1 : 1;
}

/* Hex digits, most significant first, to *val: 0, or -1 on a non-hex character. */
static inline int hexstr2int(char *c, int len, unsigned int *val)
{
	unsigned int r = 0;
	int i, h;
	for (i = 0; i < len; i++) {
		h = hex2int(c[i]);
		if (h < 0)
			return -1;
		r = (r << 4) + (unsigned int)h;
	}
	*val = r;
	return 0;
}

/* Two lower-case hex digits per byte of str, into hex (not NUL-terminated; hex needs
 * 2*len bytes). Returns the number of input bytes written; "0" and 1 for len 0. */
static inline int string2hex(unsigned char *str, int len, char *hex)
{
	int i;
	if (len == 0) {
		*hex = '0';
		return 1;
	}
	for (i = 0; i < len; i++) {
		hex[2 * i] = fourbits2char[(str[i] >> 4) & 0x0f];
		hex[2 * i + 1] = fourbits2char[str[i] & 0x0f];
	}
	return len;
}

/* Decimal digits of val (no leading zeros, 1 to 3 chars) at p; returns how many. */
static inline int btostr(char *p, unsigned char val)
{
	int i = 0;
	if (val >= 100)
		p[i++] = (char)('0' + val / 100);
	if (val >= 10)
		p[i++] = (char)('0' + (val / 10) % 10);
	p[i++] = (char)('0' + val % 10);
	return i;
}

/* "0x..." as hex, anything else as decimal (str2int). 0, or -1 on error. */
static inline int strno2int(str *val, unsigned int *mask)
{
	if (val->len > 2 && val->s[0] == '0' && val->s[1] == 'x')
		return hexstr2int(val->s + 2, val->len - 2, mask);
	return str2int(val, mask);
}

/* Sleeps nusecs microseconds (signals may cut it short). */
static inline void sleep_us(unsigned int nusecs)
{
	struct timeval tval;
	tval.tv_sec = nusecs / 1000000;
	tval.tv_usec = nusecs % 1000000;
	select(0, NULL, NULL, NULL, &tval);
}

/* The longest path name, for buffer sizes. */
static inline int pathmax(void)
{
#ifdef PATH_MAX
	return PATH_MAX;
#else
	long m = pathconf("/", _PC_PATH_MAX);
	return m <= 0 ? PATH_MAX_GUESS : (int)m + 1;
#endif
}

/* Microseconds elapsed since *begin. */
static inline int get_time_diff(struct timeval *begin)
{
	struct timeval end;
	gettimeofday(&end, NULL);
	return (int)((end.tv_sec - begin->tv_sec) * 1000000 + (end.tv_usec - begin->tv_usec));
}

/* The current time in seconds and microseconds: 0, or -1 on error. */
static inline int get_timestamp(int *sec, int *usec)
{
	struct timeval t;
	if (gettimeofday(&t, NULL) != 0)
		return -1;
	*sec = (int)t.tv_sec;
	*usec = (int)t.tv_usec;
	return 0;
}

/* RFC 3261 token check: 1 when in is a token, 0 when not, -1 when empty/NULL. */
static inline int str_check_token(str *in)
{
	int i;
	char c;
	if (in == NULL || in->s == NULL || in->len == 0)
		return -1;
	for (i = 0; i < in->len; i++) {
		c = in->s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
				c == '-' || c == '.' || c == '!' || c == '%' || c == '*' || c == '_' ||
				c == '+' || c == '`' || c == '\'' || c == '~'))
			return 0;
	}
	return 1;
}

/* Where a pointer into _org_buf lands in a copy of it at _new_buf (NULL stays NULL). */
#define translate_pointer(_new_buf, _org_buf, _p) \
	((_p) ? ((_new_buf) + ((_p) - (_org_buf))) : (0))

/* The length of a Via body from its name to its end (struct via_body, parse_via.h). */
#define via_len(_via) \
	((_via)->bsize - ((_via)->name.s - ((_via)->hdr.s + (_via)->hdr.len)))

/* Drops spaces at both ends, writing NULs over the trailing ones (the text must be
 * writable), as 1.11's ut.h does; trim.h has a form that also drops tabs. */
#ifndef trim_spaces_lr
#define trim_spaces_lr(_s_) \
	do { \
		for (; (_s_).len > 0 && (_s_).s[(_s_).len - 1] == ' '; (_s_).s[--(_s_).len] = 0); \
		for (; (_s_).len > 0 && (_s_).s[0] == ' '; (_s_).s = (_s_).s + 1, (_s_).len--); \
	} while (0)
#endif

/* Drops spaces at both ends without writing into the buffer. */
#define str_trim_spaces_lr(_s_) \
	do { \
		for (; (_s_).len > 0 && (_s_).s[(_s_).len - 1] == ' '; --(_s_).len); \
		for (; (_s_).len > 0 && (_s_).s[0] == ' '; (_s_).s = (_s_).s + 1, (_s_).len--); \
	} while (0)

/* Core helpers of 1.11's ut.c (native/compat/ut_compat.c). */
/* uid/gid of a user name or number; 0, or -1 when unknown. gid may be NULL. */
int user2uid(int *uid, int *gid, char *user);
/* gid of a group name or number; 0, or -1 when unknown. */
int group2gid(int *gid, char *group);
/* A NUL-terminated pkg copy of s ("" when s is empty); NULL when out of memory. */
char *NTcopy_str(str *s);
/* Seeds rand() for the calling worker (seed mixed with the thread). */
void seed_child(unsigned int seed);
/* Parses a comma-separated list of reply codes ("200, 404") into a pkg array
 * (*options_codes_no entries; the caller pkg_frees it): 0, or -1 on a bad code. */
int parse_reply_codes(str *options_reply_codes_str, int **options_reply_codes,
		int *options_codes_no);
/* Base64 (RFC 4648, with padding). out must hold calc_base64_encode_len(inlen) bytes;
 * base64decode returns the decoded length. */
void base64encode(unsigned char *out, unsigned char *in, int inlen);
int base64decode(unsigned char *out, unsigned char *in, int len);
int calc_base64_encode_len(int len);
int calc_max_base64_decode_len(int len);

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

/* Drops NULs, CRs and LFs from the right of a str (1.11's ut.h; spaces stay). */
#ifndef trim_r
#define trim_r(_mystr) \
	do { \
		while ((_mystr).len > 0 && ((_mystr).s[(_mystr).len - 1] == 0 || \
				(_mystr).s[(_mystr).len - 1] == '\r' || \
				(_mystr).s[(_mystr).len - 1] == '\n')) \
			(_mystr).len--; \
	} while (0)
#endif

/* As 1.11's ut.h: users of ut.h get the action API and, through it, struct sip_msg and the
 * socket types (db_flatstore declares a struct sip_msg and uses struct iovec from here).
 * At the end, so that headers ut.h brings back in see its declarations. */
#include "action.h"
/* and the events (event_id_t, EVI_ERROR: usrloc, acc, dispatcher rely on it) */
#include "evi/evi_modules.h"
#include "evi/evi_core.h"
/* and the module interface (cmd_export_t, param_export_t...): nathelper and cachedb_sql
 * use it with no other header bringing it */
#include "sr_module.h"

#endif
