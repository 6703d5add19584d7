/* SIP/SIPS/TEL URI parser (OpenSIPS 1.11 struct sip_uri). Allocates nothing: every str
 * points into the parsed text. Escapes (%XX) are kept as they are, as OpenSIPS does. */
#include <string.h>
#include <strings.h>
#include "sb_msg_int.h"

static int proto_of(const str *t)
{
	if (t->len == 3 && strncasecmp(t->s, "udp", 3) == 0) return PROTO_UDP;
	if (t->len == 3 && strncasecmp(t->s, "tcp", 3) == 0) return PROTO_TCP;
	if (t->len == 3 && strncasecmp(t->s, "tls", 3) == 0) return PROTO_TLS;
	if (t->len == 4 && strncasecmp(t->s, "sctp", 4) == 0) return PROTO_SCTP;
	if (t->len == 2 && strncasecmp(t->s, "ws", 2) == 0) return PROTO_WS;
	return PROTO_NONE;
}

static int name_is(const str *n, const char *lit)
{
	size_t l = strlen(lit);
	return (size_t)n->len == l && strncasecmp(n->s, lit, l) == 0;
}

/* One ";name[=value]" parameter of a URI: the well-known ones to their fields. */
static void uri_param(struct sip_uri *u, char *s, int len)
{
	str whole = { s, len }, name = { s, len }, val = { NULL, 0 };
	char *eq = memchr(s, '=', (size_t)len);
	str *w = NULL, *v = NULL;

	if (eq) {
		name.len = (int)(eq - s);
		val.s = eq + 1;
		val.len = len - name.len - 1;
	}
	if (name_is(&name, "transport")) { w = &u->transport; v = &u->transport_val; }
	else if (name_is(&name, "ttl")) { w = &u->ttl; v = &u->ttl_val; }
	else if (name_is(&name, "user")) { w = &u->user_param; v = &u->user_param_val; }
	else if (name_is(&name, "maddr")) { w = &u->maddr; v = &u->maddr_val; }
	else if (name_is(&name, "method")) { w = &u->method; v = &u->method_val; }
	else if (name_is(&name, "lr")) { w = &u->lr; v = &u->lr_val; }
	else if (name_is(&name, "r2")) { w = &u->r2; v = &u->r2_val; }
	else if (name_is(&name, "gr")) { w = &u->gr; v = &u->gr_val; }
	if (w) {
		*w = whole;
		*v = val;
		if (v == &u->transport_val)
			u->proto = (unsigned short)proto_of(&val);
	} else if (u->u_params_no < URI_MAX_U_PARAMS) {
		u->u_name[u->u_params_no] = name;
		u->u_val[u->u_params_no] = val;
		u->u_params_no++;
	}
}

static void split_params(struct sip_uri *u)
{
	char *p = u->params.s, *end = p + u->params.len, *semi;
	while (p < end) {
		semi = memchr(p, ';', (size_t)(end - p));
		if (semi == NULL)
			semi = end;
		if (semi > p)
			uri_param(u, p, (int)(semi - p));
		p = semi + 1;
	}
}

static int parse_port(struct sip_uri *u)
{
	int err;
	if (u->port.len == 0)
		return -1;
	u->port_no = str2s(u->port.s, (unsigned int)u->port.len, &err);
	return err ? -1 : 0;
}

/* host[:port] at [p, end); IPv6 references keep their brackets. */
static int parse_hostport(struct sip_uri *u, char *p, char *end)
{
	char *colon;
	u->host.s = p;
	if (p < end && *p == '[') {
		char *rb = memchr(p, ']', (size_t)(end - p));
		if (rb == NULL)
			return -1;
		u->host.len = (int)(rb + 1 - p);
		p = rb + 1;
		if (p < end && *p != ':')
			return -1;
		colon = p < end ? p : NULL;
	} else {
		colon = memchr(p, ':', (size_t)(end - p));
		u->host.len = (int)((colon ? colon : end) - p);
	}
	if (u->host.len == 0)
		return -1;
	if (colon) {
		u->port.s = colon + 1;
		u->port.len = (int)(end - colon - 1);
		if (parse_port(u) < 0)
			return -1;
	}
	return 0;
}

