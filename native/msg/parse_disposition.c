/* parser/parse_disposition.h: type *( ";" name [ "=" token | quoted-string ] ). */
#include <string.h>
#include "sb_msg_int.h"
#pragma GCC visibility push(default)
#include "../../include/parser/parse_disposition.h"
#pragma GCC visibility pop

static int blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* RFC 2616 separators (minus those handled by the grammar) may not appear in tokens */
static int token_char(char c)
{
	return c > ' ' && c < 127 && !strchr("()<>@,;:\\\"/[]?={}", c);
}

static char *skip_blank(char *p, char *end)
{
	while (p < end && blank(*p))
		p++;
	return p;
}

static void free_params_list(struct disposition_param *p)
{
	struct disposition_param *n;
	for (; p; p = n) {
		n = p->next;
		pkg_free(p);
	}
}

int parse_disposition(str *s, struct disposition *disp)
{
	char *p, *end, *t;
	struct disposition_param **tail = &disp->params, *dp;

	if (s == NULL || s->s == NULL || disp == NULL)
		return -2;
	p = skip_blank(s->s, s->s + s->len);
	end = s->s + s->len;
	for (t = p; t < end && token_char(*t); t++)
		;
	if (t == p)
		goto syntax;
	disp->type.s = p;
	disp->type.len = (int)(t - p);
	p = skip_blank(t, end);
	while (p < end) {
		if (*p != ';')
			goto syntax;
		p = skip_blank(p + 1, end);
		for (t = p; t < end && token_char(*t); t++)
			;
		if (t == p)
			goto syntax;
		dp = pkg_malloc(sizeof(*dp));
		if (dp == NULL) {
			LM_ERR("no more pkg memory\n");
			return -1;
		}
		memset(dp, 0, sizeof(*dp));
		*tail = dp;
		tail = &dp->next;
		dp->name.s = p;
		dp->name.len = (int)(t - p);
		p = skip_blank(t, end);
		if (p < end && *p == '=') {
			p = skip_blank(p + 1, end);
			if (p < end && *p == '"') {
				char *q;
				for (q = p + 1; q < end && *q != '"'; q++)
					if (*q == '\\' && q + 1 < end)
						q++;
				if (q >= end)
					goto syntax;
				dp->body.s = p + 1;
				dp->body.len = (int)(q - p - 1);
				dp->is_quoted = 1;
				p = q + 1;
			} else {
				for (t = p; t < end && token_char(*t); t++)
					;
				if (t == p)
					goto syntax;
				dp->body.s = p;
				dp->body.len = (int)(t - p);
				p = t;
			}
			p = skip_blank(p, end);
		}
	}
	return 0;
syntax:
	LM_ERR("bad Content-Disposition <%.*s> at offset %d\n", s->len, s->s, (int)(p - s->s));
	return -2;
}

void free_disposition(struct disposition **disp)
{
	if (disp == NULL || *disp == NULL)
		return;
	free_params_list((*disp)->params);
	pkg_free(*disp);
	*disp = NULL;
}

int parse_content_disposition(struct sip_msg *msg)
{
	struct disposition *d;

	if (msg == NULL)
		return -1;
	if (msg->content_disposition == NULL) {
		if (parse_headers(msg, HDR_CONTENTDISPOSITION_F, 0) == -1)
			return -1;
		if (msg->content_disposition == NULL)
			return 1;
	}
	if (msg->content_disposition->parsed)
		return 0;
	d = pkg_malloc(sizeof(*d));
	if (d == NULL) {
		LM_ERR("no more pkg memory\n");
		return -1;
	}
	memset(d, 0, sizeof(*d));
	if (parse_disposition(&msg->content_disposition->body, d) < 0) {
		free_disposition(&d);
		return -1;
	}
	msg->content_disposition->parsed = d;
	return 0;
}

void print_disposition(struct disposition *disp)
{
	struct disposition_param *p;
	LM_DBG("disposition type <%.*s>\n", disp->type.len, ZSW(disp->type.s));
	for (p = disp->params; p; p = p->next)
		LM_DBG("  param <%.*s> = <%.*s> quoted=%d\n", p->name.len, ZSW(p->name.s),
				p->body.len, ZSW(p->body.s), p->is_quoted);
}
