/* parser/digest: Digest credentials (RFC 2617) of Authorization and
 * Proxy-Authorization headers, and the "authorized header" mark the auth modules use. */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "sb_msg_int.h"
#pragma GCC visibility push(default)
#include "../../include/parser/digest/digest.h"
#pragma GCC visibility pop

static const struct { const char *name; int len; int off; } dig_params[] = {
#define P(n, f) { n, sizeof(n) - 1, offsetof(dig_cred_t, f) }
	P("username", username.whole), P("realm", realm), P("nonce", nonce), P("uri", uri),
	P("response", response), P("cnonce", cnonce), P("opaque", opaque),
	P("qop", qop.qop_str), P("nc", nc), P("algorithm", alg.alg_str),
#undef P
};

void init_dig_cred(dig_cred_t *c)
{
	memset(c, 0, sizeof(*c));
}

static int is_lws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* where the value of a parameter called name goes (NULL: an unknown parameter) */
static str *param_slot(dig_cred_t *c, const char *name, int len)
{
	size_t i;
	for (i = 0; i < sizeof(dig_params) / sizeof(dig_params[0]); i++)
		if (dig_params[i].len == len && strncasecmp(dig_params[i].name, name, (size_t)len) == 0)
			return (str *)((char *)c + dig_params[i].off);
	return NULL;
}

/* one name=value at *s; moves *s past the value. 0 or -1. */
static int parse_one_param(str *s, dig_cred_t *c)
{
	char *p = s->s, *end = s->s + s->len, *name = p, *eq;
	str *slot, dummy;
	int nlen;

	eq = q_memchr(p, '=', (unsigned int)s->len);
	if (eq == NULL)
		return -1;
	nlen = (int)(eq - name);
	while (nlen > 0 && is_lws(name[nlen - 1]))
		nlen--;
	slot = param_slot(c, name, nlen);
	if (slot == NULL)
		slot = &dummy;
	p = eq + 1;
	while (p < end && is_lws(*p))
		p++;
	if (p >= end)
		return -1;
	if (*p == '"') {
		char *q = q_memchr(p + 1, '"', (unsigned int)(end - p - 1));
		if (q == NULL)
			return -1;
		slot->s = p + 1;
		slot->len = (int)(q - p - 1);
		p = q + 1;
	} else {
		char *t = p;
		while (t < end && !is_lws(*t) && *t != ',')
			t++;
		if (t == p)
			return -1;
		slot->s = p;
		slot->len = (int)(t - p);
		p = t;
	}
	s->len -= (int)(p - s->s);
	s->s = p;
	return 0;
}

static int token_is(str *v, const char *lit)
{
	str t = *v;
	trim(&t);
	return t.len == (int)strlen(lit) && strncasecmp(t.s, lit, (size_t)t.len) == 0;
}

int parse_digest_cred(str *_s, dig_cred_t *c)
{
	str s;
	char *comma;

	if (_s == NULL || c == NULL || _s->s == NULL)
		return -2;
	s = *_s;
	trim_leading(&s);
	if (s.len < 7 || strncasecmp(s.s, "Digest", 6) != 0 ||
			!(is_lws(s.s[6]) || s.s[6] == ','))
		return 1;
	s.s += 7;
	s.len -= 7;
	trim_leading(&s);
	do {
		if (parse_one_param(&s, c) < 0)
			return -2;
		comma = q_memchr(s.s, ',', (unsigned int)s.len);
		if (comma) {
			s.len -= (int)(comma + 1 - s.s);
			s.s = comma + 1;
			trim_leading(&s);
		}
	} while (comma);

	if (c->qop.qop_str.s)
		c->qop.qop_parsed = token_is(&c->qop.qop_str, "auth") ? QOP_AUTH_D :
			token_is(&c->qop.qop_str, "auth-int") ? QOP_AUTHINT_D : QOP_OTHER_D;
	if (c->alg.alg_str.s)
		c->alg.alg_parsed = token_is(&c->alg.alg_str, "MD5") ? ALG_MD5 :
			token_is(&c->alg.alg_str, "MD5-sess") ? ALG_MD5SESS : ALG_OTHER;
	if (c->username.whole.s) {
		struct username *u = &c->username;
		char *at;
		u->user = u->whole;
		/* as 1.11: "a@" style names of two characters or less are not split */
		if (u->whole.len > 2 && (at = q_memchr(u->whole.s, '@', (unsigned int)u->whole.len))) {
			u->user.len = (int)(at - u->whole.s);
			u->domain.s = at + 1;
			u->domain.len = u->whole.len - u->user.len - 1;
		}
	}
	return 0;
}

