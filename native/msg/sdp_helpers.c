/* parser/sdp/sdp_helpr_funcs.h: finding SDP lines and cutting their fields. */
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include "sb_msg_int.h"
#pragma GCC visibility push(default)
#include "../../include/parser/sdp/sdp_helpr_funcs.h"
#include "../../include/parser/parse_hname2.h"
#pragma GCC visibility pop

static char *find_mem(char *hay, long hlen, const char *needle, long nlen)
{
	if (hay == NULL || hlen < nlen || nlen <= 0)
		return NULL;
	return memmem(hay, (size_t)hlen, needle, (size_t)nlen);
}

static int at_line_start(const char *p)
{
	return p[-1] == '\n' || p[-1] == '\r';
}

/* first occurrence of the text at a line start in [p, plimit) */
static char *find_line_text(char *p, char *plimit, const char *text, int tlen)
{
	char *hit;
	while (p < plimit) {
		hit = find_mem(p, plimit - p, text, tlen);
		if (hit == NULL)
			return NULL;
		if (at_line_start(hit))
			return hit;
		p = hit + 1;
	}
	return NULL;
}

char *find_sdp_line(char *p, char *plimit, char linechar)
{
	char head[2];
	head[0] = linechar;
	head[1] = '=';
	return find_line_text(p, plimit, head, 2);
}

char *find_next_sdp_line(char *p, char *plimit, char linechar, char *defptr)
{
	char *t;
	if (p >= plimit || plimit - p < 3)
		return defptr;
	t = find_sdp_line(p + 2, plimit, linechar);
	return t ? t : defptr;
}

char *find_sdp_line_complex(char *p, char *plimit, char *name)
{
	return find_line_text(p, plimit, name, (int)strlen(name));
}

char *find_sdp_line_delimiter(char *p, char *plimit, str delimiter)
{
	char *hit;
	while (p < plimit) {
		hit = find_mem(p, plimit - p, "--", 2);
		if (hit == NULL)
			return NULL;
		if (plimit - (hit + 2) >= delimiter.len &&
				memcmp(hit + 2, delimiter.s, (size_t)delimiter.len) == 0 && at_line_start(hit))
			return hit;
		p = hit + 1;
	}
	return NULL;
}

char *find_next_sdp_line_delimiter(char *p, char *plimit, str delimiter, char *defptr)
{
	char *t;
	if (p >= plimit || plimit - p < 3)
		return defptr;
	t = find_sdp_line_delimiter(p + 2, plimit, delimiter);
	return t ? t : defptr;
}

/* the rest of the line at s (without CR/LF), trimmed */
static void line_value(char *s, char *limit, str *out)
{
	char *e = s;
	while (e < limit && *e != '\r' && *e != '\n')
		e++;
	out->s = s;
	out->len = (int)(e - s);
	trim(out);
}

