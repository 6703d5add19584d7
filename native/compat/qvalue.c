/* qvalue.h: str2q. The grammar: blanks, then "1" with optional "." and zeros, or
 * zeros/"" with an optional "." and decimal digits. */
#include "../sb_sdk.h"
#pragma GCC visibility push(default)
#include "../../include/qvalue.h"
#include "../../include/error.h"
#pragma GCC visibility pop

int str2q(qvalue_t *q, char *s, int len)
{
	int i = 0, weight = 100, seen_point = 0, one = 0;

	if (q == NULL || s == NULL)
		return E_INVALID_PARAMS;
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i == len)
		return E_Q_EMPTY;
	if (s[i] != '0' && s[i] != '1' && s[i] != '.')
		return E_Q_INV_CHAR;
	*q = 0;
	/* integer part: zeros, then at most one '1' (a '1' after zeros is still 1.0) */
	for (; i < len && s[i] != '.'; i++) {
		if (one)
			return (s[i] >= '0' && s[i] <= '9') ? E_Q_TOO_BIG : E_Q_INV_CHAR;
		if (s[i] == '1') {
			one = 1;
			*q = MAX_Q;
		} else if (s[i] != '0') {
			return (s[i] >= '2' && s[i] <= '9') ? E_Q_TOO_BIG : E_Q_INV_CHAR;
		}
	}
	if (i < len) {
		seen_point = 1;
		i++;
	}
	(void)seen_point;
	for (; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return E_Q_INV_CHAR;
		if (one) {
			if (s[i] != '0')
				return E_Q_TOO_BIG;
			continue;
		}
		if (weight > 0) {
			*q += (s[i] - '0') * weight;
			weight /= 10;
		}
	}
	return 0;
}
