/* Via parser: name/version/transport host[:port] *(;param) [(comment)] [, next-via]. */
#include <string.h>
#include <strings.h>
#include "sb_msg_int.h"
#include "../../include/config.h"   /* MCOOKIE */

static int is_lws_char(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static char *skip_lws(char *p, char *end)
{
	while (p < end && is_lws_char(*p))
		p++;
	return p;
}

/* Character classes of the via grammar, so a token scan is one table lookup a byte. */
enum { C_SLASH = 1, C_COLON = 2, C_SEMI = 4, C_COMMA = 8, C_EQ = 16, C_PAREN = 32, C_LWS = 64 };

static const unsigned char via_cls[256] = {
	['/'] = C_SLASH, [':'] = C_COLON, [';'] = C_SEMI, [','] = C_COMMA, ['='] = C_EQ,
	['('] = C_PAREN, [' '] = C_LWS, ['\t'] = C_LWS, ['\r'] = C_LWS, ['\n'] = C_LWS,
};

/* token up to whitespace or a character of the classes in stop */
static char *token_end(char *p, char *end, unsigned int stop)
{
	stop |= C_LWS;
	while (p < end && !(via_cls[(unsigned char)*p] & stop))
		p++;
	return p;
}

static int via_proto(const str *t)
{
	if (t->len == 3 && strncasecmp(t->s, "UDP", 3) == 0) return PROTO_UDP;
	if (t->len == 3 && strncasecmp(t->s, "TCP", 3) == 0) return PROTO_TCP;
	if (t->len == 3 && strncasecmp(t->s, "TLS", 3) == 0) return PROTO_TLS;
	if (t->len == 4 && strncasecmp(t->s, "SCTP", 4) == 0) return PROTO_SCTP;
	if (t->len == 2 && strncasecmp(t->s, "WS", 2) == 0) return PROTO_WS;
	return PROTO_NONE;
}

static int param_type(const str *n)
{
	static const struct { const char *name; int type; } known[] = {
		{ "branch", PARAM_BRANCH }, { "received", PARAM_RECEIVED },
		{ "rport", PARAM_RPORT }, { "maddr", PARAM_MADDR }, { "ttl", PARAM_TTL },
		{ "i", PARAM_I }, { "alias", PARAM_ALIAS }, { "hidden", PARAM_HIDDEN },
	};
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if ((size_t)n->len == strlen(known[i].name) &&
				strncasecmp(n->s, known[i].name, (size_t)n->len) == 0)
			return known[i].type;
	return GEN_PARAM;
}

/* One parameter after ';' at p. Returns the position after it, NULL on error. The
 * parameter is parsed first and allocated only once it is valid: a pkg one that failed
 * half-way would be linked nowhere and leak. */
static char *parse_param(char *p, char *end, struct via_body *vb, const struct sb_mem *m)
{
	struct via_param pv, *vp;
	char *q;

	memset(&pv, 0, sizeof(pv));
	p = skip_lws(p, end);
	pv.start = p;
	q = token_end(p, end, C_SEMI | C_COMMA | C_EQ | C_PAREN);
	if (q == p)
		return NULL;
	pv.name.s = p;
	pv.name.len = (int)(q - p);
	pv.type = param_type(&pv.name);
	p = skip_lws(q, end);
	if (p < end && *p == '=') {
		p = skip_lws(p + 1, end);
		if (p < end && *p == '"') {
			q = memchr(p + 1, '"', (size_t)(end - p - 1));
			if (q == NULL)
				return NULL;
			pv.value.s = p + 1;
			pv.value.len = (int)(q - p - 1);
			p = q + 1;
		} else {
			q = token_end(p, end, C_SEMI | C_COMMA | C_PAREN);
			pv.value.s = p;
			pv.value.len = (int)(q - p);
			p = q;
		}
		pv.size = (int)(p - pv.start);
	} else {
		pv.size = (int)(q - pv.start);
	}
	if ((vp = sb_mem_alloc(m, sizeof(*vp))) == NULL)
		return NULL;
	*vp = pv;
	if (vb->last_param)
		vb->last_param->next = vp;
	else
		vb->param_lst = vp;
	vb->last_param = vp;
	switch (vp->type) {
	case PARAM_BRANCH:
		vb->branch = vp;
		if (vp->value.len >= MCOOKIE_LEN &&
				strncasecmp(vp->value.s, MCOOKIE, MCOOKIE_LEN) == 0) {
			vb->tid.s = vp->value.s + MCOOKIE_LEN;
			vb->tid.len = vp->value.len - MCOOKIE_LEN;
		}
		break;
	case PARAM_RECEIVED: vb->received = vp; break;
	case PARAM_RPORT: vb->rport = vp; break;
	case PARAM_I: vb->i = vp; break;
	case PARAM_ALIAS: vb->alias = vp; break;
	case PARAM_MADDR: vb->maddr = vp; break;
	default: break;
	}
	return p;
}

/* One via body at p; the position after it (at ',' or the end), NULL on error. */
static char *parse_one(char *p, char *end, struct via_body *vb, const struct sb_mem *m)
{
	char *q, *last;
	int err;

	p = skip_lws(p, end);
	q = token_end(p, end, C_SLASH);
	if (q == p) return NULL;
	vb->name.s = p; vb->name.len = (int)(q - p);
	p = skip_lws(q, end);
	if (p >= end || *p != '/') return NULL;
	p = skip_lws(p + 1, end);
	q = token_end(p, end, C_SLASH);
	if (q == p) return NULL;
	vb->version.s = p; vb->version.len = (int)(q - p);
	p = skip_lws(q, end);
	if (p >= end || *p != '/') return NULL;
	p = skip_lws(p + 1, end);
	q = token_end(p, end, 0);
	if (q == p) return NULL;
	vb->transport.s = p; vb->transport.len = (int)(q - p);
	vb->proto = (unsigned short)via_proto(&vb->transport);
	p = skip_lws(q, end);
	if (p >= end) return NULL;

	/* host: an IPv6 reference keeps its brackets */
	vb->host.s = p;
	if (*p == '[') {
		q = memchr(p, ']', (size_t)(end - p));
		if (q == NULL) return NULL;
		q++;
	} else {
		q = token_end(p, end, C_COLON | C_SEMI | C_COMMA | C_PAREN);
	}
	if (q == p) return NULL;
	vb->host.len = (int)(q - p);
	last = q;
	p = skip_lws(q, end);
	if (p < end && *p == ':') {
		p = skip_lws(p + 1, end);
		q = token_end(p, end, C_SEMI | C_COMMA | C_PAREN);
		vb->port_str.s = p;
		vb->port_str.len = (int)(q - p);
		vb->port = str2s(p, (unsigned int)(q - p), &err);
		if (err || vb->port == 0) return NULL;
		last = q;
		p = skip_lws(q, end);
	}
	while (p < end && *p == ';') {
		if (vb->params.s == NULL)
			vb->params.s = p + 1;
		q = parse_param(p + 1, end, vb, m);
		if (q == NULL) return NULL;
		last = q;
		vb->params.len = (int)(q - vb->params.s);
		p = skip_lws(q, end);
	}
	if (p < end && *p == '(') {
		int depth = 0;
		vb->comment.s = p + 1;
		for (q = p; q < end; q++) {
			if (*q == '(') depth++;
			else if (*q == ')' && --depth == 0) break;
		}
		if (q >= end) return NULL;
		vb->comment.len = (int)(q - p - 1);
		last = q + 1;
		p = skip_lws(q + 1, end);
	}
	vb->bsize = (unsigned int)(last - vb->name.s);
	return p;
}

char *sb_parse_via(char *buffer, char *end, struct via_body *vb, const struct sb_mem *m)
{
	char *p = buffer;
	struct via_body *cur = vb;

	for (;;) {
		p = parse_one(p, end, cur, m);
		if (p == NULL)
			goto error;
		cur->error = PARSE_OK;
		if (p < end && *p == ',') {
			struct via_body *nxt;
			char *nstart = skip_lws(p + 1, end);
			if (nstart >= end)
				goto error;
			/* bsize of a body followed by another one reaches that one */
			cur->bsize = (unsigned int)(nstart - cur->name.s);
			nxt = sb_mem_alloc(m, sizeof(*nxt));
			if (nxt == NULL)
				goto error;
			nxt->hdr = cur->hdr;
			cur->next = nxt;
			cur = nxt;
			p = nstart;
			continue;
		}
		if (p < end) {
			/* only the end of the line may follow */
			char *q = skip_lws(p, end);
			if (q < end)
				goto error;
			p = q;
		}
		return p;
	}
error:
	vb->error = PARSE_ERROR;
	return p ? p : end;
}

char *parse_via(char *buffer, char *end, struct via_body *vb)
{
	char *line_end, *ret;
	if (buffer == NULL || end == NULL || vb == NULL || end < buffer) {
		if (vb) vb->error = PARSE_ERROR;
		return buffer;
	}
	/* a single header line, folded continuations included */
	line_end = buffer;
	while (line_end < end) {
		char *nl = memchr(line_end, '\n', (size_t)(end - line_end));
		if (nl == NULL) { line_end = end; break; }
		line_end = nl + 1;
		if (line_end >= end || (*line_end != ' ' && *line_end != '\t'))
			break;
	}
	ret = sb_parse_via(buffer, line_end, vb, &sb_pkg_mem);
	if (vb->error != PARSE_OK) {
		/* free what was attached before the error, keep vb itself (the caller's) */
		free_via_param_list(vb->param_lst);
		if (vb->next)
			free_via_list(vb->next);
		vb->param_lst = vb->last_param = NULL;
		vb->next = NULL;
		vb->error = PARSE_ERROR;
	}
	return ret;
}

void free_via_param_list(struct via_param *vp)
{
	struct via_param *n;
	if (vp && sb_mem_is_core(vp))
		return;
	for (; vp; vp = n) {
		n = vp->next;
		pkg_free(vp);
	}
}

void free_via_list(struct via_body *vb)
{
	struct via_body *n;
	if (vb && sb_mem_is_core(vb))
		return;
	for (; vb; vb = n) {
		n = vb->next;
		free_via_param_list(vb->param_lst);
		pkg_free(vb);
	}
}
