/* Minimal assertions for the C unit tests: count, report, continue. */
#ifndef SB_TCHECK_H
#define SB_TCHECK_H

#include <stdio.h>
#include <string.h>

extern int t_passed, t_failed;

#define CHECK(cond) do { \
	if (cond) t_passed++; \
	else { t_failed++; fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); } \
} while (0)

/* a str equals a C string */
#define CHECK_STR(_S, lit) do { \
	const char *_l = (lit); \
	str _v = (_S); \
	int _ok = _v.len == (int)strlen(_l) && (_v.len == 0 || memcmp(_v.s, _l, (size_t)_v.len) == 0); \
	if (_ok) t_passed++; \
	else { t_failed++; fprintf(stderr, "FAIL %s:%d: %s is '%.*s', want '%s'\n", __FILE__, \
		__LINE__, #_S, _v.len, _v.s ? _v.s : "(null)", _l); } \
} while (0)

#define CHECK_BUF(buf, n, lit) do { \
	const char *_l = (lit); \
	int _ok = (n) == (int)strlen(_l) && memcmp((buf), _l, (size_t)(n)) == 0; \
	if (_ok) t_passed++; \
	else { t_failed++; fprintf(stderr, "FAIL %s:%d: built (%d)\n---\n%.*s\n--- want (%d)\n%s\n---\n", \
		__FILE__, __LINE__, (n), (n) > 0 ? (n) : 0, (buf), (int)strlen(_l), _l); } \
} while (0)

void test_view(void);
void test_parse(void);
void test_lumps(void);
void test_build(void);
void test_parse_more(void);

#endif
