/* parser/parse_authenticate.h: "Digest realm=..., nonce=..., qop="auth,auth-int",
 * algorithm=MD5, stale=true, opaque=..., domain=..." */
#include <string.h>
#include <strings.h>
#include "sb_msg_int.h"
#pragma GCC visibility push(default)
#include "../../include/parser/parse_authenticate.h"
#pragma GCC visibility pop

static int blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int is(const str *s, const char *lit)
{
	return s->len == (int)strlen(lit) && strncasecmp(s->s, lit, (size_t)s->len) == 0;
}

/* sets QOP_AUTH / QOP_AUTH_INT for the tokens of a qop list */
static int qop_flags(const str *v)
{
	int f = 0;
	char *p = v->s, *end = v->s + v->len;
	while (p < end) {
		str t;
		while (p < end && (blank(*p) || *p == ','))
			p++;
		t.s = p;
		while (p < end && !blank(*p) && *p != ',')
			p++;
		t.len = (int)(p - t.s);
		if (is(&t, "auth"))
			f |= QOP_AUTH;
		else if (is(&t, "auth-int"))
			f |= QOP_AUTH_INT;
	}
	return f;
}

static int parse_challenge(str *body, struct authenticate_body *a)
{
	char *p, *end;

	memset(a, 0, sizeof(*a));
	if (body->s == NULL || body->len <= 0)
		goto bad;
	p = body->s;
	end = p + body->len;
	while (p < end && blank(*p))
		p++;
	if (end - p < 7 || strncasecmp(p, "Digest", 6) != 0 || !blank(p[6]))
		goto bad;
	p += 7;
	while (p < end && blank(*p))
		p++;
	if (p == end)
		goto bad;
	while (p < end) {
		str name, val;
		name.s = p;
		while (p < end && !blank(*p) && *p != '=')
			p++;
		name.len = (int)(p - name.s);
		while (p < end && blank(*p))
			p++;
		if (p >= end || *p != '=' || name.len == 0)
			goto bad;
		p++;
		while (p < end && blank(*p))
			p++;
		if (p >= end)
			goto bad;
		if (*p == '"') {
			val.s = ++p;
			while (p < end && *p != '"')
				p++;
			if (p >= end)
				goto bad;
			val.len = (int)(p - val.s);
			p++;
		} else {
			val.s = p;
			while (p < end && !blank(*p) && *p != ',')
				p++;
			val.len = (int)(p - val.s);
		}
		if (val.len == 0)
			val.s = NULL;
		while (p < end && blank(*p))
			p++;
		if (p < end && *p == ',') {
			p++;
			while (p < end && blank(*p))
				p++;
		}
		if (is(&name, "realm")) {
			a->realm = val;
		} else if (is(&name, "nonce")) {
			a->nonce = val;
		} else if (is(&name, "domain")) {
			a->domain = val;
		} else if (is(&name, "opaque")) {
			a->opaque = val;
		} else if (is(&name, "qop")) {
			a->qop = val;
			if (val.s)
				a->flags |= qop_flags(&val);
		} else if (is(&name, "algorithm")) {
			if (val.s && is(&val, "MD5"))
				a->flags |= AUTHENTICATE_MD5;
			else if (val.s && is(&val, "MD5-sess"))
				a->flags |= AUTHENTICATE_MD5SESS;
			else {
				LM_ERR("unsupported algorithm <%.*s>\n", val.len, ZSW(val.s));
				return -1;
			}
		} else if (is(&name, "stale")) {
			if (val.s && is(&val, "true"))
				a->flags |= AUTHENTICATE_STALE;
			else if (!(val.s && is(&val, "false"))) {
				LM_ERR("bad stale value <%.*s>\n", val.len, ZSW(val.s));
				return -1;
			}
		}
	}
	if (a->nonce.s == NULL || a->realm.s == NULL) {
		LM_ERR("challenge without realm or nonce\n");
		return -1;
	}
	return 0;
bad:
	LM_ERR("bad Digest challenge <%.*s>\n", body->len, ZSW(body->s));
	return -1;
}

int parse_authenticate_header(struct hdr_field *h)
{
	struct authenticate_body *a;

	for (; h; h = h->sibling) {
		if (h->parsed)
			continue;
		a = pkg_malloc(sizeof(*a));
		if (a == NULL) {
			LM_ERR("no more pkg memory\n");
			return -1;
		}
		if (parse_challenge(&h->body, a) < 0) {
			pkg_free(a);
			return -1;
		}
		h->parsed = a;
	}
	return 0;
}

int parse_www_authenticate_header(struct sip_msg *msg)
{
	if (msg == NULL || (!msg->www_authenticate &&
			(parse_headers(msg, HDR_WWW_AUTHENTICATE_F, 0) == -1 || !msg->www_authenticate)))
		return -1;
	return parse_authenticate_header(msg->www_authenticate);
}

int parse_proxy_authenticate_header(struct sip_msg *msg)
{
	if (msg == NULL || (!msg->proxy_authenticate &&
			(parse_headers(msg, HDR_PROXY_AUTHENTICATE_F, 0) == -1 || !msg->proxy_authenticate)))
		return -1;
	return parse_authenticate_header(msg->proxy_authenticate);
}

void free_authenticate(struct authenticate_body *a)
{
	if (a)
		pkg_free(a);
}
