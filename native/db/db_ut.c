/* Value conversions and SQL pieces for C DB drivers (include/db/db_ut.h). */
#define _GNU_SOURCE   /* strptime */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "db_sdk.h"

int db_str2int(const char *_s, int *_v)
{
	long long v;
	int r;

	if (_s == NULL || _v == NULL) {
		LM_ERR("db_str2int: NULL argument\n");
		return -1;
	}
	r = db_str2bigint(_s, &v);
	if (r != 0)
		return r;
	if (v < INT_MIN || v > INT_MAX) {
		LM_ERR("'%s' does not fit in an int\n", _s);
		return -1;
	}
	*_v = (int)v;
	return 0;
}

int db_str2bigint(const char *_s, long long *_v)
{
	char *end;
	long long v;

	if (_s == NULL || _v == NULL) {
		LM_ERR("db_str2bigint: NULL argument\n");
		return -1;
	}
	errno = 0;
	v = strtoll(_s, &end, 10);
	if (errno == ERANGE) {
		LM_ERR("'%s' is out of range\n", _s);
		return -1;
	}
	if (*end != '\0') {
		LM_ERR("'%s' is not a number (trailing '%s')\n", _s, end);
		return -2;
	}
	*_v = v;
	return 0;
}

int db_str2double(const char *_s, double *_v)
{
	if (_s == NULL || _v == NULL) {
		LM_ERR("db_str2double: NULL argument\n");
		return -1;
	}
	*_v = atof(_s);
	return 0;
}

/* snprintf into _s of capacity *_l; *_l becomes the length. */
static int fmt_into(char *_s, int *_l, int n)
{
	if (n < 0 || n >= *_l) {
		LM_ERR("no room for the value (%d bytes)\n", *_l);
		return -1;
	}
	*_l = n;
	return 0;
}

int db_int2str(int _v, char *_s, int *_l)
{
	if (_s == NULL || _l == NULL || *_l <= 0)
		return -1;
	return fmt_into(_s, _l, snprintf(_s, *_l, "%d", _v));
}

int db_bigint2str(long long _v, char *_s, int *_l)
{
	if (_s == NULL || _l == NULL || *_l <= 0)
		return -1;
	return fmt_into(_s, _l, snprintf(_s, *_l, "%lld", _v));
}

int db_double2str(double _v, char *_s, int *_l)
{
	if (_s == NULL || _l == NULL || *_l <= 0)
		return -1;
	/* 1.11 writes doubles with two decimals, right-padded to ten characters */
	return fmt_into(_s, _l, snprintf(_s, *_l, "%-10.2f", _v));
}

int db_str2time(const char *_s, time_t *_v)
{
	struct tm tm;

	if (_s == NULL || _v == NULL) {
		LM_ERR("db_str2time: NULL argument\n");
		return -1;
	}
	memset(&tm, 0, sizeof(tm));
	if (strptime(_s, "%Y-%m-%d %H:%M:%S", &tm) == NULL) {
		memset(&tm, 0, sizeof(tm));
		if (strptime(_s, "%Y-%m-%d", &tm) == NULL) {
			LM_ERR("'%s' is not a date (YYYY-MM-DD[ HH:MM:SS])\n", _s);
			return -1;
		}
	}
	tm.tm_isdst = -1;   /* the database kept no DST flag: let mktime decide */
	*_v = mktime(&tm);
	return 0;
}

int db_time2str_nq(time_t _v, char *_s, int *_l)
{
	struct tm tm;
	size_t n;

	if (_s == NULL || _l == NULL || *_l < 2) {
		LM_ERR("db_time2str_nq: bad buffer\n");
		return -1;
	}
	localtime_r(&_v, &tm);
	n = strftime(_s, *_l - 1, "%Y-%m-%d %H:%M:%S", &tm);
	if (n == 0) {
		LM_ERR("no room for a date\n");
		return -1;
	}
	*_l = (int)n;
	return 0;
}

int db_time2str(time_t _v, char *_s, int *_l)
{
	int inner;

	if (_s == NULL || _l == NULL || *_l < 4) {
		LM_ERR("db_time2str: bad buffer\n");
		return -1;
	}
	inner = *_l - 2;
	if (db_time2str_nq(_v, _s + 1, &inner) != 0)
		return -1;
	_s[0] = '\'';
	_s[inner + 1] = '\'';
	*_l = inner + 2;
	return 0;
}

