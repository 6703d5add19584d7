/* sipbridge module SDK: one-shot regex replacement (OpenSIPS 1.11 regexp.h), as used by
 * enum and domainpolicy on NAPTR rules. */
#ifndef SB_SDK_REGEXP_H
#define SB_SDK_REGEXP_H

#include "str.h"

/* groups (whole match included) a replacement may refer to */
#define MAX_MATCH 6

/* Matches the POSIX extended pattern against string and writes replacement into
 * result->s (capacity result->len on entry, not NUL-terminated), \0..\5 standing for
 * the groups. Sets result->len and returns 1; -1 when the pattern does not compile or
 * does not match or a group does not fit, -4 when a character does not fit (one byte
 * of the capacity stays unused), -2 for a group that did not take part,
 * -3 for a trailing backslash. */
int reg_replace(char *pattern, char *replacement, char *string, str *result);

#endif