int parse_uri(char *buf, int len, struct sip_uri *uri)
{
	char *p, *end, *at, *hp_end, *q, *semi, *colon;

	memset(uri, 0, sizeof(*uri));
	if (buf == NULL || len < 4)
		goto error;
	end = buf + len;
	if (len >= 4 && strncasecmp(buf, "sip:", 4) == 0) {
		uri->type = SIP_URI_T; p = buf + 4;
	} else if (len >= 5 && strncasecmp(buf, "sips:", 5) == 0) {
		uri->type = SIPS_URI_T; p = buf + 5;
	} else if (len >= 4 && strncasecmp(buf, "tel:", 4) == 0) {
		uri->type = TEL_URI_T; p = buf + 4;
	} else if (len >= 5 && strncasecmp(buf, "tels:", 5) == 0) {
		uri->type = TELS_URI_T; p = buf + 5;
	} else {
		goto error;
	}

	if (uri->type == TEL_URI_T || uri->type == TELS_URI_T) {
		/* tel:number;params -- the number goes to user, as in OpenSIPS */
		semi = memchr(p, ';', (size_t)(end - p));
		uri->user.s = p;
		uri->user.len = (int)((semi ? semi : end) - p);
		if (uri->user.len == 0)
			goto error;
		if (semi) {
			uri->params.s = semi + 1;
			uri->params.len = (int)(end - semi - 1);
			split_params(uri);
		}
		return 0;
	}

	/* headers after '?', then parameters after the first ';' of the host part */
	q = memchr(p, '?', (size_t)(end - p));
	if (q) {
		uri->headers.s = q + 1;
		uri->headers.len = (int)(end - q - 1);
		end = q;
	}
	/* the userinfo ends at the last '@' before any parameter of the host part; a ';'
	 * inside the user part (user params) is allowed */
	at = NULL;
	for (char *c = p; c < end; c++) {
		if (*c == '@')
			at = c;
	}
	if (at) {
		uri->user.s = p;
		colon = memchr(p, ':', (size_t)(at - p));
		if (colon) {
			uri->user.len = (int)(colon - p);
			uri->passwd.s = colon + 1;
			uri->passwd.len = (int)(at - colon - 1);
		} else {
			uri->user.len = (int)(at - p);
		}
		p = at + 1;
	}
	hp_end = p;
	if (hp_end < end && *hp_end == '[') {
		char *rb = memchr(hp_end, ']', (size_t)(end - hp_end));
		if (rb == NULL)
			goto error;
		hp_end = rb + 1;
	}
	semi = memchr(hp_end, ';', (size_t)(end - hp_end));
	hp_end = semi ? semi : end;
	if (parse_hostport(uri, p, hp_end) < 0)
		goto error;
	if (semi) {
		uri->params.s = semi + 1;
		uri->params.len = (int)(end - semi - 1);
		split_params(uri);
	}
	return 0;
error:
	memset(uri, 0, sizeof(*uri));
	uri->type = ERROR_URI_T;
	return E_BAD_URI;
}

/* OpenSIPS 1.11 return values: 0 parsed now, 1 parsed before (cached), -1 error. */
int parse_sip_msg_uri(struct sip_msg *msg)
{
	str *ruri;
	if (msg->parsed_uri_ok)
		return 1;
	if (msg->first_line.type != SIP_REQUEST)
		return -1;
	ruri = GET_RURI(msg);
	if (parse_uri(ruri->s, ruri->len, &msg->parsed_uri) < 0) {
		LM_ERR("bad R-URI <%.*s>\n", ruri->len, ZSW(ruri->s));
		return -1;
	}
	msg->parsed_uri_ok = 1;
	return 0;
}

int parse_orig_ruri(struct sip_msg *msg)
{
	str *ruri;
	if (msg->parsed_orig_ruri_ok)
		return 1;
	if (msg->first_line.type != SIP_REQUEST)
		return -1;
	ruri = &msg->first_line.u.request.uri;
	if (parse_uri(ruri->s, ruri->len, &msg->parsed_orig_ruri) < 0) {
		LM_ERR("bad original R-URI <%.*s>\n", ruri->len, ZSW(ruri->s));
		return -1;
	}
	msg->parsed_orig_ruri_ok = 1;
	return 0;
}

