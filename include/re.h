/* sipbridge module SDK: sed-like substitutions (OpenSIPS 1.11 re.h), the engine behind
 * textops' subst() and friends. An expression is "<sep>regex<sep>replacement<sep>flags"
 * with flags i (ignore case), g (every match), s (let . and anchors cross newlines).
 * The replacement may hold \0..\9 (groups), \n \r \t \\ \$, \u (the request URI) and
 * pseudo-variables ($ru, $avp(x)...).
 *
 * Memory: subst_parser returns pkg memory freed with subst_expr_free; subst_run returns
 * a pkg list freed with replace_lst_free; subst_str returns a pkg str whose s (NUL-
 * terminated) and the str itself the caller pkg_frees. */
#ifndef SB_SDK_RE_H
#define SB_SDK_RE_H

#include <sys/types.h>
#include <regex.h>
#include "str.h"
#include "pvar.h"
#include "parser/msg_parser.h"

#define WITH_SEP 1
#define WITHOUT_SEP 0

enum replace_special { REPLACE_NMATCH, REPLACE_CHAR, REPLACE_URI, REPLACE_SPEC };

/* one special element of a replacement: size bytes at offset are replaced */
struct replace_with {
	int offset;
	int size;
	enum replace_special type;
	union {
		int nmatch;
		char c;
		pv_spec_t spec;
	} u;
};

struct subst_expr {
	regex_t *re;
	str replacement;
	int replace_all;
	int n_escapes;          /* number of replace[] elements */
	int max_pmatch;         /* highest group referenced */
	struct replace_with replace[1];   /* n_escapes elements allocated */
};

/* one match: at offset, size bytes of the input are replaced by rpl */
struct replace_lst {
	int offset;
	int size;
	str rpl;
	struct replace_lst *next;
};

void subst_expr_free(struct subst_expr *se);
void replace_lst_free(struct replace_lst *l);

/* Parses a replacement from *begin to end into rw (at most 100 elements); with_sep:
 * *begin is the separator that also ends the replacement. Returns the number of
 * elements (and *max_token_nb = highest group, *begin = where it stopped), -1 on error. */
int parse_repl(struct replace_with *rw, char **begin, char *end, int *max_token_nb,
		int with_sep);
/* NULL on a syntax error, a bad regex or no memory (logged) */
struct subst_expr *subst_parser(str *subst);
/* Runs se on the NUL-terminated input: the list of matches and their replacements, NULL
 * when nothing matched or on error (*count, when given: matches, or -1 on error). */
struct replace_lst *subst_run(struct subst_expr *se, const char *input,
		struct sip_msg *msg, int *count);
/* The input with the substitutions applied, NULL when nothing matched or on error. */
str *subst_str(const char *input, struct sip_msg *msg, struct subst_expr *se, int *count);

#endif
