/* ut.h helpers that are not inline: the per-thread int2str buffer and %-escaping. */
#include "sb_core.h"

__thread char int2str_buf[INT2STR_MAX_LEN];

/* %XX-decodes user into new_user (which must have room for user->len bytes).
 * Returns the decoded length, or -1 on a malformed escape. */
int un_escape(str *user, str *new_user)
{
	int i, j = 0, hi, lo;
	if (user == NULL || new_user == NULL || new_user->s == NULL)
		return -1;
	for (i = 0; i < user->len; i++) {
		if (user->s[i] != '%') {
			new_user->s[j++] = user->s[i];
			continue;
		}
		if (i + 2 >= user->len || (hi = hex2int(user->s[i + 1])) < 0 ||
				(lo = hex2int(user->s[i + 2])) < 0)
			return -1;
		new_user->s[j++] = (char)(hi << 4 | lo);
		i += 2;
	}
	new_user->len = j;
	return j;
}

/* RFC 3261 user / param unreserved sets, besides alphanumerics and mark characters. */
static int is_mark(char c)
{
	return c == '-' || c == '_' || c == '.' || c == '!' || c == '~' || c == '*' ||
		c == '\'' || c == '(' || c == ')';
}

static int escape_with(str *sin, str *sout, const char *extra)
{
	static const char hex[] = "0123456789ABCDEF";
	int i, j = 0;
	unsigned char c;
	if (sin == NULL || sout == NULL || sout->s == NULL || sin->len < 0)
		return -1;
	for (i = 0; i < sin->len; i++) {
		c = (unsigned char)sin->s[i];
		if (isalnum(c) || is_mark((char)c) || (c && strchr(extra, c))) {
			sout->s[j++] = (char)c;
		} else {
			sout->s[j++] = '%';
			sout->s[j++] = hex[c >> 4];
			sout->s[j++] = hex[c & 15];
		}
	}
	sout->len = j;
	return 0;
}

/* sout must have room for 3 * sin->len bytes. */
int escape_user(str *sin, str *sout) { return escape_with(sin, sout, "&=+$,;?/"); }
int escape_param(str *sin, str *sout) { return escape_with(sin, sout, "[]/:&+$"); }

int unescape_user(str *sin, str *sout) { return un_escape(sin, sout) < 0 ? -1 : 0; }
int unescape_param(str *sin, str *sout) { return un_escape(sin, sout) < 0 ? -1 : 0; }