static int str_eq_case(const str *a, const str *b)
{
	return a->len == b->len && (a->len == 0 || strncasecmp(a->s, b->s, (size_t)a->len) == 0);
}

static int str_eq(const str *a, const str *b)
{
	return a->len == b->len && (a->len == 0 || memcmp(a->s, b->s, (size_t)a->len) == 0);
}

int compare_uris(str *raw_uri_a, struct sip_uri *parsed_uri_a,
		str *raw_uri_b, struct sip_uri *parsed_uri_b)
{
	struct sip_uri ua, ub;
	struct sip_uri *a = parsed_uri_a, *b = parsed_uri_b;

	if (a == NULL) {
		if (raw_uri_a == NULL || parse_uri(raw_uri_a->s, raw_uri_a->len, &ua) < 0)
			return -1;
		a = &ua;
	}
	if (b == NULL) {
		if (raw_uri_b == NULL || parse_uri(raw_uri_b->s, raw_uri_b->len, &ub) < 0)
			return -1;
		b = &ub;
	}
	if (a->type != b->type || !str_eq(&a->user, &b->user) ||
			!str_eq(&a->passwd, &b->passwd) || !str_eq_case(&a->host, &b->host) ||
			a->port_no != b->port_no)
		return 1;
	/* parameters present in both must match; transport/user/ttl/method/maddr must
	 * match when present in either (RFC 3261 19.1.4) */
	if (!str_eq_case(&a->transport_val, &b->transport_val) ||
			!str_eq_case(&a->user_param_val, &b->user_param_val) ||
			!str_eq_case(&a->ttl_val, &b->ttl_val) ||
			!str_eq_case(&a->method_val, &b->method_val) ||
			!str_eq_case(&a->maddr_val, &b->maddr_val))
		return 1;
	for (int i = 0; i < a->u_params_no; i++)
		for (int j = 0; j < b->u_params_no; j++)
			if (str_eq_case(&a->u_name[i], &b->u_name[j]) &&
					!str_eq_case(&a->u_val[i], &b->u_val[j]))
				return 1;
	return 0;
}

char *uri_type2str(const uri_type type, char *result)
{
	const char *t;
	int n = uri_typestrlen(type);
	switch (type) {
	case SIP_URI_T: t = "sip"; break;
	case SIPS_URI_T: t = "sips"; break;
	case TEL_URI_T: t = "tel"; break;
	case TELS_URI_T: t = "tels"; break;
	default: return result;
	}
	memcpy(result, t, (size_t)n);
	return result + n;
}

int uri_typestrlen(const uri_type type)
{
	switch (type) {
	case SIP_URI_T: case TEL_URI_T: return 3;
	case SIPS_URI_T: case TELS_URI_T: return 4;
	default: return 0;
	}
}

uri_type str2uri_type(char *buf)
{
	if (strncasecmp(buf, "sips", 4) == 0) return SIPS_URI_T;
	if (strncasecmp(buf, "sip", 3) == 0) return SIP_URI_T;
	if (strncasecmp(buf, "tels", 4) == 0) return TELS_URI_T;
	if (strncasecmp(buf, "tel", 3) == 0) return TEL_URI_T;
	return ERROR_URI_T;
}

int parse_uri_headers(str headers, str h_name[], str h_val[], int h_size)
{
	char *p = headers.s, *end = headers.s + headers.len;
	int i = 0;

	if (h_size <= 0)
		return -1;
	memset(h_name, 0, (size_t)h_size * sizeof(str));
	memset(h_val, 0, (size_t)h_size * sizeof(str));
	while (p < end) {
		char *h = p, *eq = NULL;
		while (p < end && *p != '?' && *p != '&') {
			if (*p == '=' && eq == NULL)
				eq = p;
			p++;
		}
		if (i >= h_size) {
			LM_ERR("more than %d URI headers\n", h_size);
			return -1;
		}
		h_name[i].s = h;
		h_name[i].len = (int)((eq ? eq : p) - h);
		if (eq) {
			h_val[i].s = eq + 1;
			h_val[i].len = (int)(p - eq - 1);
		} else {
			LM_ERR("URI header <%.*s> without value\n", h_name[i].len, h);
		}
		i++;
		if (p < end)
			p++;
	}
	return 0;
}