static auth_body_t *new_credentials(struct hdr_field *h)
{
	auth_body_t *b = pkg_malloc(sizeof(*b));
	if (b == NULL) {
		LM_ERR("no more pkg memory\n");
		return NULL;
	}
	memset(b, 0, sizeof(*b));
	h->parsed = b;
	return b;
}

int parse_credentials(struct hdr_field *h)
{
	auth_body_t *b;
	int rc;

	if (h == NULL)
		return -2;
	if (h->parsed)
		return 0;
	b = new_credentials(h);
	if (b == NULL)
		return -1;
	rc = parse_digest_cred(&h->body, &b->digest);
	if (rc != 0)
		free_credentials((auth_body_t **)(void *)&h->parsed);
	return rc;
}

void free_credentials(auth_body_t **b)
{
	if (b == NULL || *b == NULL)
		return;
	pkg_free(*b);
	*b = NULL;
}

dig_err_t check_dig_cred(dig_cred_t *c)
{
	int r = E_DIG_OK;

	if (c->username.user.s == NULL)
		r |= E_DIG_USERNAME;
	if (c->realm.s == NULL)
		r |= E_DIG_REALM;
	if (c->nonce.s == NULL)
		r |= E_DIG_NONCE;
	if (c->uri.s == NULL)
		r |= E_DIG_URI;
	if (c->response.s == NULL)
		r |= E_DIG_RESPONSE;
	if (c->qop.qop_parsed == QOP_AUTH_D || c->qop.qop_parsed == QOP_AUTHINT_D) {
		if (c->cnonce.s == NULL)
			r |= E_DIG_CNONCE;
		if (c->nc.s == NULL)
			r |= E_DIG_NC;
	}
	return (dig_err_t)r;
}

void print_cred(dig_cred_t *c)
{
	printf("Digest credentials:\n");
	if (c == NULL)
		return;
	printf("  username '%.*s' (user '%.*s', domain '%.*s')\n", c->username.whole.len,
			ZSW(c->username.whole.s), c->username.user.len, ZSW(c->username.user.s),
			c->username.domain.len, ZSW(c->username.domain.s));
	printf("  realm '%.*s' nonce '%.*s' uri '%.*s' response '%.*s'\n", c->realm.len,
			ZSW(c->realm.s), c->nonce.len, ZSW(c->nonce.s), c->uri.len, ZSW(c->uri.s),
			c->response.len, ZSW(c->response.s));
	printf("  algorithm '%.*s' (%d) cnonce '%.*s' opaque '%.*s' qop '%.*s' (%d) nc '%.*s'\n",
			c->alg.alg_str.len, ZSW(c->alg.alg_str.s), c->alg.alg_parsed,
			c->cnonce.len, ZSW(c->cnonce.s), c->opaque.len, ZSW(c->opaque.s),
			c->qop.qop_str.len, ZSW(c->qop.qop_str.s), c->qop.qop_parsed,
			c->nc.len, ZSW(c->nc.s));
}

int mark_authorized_cred(struct sip_msg *m, struct hdr_field *h)
{
	struct hdr_field *first;

	if (m == NULL || h == NULL)
		return -1;
	if (h->type == HDR_AUTHORIZATION_T)
		first = m->authorization;
	else if (h->type == HDR_PROXYAUTH_T)
		first = m->proxy_auth;
	else {
		LM_ERR("header type %d carries no credentials\n", h->type);
		return -1;
	}
	if (first == NULL) {
		LM_ERR("message has no header of type %d\n", h->type);
		return -1;
	}
	if (first->parsed == NULL && new_credentials(first) == NULL)
		return -1;
	((auth_body_t *)first->parsed)->authorized = h;
	return 0;
}

int get_authorized_cred(struct hdr_field *f, struct hdr_field **h)
{
	*h = (f && f->parsed) ? ((auth_body_t *)f->parsed)->authorized : NULL;
	return 0;
}
