/* sipbridge module SDK: q values of Contact headers (OpenSIPS 1.11 qvalue.h). A q value
 * is kept as an integer in thousandths: 0..1000, or Q_UNSPECIFIED. */
#ifndef SB_SDK_QVALUE_H
#define SB_SDK_QVALUE_H

#include <string.h>

typedef int qvalue_t;

#define Q_UNSPECIFIED ((qvalue_t)-1)
#define MAX_Q ((qvalue_t)1000)
#define MIN_Q ((qvalue_t)0)

#define MAX_Q_STR "1"
#define MAX_Q_STR_LEN (sizeof(MAX_Q_STR) - 1)
#define MIN_Q_STR "0"
#define MIN_Q_STR_LEN (sizeof(MIN_Q_STR) - 1)
#define Q_PREFIX "0."
#define Q_PREFIX_LEN (sizeof(Q_PREFIX) - 1)

/* text of a str2q error code (E_Q_* of error.h) */
#define qverr2str(rc) \
	((rc) == E_Q_INV_CHAR ? "bad characters" : \
	 (rc) == E_Q_EMPTY ? "empty value" : \
	 (rc) == E_Q_TOO_BIG ? "max value is 1.0" : "bad qvalue")

/* length of q2str's text: "" for unspecified, "1", "0", else "0." and 1-3 digits */
static inline size_t len_q(qvalue_t q)
{
	if (q == Q_UNSPECIFIED)
		return 0;
	if (q >= MAX_Q)
		return MAX_Q_STR_LEN;
	if (q <= MIN_Q)
		return MIN_Q_STR_LEN;
	return Q_PREFIX_LEN + (q % 100 == 0 ? 1 : q % 10 == 0 ? 2 : 3);
}

static inline double q2double(qvalue_t q)
{
	return q == Q_UNSPECIFIED ? -1 : (double)q / 1000.0;
}

static inline qvalue_t double2q(double q)
{
	return q == -1 ? Q_UNSPECIFIED : (qvalue_t)(q * 1000);
}

/* The q value as text without trailing zeros, in a per-thread buffer (1.11 uses one
 * static buffer). *len gets the length when len is not NULL. */
static inline char *q2str(qvalue_t q, unsigned int *len)
{
	static __thread char text[sizeof("0.123")];
	char *p = text;

	if (q == Q_UNSPECIFIED) {
		/* empty text */
	} else if (q >= MAX_Q) {
		memcpy(p, MAX_Q_STR, MAX_Q_STR_LEN);
		p += MAX_Q_STR_LEN;
	} else if (q <= MIN_Q) {
		memcpy(p, MIN_Q_STR, MIN_Q_STR_LEN);
		p += MIN_Q_STR_LEN;
	} else {
		int digits = q % 100 == 0 ? 1 : q % 10 == 0 ? 2 : 3, div = 100, i;
		memcpy(p, Q_PREFIX, Q_PREFIX_LEN);
		p += Q_PREFIX_LEN;
		for (i = 0; i < digits; i++, div /= 10)
			*p++ = (char)('0' + (q / div) % 10);
	}
	*p = '\0';
	if (len)
		*len = (unsigned int)(p - text);
	return text;
}

/* Parses "0", "1", "0.5", "1.000", ".25" (leading blanks allowed, digits beyond the
 * third decimal ignored) into *q. 0, or E_Q_INV_CHAR, E_Q_EMPTY, E_Q_TOO_BIG,
 * E_INVALID_PARAMS (error.h). */
int str2q(qvalue_t *q, char *s, int len);

#endif
