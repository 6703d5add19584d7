/* sipbridge module SDK: whitespace trimming of str (OpenSIPS 1.11 trim.h). */
#ifndef SB_SDK_TRIM_H
#define SB_SDK_TRIM_H

#include "str.h"

static inline void trim_leading(str *_s)
{
	for (; _s->len > 0; _s->len--, _s->s++) {
		if (*_s->s != ' ' && *_s->s != '\t' && *_s->s != '\r' && *_s->s != '\n')
			break;
	}
}

static inline void trim_trailing(str *_s)
{
	for (; _s->len > 0; _s->len--) {
		char c = _s->s[_s->len - 1];
		if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
			break;
	}
}

static inline void trim(str *_s)
{
	trim_leading(_s);
	trim_trailing(_s);
}

/* Also drops NULs on the right (used on header bodies). */
#ifndef trim_r
#define trim_r(_mystr) \
	do { \
		while ((_mystr).len && ((_mystr).s[(_mystr).len - 1] == 0 || \
				(_mystr).s[(_mystr).len - 1] == '\r' || \
				(_mystr).s[(_mystr).len - 1] == '\n' || \
				(_mystr).s[(_mystr).len - 1] == ' ' || \
				(_mystr).s[(_mystr).len - 1] == '\t')) \
			(_mystr).len--; \
	} while (0)
#endif

#undef trim_spaces_lr   /* ut.h's writes NULs and keeps tabs; this one drops tabs too */
#define trim_spaces_lr(_s_) \
	do { \
		for (; (_s_).len > 0 && ((_s_).s[(_s_).len - 1] == ' ' || \
				(_s_).s[(_s_).len - 1] == '\t'); (_s_).len--); \
		for (; (_s_).len > 0 && ((_s_).s[0] == ' ' || (_s_).s[0] == '\t'); \
				(_s_).len--, (_s_).s++); \
	} while (0)

#endif