int get_mixed_part_delimiter(str *body, str *mp_delimiter)
{
	char *p = body->s, *end = body->s + body->len;

	/* look for a boundary parameter among those after the type */
	while ((p = memchr(p, ';', (size_t)(end - p))) != NULL) {
		str v;
		p++;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (end - p < 8 || strncasecmp(p, "boundary", 8) != 0)
			continue;
		p += 8;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (p >= end || *p != '=') {
			LM_ERR("no '=' after boundary\n");
			return -1;
		}
		p++;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		v.s = p;
		if (p < end && *p == '"') {
			char *q = memchr(p + 1, '"', (size_t)(end - p - 1));
			if (q == NULL)
				return -1;
			v.s = p + 1;
			v.len = (int)(q - v.s);
		} else {
			while (p < end && *p != ';' && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
				p++;
			v.len = (int)(p - v.s);
		}
		if (v.len <= 0)
			return -1;
		*mp_delimiter = v;
		return 1;
	}
	LM_DBG("no boundary in <%.*s>\n", body->len, body->s);
	return -1;
}

int extract_field(str *body, str *value, str field)
{
	if (body->len < field.len || strncmp(body->s, field.s, (size_t)field.len) != 0)
		return -1;
	line_value(body->s + field.len, body->s + body->len, value);
	return 0;
}

#define FIELD_FN(fn, text) \
	int fn(str *body, str *v) \
	{ \
		str f; \
		f.s = (char *)(text); \
		f.len = (int)sizeof(text) - 1; \
		return extract_field(body, v, f); \
	}
FIELD_FN(extract_ptime, "a=ptime:")
FIELD_FN(extract_rtcp, "a=rtcp:")
FIELD_FN(extract_accept_types, "a=accept-types:")
FIELD_FN(extract_accept_wrapped_types, "a=accept-wrapped-types:")
FIELD_FN(extract_max_size, "a=max-size:")
FIELD_FN(extract_path, "a=path:")

int extract_sendrecv_mode(str *body, str *mode, int *is_on_hold)
{
	if (body->len < 10)
		return -1;
	if (strncasecmp(body->s, "a=sendrecv", 10) == 0 ||
			strncasecmp(body->s, "a=recvonly", 10) == 0) {
		mode->s = body->s + 2;
		mode->len = 8;
		return 0;
	}
	if (strncasecmp(body->s, "a=inactive", 10) == 0 ||
			strncasecmp(body->s, "a=sendonly", 10) == 0)
		*is_on_hold = 1;
	return -1;
}

/* splits "<first> <rest>" of v: first token into *tok, v advances past the blanks */
static int next_token(str *v, str *tok)
{
	char *p = v->s, *end = v->s + v->len;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	tok->s = p;
	while (p < end && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
		p++;
	tok->len = (int)(p - tok->s);
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	v->len -= (int)(p - v->s);
	v->s = p;
	return tok->len > 0 ? 0 : -1;
}

int extract_rtpmap(str *body, str *payload, str *enc, str *clock, str *params)
{
	str line;
	char *slash, *slash2, *end;

	if (body->len < 9 || strncasecmp(body->s, "a=rtpmap:", 9) != 0)
		return -1;
	line_value(body->s + 9, body->s + body->len, &line);
	if (next_token(&line, payload) < 0 || line.len <= 0) {
		LM_ERR("no encoding in a=rtpmap\n");
		return -1;
	}
	end = line.s + line.len;
	slash = memchr(line.s, '/', (size_t)line.len);
	if (slash == NULL || slash == line.s || end - slash <= 1) {
		LM_ERR("bad encoding in a=rtpmap\n");
		return -1;
	}
	enc->s = line.s;
	enc->len = (int)(slash - line.s);
	clock->s = slash + 1;
	slash2 = memchr(clock->s, '/', (size_t)(end - clock->s));
	if (slash2 == NULL) {
		clock->len = (int)(end - clock->s);
		params->s = NULL;
		params->len = 0;
	} else {
		clock->len = (int)(slash2 - clock->s);
		if (end - slash2 <= 1) {
			LM_ERR("bad encoding parameters in a=rtpmap\n");
			return -1;
		}
		params->s = slash2 + 1;
		params->len = (int)(end - params->s);
	}
	return 0;
}

int extract_fmtp(str *body, str *payload, str *fmtp)
{
	str line;

	if (body->len < 7 || strncasecmp(body->s, "a=fmtp:", 7) != 0)
		return -1;
	line_value(body->s + 7, body->s + body->len, &line);
	if (next_token(&line, payload) < 0 || line.len <= 0) {
		LM_ERR("no format parameters in a=fmtp\n");
		return -1;
	}
	*fmtp = line;
	trim(fmtp);
	return 0;
}

/* the first "xy" at a line start in body */
static char *first_line_of(str *body, const char *xy)
{
	char *p = body->s, *end = body->s + body->len, *hit;
	while (p < end) {
		hit = find_mem(p, end - p, xy, 2);
		if (hit == NULL)
			return NULL;
		if (hit == body->s || at_line_start(hit))
			return hit;
		p = hit + 2;
	}
	return NULL;
}

int extract_bwidth(str *body, str *bwtype, str *bwwidth)
{
	char *b = first_line_of(body, "b="), *colon;
	str v;

	if (b == NULL)
		return -1;
	line_value(b + 2, body->s + body->len, &v);
	colon = memchr(v.s, ':', (size_t)v.len);
	if (colon == NULL) {
		LM_ERR("bad b=%.*s\n", v.len, v.s);
		return -1;
	}
	bwtype->s = v.s;
	bwtype->len = (int)(colon - v.s);
	bwwidth->s = colon + 1;
	bwwidth->len = (int)(v.s + v.len - bwwidth->s);
	return 0;
}

int extract_mediaip(str *body, str *mediaip, int *pf, char *line)
{
	char *l = first_line_of(body, line);
	str v, tok;
	int next_is_ip = 0;

	if (l == NULL)
		return -1;
	line_value(l + 2, body->s + body->len, &v);
	/* "<nettype> IP4|IP6 <address>" (o=: "<user> <id> <version> IN IP4 <address>") */
	while (v.len > 0 && next_token(&v, &tok) == 0) {
		if (next_is_ip) {
			*mediaip = tok;
			return 1;
		}
		if (tok.len == 3 && tok.s[0] == 'I' && tok.s[1] == 'P' &&
				(tok.s[2] == '4' || tok.s[2] == '6')) {
			*pf = tok.s[2] == '4' ? AF_INET : AF_INET6;
			next_is_ip = 1;
		}
	}
	LM_ERR("no IP4/IP6 address in the %s line\n", line);
	return -1;
}

static const struct { const char *name; int is_rtp; } transports[] = {
	{ "rtp/avp", 1 }, { "udptl", 0 }, { "rtp/avpf", 1 }, { "rtp/savp", 1 },
	{ "rtp/savpf", 1 }, { "udp", 0 }, { "udp/bfcp", 0 },
};

int extract_media_attr(str *body, str *media, str *port, str *transport, str *payloads,
		int *is_rtp)
{
	char *m = first_line_of(body, "m=");
	str v;
	size_t i;

	if (m == NULL) {
		LM_ERR("no m= line in SDP\n");
		return -1;
	}
	line_value(m + 2, body->s + body->len, &v);
	if (next_token(&v, media) < 0 || next_token(&v, port) < 0) {
		LM_ERR("no port in m=\n");
		return -1;
	}
	if (next_token(&v, transport) < 0) {
		LM_ERR("no transport in m=\n");
		return -1;
	}
	*payloads = v;
	/* as 1.11: an unknown transport leaves *is_rtp untouched */
	for (i = 0; i < sizeof(transports) / sizeof(transports[0]); i++)
		if (transport->len == (int)strlen(transports[i].name) &&
				strncasecmp(transport->s, transports[i].name, (size_t)transport->len) == 0) {
			*is_rtp = transports[i].is_rtp;
			break;
		}
	return 0;
}

char *get_sdp_hdr_field(char *buf, char *end, struct hdr_field *hdr)
{
	char *p, *lf;

	if (buf >= end || *buf == '\n' || *buf == '\r') {
		hdr->type = HDR_EOH_T;
		return buf;
	}
	p = parse_hname2(buf, end, hdr);
	if (p == NULL || hdr->type == HDR_ERROR_T)
		goto error;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p >= end)
		goto error;
	hdr->body.s = p;
	/* the body ends at a line end not followed by a continuation */
	for (;;) {
		lf = memchr(p, '\n', (size_t)(end - p));
		if (lf == NULL) {
			LM_ERR("header <%.*s> without a line end\n", hdr->name.len, hdr->name.s);
			p = end;
			goto error;
		}
		p = lf + 1;
		if (p >= end || (*p != ' ' && *p != '\t'))
			break;
	}
	hdr->body.len = (int)(p - hdr->body.s);
	trim_r(hdr->body);
	hdr->len = (int)(p - hdr->name.s);
	return p;
error:
	hdr->type = HDR_ERROR_T;
	return p ? p : buf;
}
