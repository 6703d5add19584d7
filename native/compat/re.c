/* re.h: sed-like substitutions. The replacement text is kept once; its special
 * elements (offset/size inside it) are expanded per match into pkg memory. */
#include <string.h>
#include "../sb_core.h"
#pragma GCC visibility push(default)
#include "../../include/re.h"
#pragma GCC visibility pop

#define MAX_REPLACE_WITH 100

static void free_specs(struct replace_with *rw, int n)
{
	int i;
	for (i = 0; i < n; i++)
		if (rw[i].type == REPLACE_SPEC)
			sb_pv_spec_release(&rw[i].u.spec);
}

void subst_expr_free(struct subst_expr *se)
{
	if (se == NULL)
		return;
	free_specs(se->replace, se->n_escapes);
	if (se->replacement.s)
		pkg_free(se->replacement.s);
	if (se->re) {
		regfree(se->re);
		pkg_free(se->re);
	}
	pkg_free(se);
}

void replace_lst_free(struct replace_lst *l)
{
	struct replace_lst *next;
	for (; l; l = next) {
		next = l->next;
		if (l->rpl.s)
			pkg_free(l->rpl.s);
		pkg_free(l);
	}
}

/* the element for a backslash escape at p (p points after the backslash) */
static void escape_element(struct replace_with *rw, char e, char sep, int offset,
		int *max_group, const char *whole)
{
	rw->offset = offset;
	rw->size = 2;
	rw->type = REPLACE_CHAR;
	switch (e) {
	case 'n': rw->u.c = '\n'; break;
	case 'r': rw->u.c = '\r'; break;
	case 't': rw->u.c = '\t'; break;
	case 'u': rw->type = REPLACE_URI; break;
	case '\\': case PV_MARKER: rw->u.c = e; break;
	default:
		if (e >= '0' && e <= '9') {
			rw->type = REPLACE_NMATCH;
			rw->u.nmatch = e - '0';
			if (rw->u.nmatch > *max_group)
				*max_group = rw->u.nmatch;
		} else {
			if (e != sep)
				LM_WARN("unknown escape \\%c in %s\n", e, whole);
			rw->u.c = e;
		}
	}
}

int parse_repl(struct replace_with *rw, char **begin, char *end, int *max_token_nb,
		int with_sep)
{
	char *p = *begin, *start, sep = **begin;
	int n = 0, max_group = 0;

	if (with_sep)
		p++;
	start = p;
	for (; p < end; p++) {
		if (*p == '\\') {
			if (p + 1 >= end)
				break;      /* a lone backslash at the end stays literal text */
			p++;
			escape_element(&rw[n], *p, sep, (int)(p - 1 - start), &max_group, *begin);
		} else if (*p == PV_MARKER) {
			str s;
			char *after;
			s.s = p;
			s.len = (int)(end - p);
			memset(&rw[n].u.spec, 0, sizeof(rw[n].u.spec));
			after = pv_parse_spec(&s, &rw[n].u.spec);
			if (after == NULL) {
				LM_ERR("bad pseudo-variable in replacement %s\n", *begin);
				goto error;
			}
			rw[n].offset = (int)(p - start);
			rw[n].size = (int)(after - p);
			rw[n].type = REPLACE_SPEC;
			p = after - 1;
		} else {
			if (with_sep && *p == sep)
				goto done;
			continue;
		}
		if (++n >= MAX_REPLACE_WITH) {
			LM_ERR("more than %d escapes in replacement %s\n", MAX_REPLACE_WITH, *begin);
			goto error;
		}
	}
	if (with_sep) {
		LM_ERR("replacement not ended by its separator: %s\n", *begin);
		goto error;
	}
done:
	*max_token_nb = max_group;
	*begin = p;
	return n;
error:
	free_specs(rw, n);
	return -1;
}

struct subst_expr *subst_parser(str *subst)
{
	struct replace_with rw[MAX_REPLACE_WITH];
	struct subst_expr *se = NULL;
	regex_t *re = NULL;
	char *p, *end, *re_start, *re_end, *repl, *repl_end, sep, saved;
	int cflags = REG_EXTENDED | REG_NEWLINE, all = 0, n = -1, max_group = 0;

