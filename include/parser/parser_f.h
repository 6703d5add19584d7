/* sipbridge module SDK: small scanning helpers of the OpenSIPS 1.11 parser. */
#ifndef SB_SDK_PARSER_F_H
#define SB_SDK_PARSER_F_H

#include <stddef.h>
#include "../str.h"

/* Pointer past the end of the current line (after its LF), or buffer+len. */
char *eat_line(char *buffer, unsigned int len);

#define SP(_c) ((_c) == '\t' || (_c) == ' ')

static inline char *eat_space_end(const char *p, const char *pend)
{
	for (; p < pend && (*p == ' ' || *p == '\t'); p++);
	return (char *)p;
}

/* Skips spaces, tabs and folded line breaks (CRLF or LF followed by a space/tab). */
static inline char *eat_lws_end(const char *p, const char *pend)
{
	while (p < pend) {
		if (*p == ' ' || *p == '\t') {
			p++;
		} else if (*p == '\r' && p + 2 < pend && p[1] == '\n' && SP(p[2])) {
			p += 3;
		} else if (*p == '\n' && p + 1 < pend && SP(p[1])) {
			p += 2;
		} else {
			break;
		}
	}
	return (char *)p;
}

static inline char *eat_token_end(const char *p, const char *pend)
{
	for (; p < pend && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r'; p++);
	return (char *)p;
}

static inline char *eat_token2_end(const char *p, const char *pend, char delim)
{
	for (; p < pend && *p != delim && *p != '\n' && *p != '\r'; p++);
	return (char *)p;
}

static inline int is_empty_end(const char *p, const char *pend)
{
	p = eat_space_end(p, pend);
	return (p < pend && (*p == '\r' || *p == '\n'));
}

/* The first _c in _s outside a double-quoted part (a quote preceded by a backslash does
 * not end one), or NULL. 1.11's shape: a pointer into _s. */
static inline char *find_not_quoted(str *_s, char _c)
{
	int in_quotes = 0, i;
	for (i = 0; i < _s->len; i++) {
		char ch = _s->s[i];
		if (in_quotes) {
			if (ch == '"' && _s->s[i - 1] != '\\')
				in_quotes = 0;
		} else if (ch == '"') {
			in_quotes = 1;
		} else if (ch == _c) {
			return _s->s + i;
		}
	}
	return NULL;
}

#endif
