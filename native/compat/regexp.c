/* regexp.h: compile, match once, expand \N references. */
#include <ctype.h>
#include <string.h>
#include <regex.h>
#include "../sb_sdk.h"
#pragma GCC visibility push(default)
#include "../../include/regexp.h"
#pragma GCC visibility pop

static int expand(const regmatch_t *m, const char *string, const char *repl, str *out)
{
	int cap = out->len, n = 0;
	size_t i, len = strlen(repl);

	for (i = 0; i < len; i++) {
		char c = repl[i];
		if (c == '\\') {
			if (i + 1 >= len)
				return -3;
			if (isdigit((unsigned char)repl[i + 1])) {
				int g = repl[i + 1] - '0', sz;
				if (g >= MAX_MATCH || m[g].rm_so == -1)
					return -2;
				sz = (int)(m[g].rm_eo - m[g].rm_so);
				if (n + sz >= cap)
					return -1;
				memcpy(out->s + n, string + m[g].rm_so, (size_t)sz);
				n += sz;
				i++;
				continue;
			}
			/* any other escaped character stands for itself */
			c = repl[++i];
		}
		if (n + 1 >= cap)
			return -4;
		out->s[n++] = c;
	}
	out->len = n;
	return 1;
}

int reg_replace(char *pattern, char *replacement, char *string, str *result)
{
	regex_t re;
	regmatch_t m[MAX_MATCH];
	int rc;

	if (pattern == NULL || replacement == NULL || string == NULL || result == NULL)
		return -1;
	LM_DBG("pattern '%s', replacement '%s', string '%s'\n", pattern, replacement, string);
	if (regcomp(&re, pattern, REG_EXTENDED | REG_NEWLINE) != 0)
		return -1;
	if (re.re_nsub > MAX_MATCH || regexec(&re, string, MAX_MATCH, m, 0) != 0) {
		regfree(&re);
		return -1;
	}
	regfree(&re);
	rc = expand(m, string, replacement, result);
	return rc;
}