	if (subst == NULL || subst->s == NULL || subst->len < 3) {
		LM_ERR("substitution expression too short: %.*s\n",
				subst ? subst->len : 0, subst && subst->s ? subst->s : "");
		return NULL;
	}
	p = subst->s;
	end = p + subst->len;
	sep = *p;
	if (sep == '\\') {
		LM_ERR("a backslash cannot be the separator: %.*s\n", subst->len, subst->s);
		return NULL;
	}
	re_start = ++p;
	/* the regex ends at the first separator not preceded by a backslash */
	for (; p < end; p++)
		if (*p == sep && p[-1] != '\\')
			break;
	if (p >= end) {
		LM_ERR("no separator after the regex: %.*s\n", subst->len, subst->s);
		return NULL;
	}
	re_end = p;
	if (end < p + 2) {
		LM_ERR("no replacement in %.*s\n", subst->len, subst->s);
		return NULL;
	}
	repl = p + 1;
	n = parse_repl(rw, &p, end, &max_group, WITH_SEP);
	if (n < 0)
		return NULL;
	repl_end = p;
	for (p++; p < end; p++) {
		switch (*p) {
		case 'i': cflags |= REG_ICASE; break;
		case 's': cflags &= ~REG_NEWLINE; break;
		case 'g': all = 1; break;
		default:
			LM_ERR("unknown flag '%c' in %.*s\n", *p, subst->len, subst->s);
			goto error;
		}
	}
	re = pkg_malloc(sizeof(*re));
	if (re == NULL) {
		LM_ERR("no more pkg memory\n");
		goto error;
	}
	saved = *re_end;
	*re_end = 0;
	if (regcomp(re, re_start, cflags) != 0) {
		*re_end = saved;
		LM_ERR("bad regular expression '%.*s' in %.*s\n", (int)(re_end - re_start),
				re_start, subst->len, subst->s);
		pkg_free(re);
		re = NULL;
		goto error;
	}
	*re_end = saved;

	se = pkg_malloc(sizeof(*se) + (n > 1 ? (size_t)(n - 1) * sizeof(struct replace_with) : 0));
	if (se == NULL) {
		LM_ERR("no more pkg memory\n");
		goto error;
	}
	memset(se, 0, sizeof(*se));
	se->replacement.len = (int)(repl_end - repl);
	se->replacement.s = pkg_malloc(se->replacement.len > 0 ? (size_t)se->replacement.len : 1);
	if (se->replacement.s == NULL) {
		LM_ERR("no more pkg memory\n");
		pkg_free(se);
		se = NULL;
		goto error;
	}
	memcpy(se->replacement.s, repl, (size_t)se->replacement.len);
	se->re = re;
	se->replace_all = all;
	se->n_escapes = n;
	se->max_pmatch = max_group;
	memcpy(se->replace, rw, (size_t)n * sizeof(struct replace_with));
	return se;
error:
	free_specs(rw, n);
	if (re) {
		regfree(re);
		pkg_free(re);
	}
	return NULL;
}

/* growable pkg buffer for one replacement */
struct rbuf {
	char *s;
	int len, cap;
};

static int rbuf_add(struct rbuf *b, const char *s, int len)
{
	if (len <= 0)
		return 0;
	if (b->len + len > b->cap) {
		int cap = b->cap ? b->cap : 64;
		char *n;
		while (cap < b->len + len)
			cap *= 2;
		n = pkg_realloc(b->s, (size_t)cap);
		if (n == NULL) {
			LM_ERR("no more pkg memory\n");
			return -1;
		}
		b->s = n;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, (size_t)len);
	b->len += len;
	return 0;
}

/* the replacement for one match (pmatch relative to subject) into rpl (pkg) */
static int build_replacement(const char *subject, int nmatch, regmatch_t *pmatch,
		struct subst_expr *se, struct sip_msg *msg, str *rpl)
{
	struct rbuf b = { NULL, 0, 0 };
	const char *p = se->replacement.s, *end = p + se->replacement.len;
	int i;