/* Appends text to _b[len.._l); the new length or -1. */
static int append(char *_b, int _l, int len, const char *fmt_s, int n, const char *tail)
{
	int r = snprintf(_b + len, _l - len, "%.*s%s", n, fmt_s, tail);

	if (r < 0 || r >= _l - len) {
		LM_ERR("SQL statement too long (%d bytes)\n", _l);
		return -1;
	}
	return len + r;
}

/* Appends one value: '?' with a prepared statement, else val2str's text. */
static int append_value(const db_con_t *_c, char *_b, int _l, int len, const db_val_t *v,
		int (*val2str)(const db_con_t *, const db_val_t *, char *, int *))
{
	int room = _l - len;

	if (CON_HAS_PS(_c)) {
		if (room < 2)
			return -1;
		_b[len] = '?';
		return len + 1;
	}
	if (val2str(_c, v, _b + len, &room) < 0) {
		LM_ERR("cannot write a value into the SQL statement\n");
		return -1;
	}
	return len + room;
}

int db_print_columns(char *_b, const int _l, const db_key_t *_c, const int _n)
{
	int i, len = 0;

	if (_b == NULL || _l <= 0 || _c == NULL || _n <= 0) {
		LM_ERR("db_print_columns: bad arguments\n");
		return -1;
	}
	for (i = 0; i < _n; i++) {
		len = append(_b, _l, len, _c[i]->s, _c[i]->len, i == _n - 1 ? " " : ",");
		if (len < 0)
			return -1;
	}
	return len;
}

int db_print_values(const db_con_t *_c, char *_b, const int _l, const db_val_t *_v,
		const int _n, int (*val2str)(const db_con_t *, const db_val_t *, char *, int *))
{
	int i, len = 0;

	if (_c == NULL || _b == NULL || _l <= 0 || _v == NULL || _n <= 0) {
		LM_ERR("db_print_values: bad arguments\n");
		return -1;
	}
	for (i = 0; i < _n; i++) {
		if (i > 0 && (len = append(_b, _l, len, ",", 1, "")) < 0)
			return -1;
		if ((len = append_value(_c, _b, _l, len, _v + i, val2str)) < 0)
			return -1;
	}
	return len;
}

int db_print_where(const db_con_t *_c, char *_b, const int _l, const db_key_t *_k,
		const db_op_t *_o, const db_val_t *_v, const int _n,
		int (*val2str)(const db_con_t *, const db_val_t *, char *, int *))
{
	int i, len = 0;
	const char *join = (_c && (_c->flags & CON_OR_OPERATOR)) ? " OR " : " AND ";

	if (_c == NULL || _b == NULL || _l <= 0 || _k == NULL || _v == NULL || _n <= 0) {
		LM_ERR("db_print_where: bad arguments\n");
		return -1;
	}
	for (i = 0; i < _n; i++) {
		if (i > 0 && (len = append(_b, _l, len, join, strlen(join), "")) < 0)
			return -1;
		if ((len = append(_b, _l, len, _k[i]->s, _k[i]->len, _o ? _o[i] : "=")) < 0)
			return -1;
		if ((len = append_value(_c, _b, _l, len, _v + i, val2str)) < 0)
			return -1;
	}
	return len;
}

int db_print_set(const db_con_t *_c, char *_b, const int _l, const db_key_t *_k,
		const db_val_t *_v, const int _n,
		int (*val2str)(const db_con_t *, const db_val_t *, char *, int *))
{
	int i, len = 0;

	if (_c == NULL || _b == NULL || _l <= 0 || _k == NULL || _v == NULL || _n <= 0) {
		LM_ERR("db_print_set: bad arguments\n");
		return -1;
	}
	for (i = 0; i < _n; i++) {
		if (i > 0 && (len = append(_b, _l, len, ",", 1, "")) < 0)
			return -1;
		if ((len = append(_b, _l, len, _k[i]->s, _k[i]->len, "=")) < 0)
			return -1;
		if ((len = append_value(_c, _b, _l, len, _v + i, val2str)) < 0)
			return -1;
	}
	return len;
}