	for (i = 0; i < se->n_escapes; i++) {
		struct replace_with *rw = &se->replace[i];
		const char *at = se->replacement.s + rw->offset;
		pv_value_t v;
		str *uri;

		if (rbuf_add(&b, p, (int)(at - p)) < 0)
			goto error;
		p = at + rw->size;
		switch (rw->type) {
		case REPLACE_NMATCH:
			if (rw->u.nmatch < nmatch && pmatch[rw->u.nmatch].rm_so != -1 &&
					rbuf_add(&b, subject + pmatch[rw->u.nmatch].rm_so,
						(int)(pmatch[rw->u.nmatch].rm_eo - pmatch[rw->u.nmatch].rm_so)) < 0)
				goto error;
			break;
		case REPLACE_CHAR:
			if (rbuf_add(&b, &rw->u.c, 1) < 0)
				goto error;
			break;
		case REPLACE_URI:
			if (msg == NULL || msg->first_line.type != SIP_REQUEST) {
				LM_CRIT("\\u (request URI) in a substitution on a reply or no message\n");
				break;
			}
			uri = msg->new_uri.s ? &msg->new_uri : &msg->first_line.u.request.uri;
			if (rbuf_add(&b, uri->s, uri->len) < 0)
				goto error;
			break;
		case REPLACE_SPEC:
			if (pv_get_spec_value(msg, &rw->u.spec, &v) != 0) {
				LM_CRIT("pseudo-variable in a substitution returned an error\n");
				break;
			}
			if (rbuf_add(&b, v.rs.s, v.rs.len) < 0)
				goto error;
			break;
		}
	}
	if (rbuf_add(&b, p, (int)(end - p)) < 0)
		goto error;
	rpl->s = b.s;
	rpl->len = b.len;
	return 0;
error:
	if (b.s)
		pkg_free(b.s);
	return -1;
}

struct replace_lst *subst_run(struct subst_expr *se, const char *input,
		struct sip_msg *msg, int *count)
{
	struct replace_lst *head = NULL, **tail = &head, *r;
	const char *p = input;
	regmatch_t *pmatch;
	int nmatch, eflags = 0, n = 0, rc;

	if (se == NULL || input == NULL)
		goto error_nomem;
	nmatch = se->max_pmatch + 1;
	pmatch = pkg_malloc((size_t)nmatch * sizeof(regmatch_t));
	if (pmatch == NULL) {
		LM_ERR("no more pkg memory\n");
		goto error_nomem;
	}
	do {
		rc = regexec(se->re, p, (size_t)nmatch, pmatch, eflags);
		if (rc != 0)
			break;
		if (pmatch[0].rm_so == -1 || pmatch[0].rm_so == pmatch[0].rm_eo) {
			LM_ERR("the expression matched an empty string\n");
			goto error;
		}
		r = pkg_malloc(sizeof(*r));
		if (r == NULL) {
			LM_ERR("no more pkg memory\n");
			goto error;
		}
		memset(r, 0, sizeof(*r));
		*tail = r;
		tail = &r->next;
		r->offset = (int)(p - input) + (int)pmatch[0].rm_so;
		r->size = (int)(pmatch[0].rm_eo - pmatch[0].rm_so);
		if (build_replacement(p, nmatch, pmatch, se, msg, &r->rpl) < 0)
			goto error;
		p += pmatch[0].rm_eo;
		/* ^ matches again only right after a line end */
		if (p[-1] == '\n' || p[-1] == '\r')
			eflags &= ~REG_NOTBOL;
		else
			eflags |= REG_NOTBOL;
		n++;
	} while (se->replace_all && *p);
	pkg_free(pmatch);
	if (count)
		*count = n;
	return head;
error:
	pkg_free(pmatch);
	replace_lst_free(head);
error_nomem:
	if (count)
		*count = -1;
	return NULL;
}

str *subst_str(const char *input, struct sip_msg *msg, struct subst_expr *se, int *count)
{
	struct replace_lst *lst, *l;
	const char *p;
	str *res;
	char *d;
	int len;

	if (input == NULL)
		return NULL;
	lst = subst_run(se, input, msg, count);
	if (lst == NULL)
		return NULL;
	len = (int)strlen(input);
	for (l = lst; l; l = l->next)
		len += l->rpl.len - l->size;
	res = pkg_malloc(sizeof(*res));
	if (res == NULL || (res->s = pkg_malloc((size_t)len + 1)) == NULL) {
		LM_ERR("no more pkg memory\n");
		if (res)
			pkg_free(res);
		replace_lst_free(lst);
		if (count)
			*count = -1;
		return NULL;
	}
	res->len = len;
	d = res->s;
	p = input;
	for (l = lst; l; l = l->next) {
		int keep = (int)(input + l->offset - p);
		memcpy(d, p, (size_t)keep);
		d += keep;
		p += keep + l->size;
		memcpy(d, l->rpl.s, (size_t)l->rpl.len);
		d += l->rpl.len;
	}
	strcpy(d, p);
	replace_lst_free(lst);
	return res;
}
