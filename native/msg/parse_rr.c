/* Route / Record-Route / Path: comma-separated name-addrs with parameters. */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "sb_msg_int.h"

static int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

int parse_rr_body(char *buf, int len, rr_t **head)
{
	char *p = buf, *end = buf + len;
	rr_t *last = NULL;

	if (buf == NULL || len < 0 || head == NULL)
		return -1;
	*head = NULL;
	for (;;) {
		rr_t *r;
		str s, params;
		int gt;

		while (p < end && is_ws(*p))
			p++;
		if (p >= end)
			break;
		r = pkg_malloc(sizeof(*r));
		if (r == NULL)
			goto error;
		memset(r, 0, sizeof(*r));
		if (last)
			last->next = r;
		else
			*head = r;
		last = r;
		s.s = p;
		s.len = (int)(end - p);
		/* an element needs its URI in <>: otherwise its parameters are ambiguous */
		gt = sb_find_unquoted(&s, '>');
		if (gt < 0 || parse_nameaddr(&s, &r->nameaddr) < 0 || r->nameaddr.uri.len == 0)
			goto error;
		p += r->nameaddr.len;
		while (p < end && is_ws(*p))
			p++;
		if (p < end && *p == ';') {
			param_t *par;
			params.s = p + 1;
			params.len = (int)(end - p - 1);
			if (parse_params(&params, CLASS_ANY, NULL, &r->params) < 0)
				goto error;
			for (par = r->params; par; par = par->next)
				if (par->name.len == 2 && strncasecmp(par->name.s, "r2", 2) == 0)
					r->r2 = par;
			p = params.s;
		}
		r->len = (int)(p - s.s);
		while (p < end && is_ws(*p))
			p++;
		if (p < end) {
			if (*p != ',')
				goto error;
			p++;
		}
	}
	return *head ? 0 : -1;
error:
	free_rr(head);
	return -1;
}

int parse_rr(struct hdr_field *_r)
{
	rr_t *head;
	if (_r == NULL)
		return -1;
	if (_r->parsed)
		return 0;
	if (parse_rr_body(_r->body.s, _r->body.len, &head) < 0) {
		LM_ERR("bad %.*s header\n", _r->name.len, _r->name.s);
		return -1;
	}
	_r->parsed = head;
	return 0;
}

static void free_rr_list(rr_t **_r, void (*release)(void *), void (*release_params)(param_t *))
{
	rr_t *r, *n;
	if (_r == NULL)
		return;
	for (r = *_r; r; r = n) {
		n = r->next;
		release_params(r->params);
		release(r);
	}
	*_r = NULL;
}

void free_rr(rr_t **_r)
{
	if (_r && *_r && sb_mem_is_core(*_r))
		return;
	free_rr_list(_r, pkg_free, free_params);
}

void shm_free_rr(rr_t **_r)
{
	free_rr_list(_r, shm_free, shm_free_params);
}

void print_rr(FILE *_o, rr_t *_r)
{
	for (; _r; _r = _r->next) {
		print_nameaddr(_o, &_r->nameaddr);
		print_params(_o, _r->params);
	}
}

/* moves s to the copy when it points into [from, from + len) */
static void xlate(str *s, const char *from, int len, char *to)
{
	if (s->s && s->s >= from && s->s <= from + len)
		s->s = to + (s->s - from);
}

/* One block per element, as in 1.11: the rr_t followed by a copy of the element's text
 * (name-addr and parameters), every str moved onto the copy, so a duplicate outlives
 * the message it came from (tm and dialog keep shm route sets). */
static int dup_rr(rr_t **_new, rr_t *_r, int shm, int first)
{
	rr_t *last = NULL, *c;
	param_t *p;

	if (_new == NULL || _r == NULL) {
		LM_ERR("nothing to duplicate\n");
		return -1;
	}
	*_new = NULL;
	for (; _r; _r = _r->next) {
		const char *start = _r->nameaddr.uri.s, *end = _r->nameaddr.uri.s + _r->nameaddr.uri.len;
		char *text;
		int len;

		if (_r->nameaddr.name.s && _r->nameaddr.name.s < start)
			start = _r->nameaddr.name.s;
		if (start + _r->nameaddr.len > end)
			end = start + _r->nameaddr.len;
		for (p = _r->params; p; p = p->next) {
			if (p->name.s && p->name.s + p->len > end)
				end = p->name.s + p->len;
			if (p->body.s && p->body.s + p->body.len > end)
				end = p->body.s + p->body.len;
		}
		if (start + _r->len > end)
			end = start + _r->len;
		len = (int)(end - start);
		c = shm ? shm_malloc(sizeof(*c) + (size_t)len) : pkg_malloc(sizeof(*c) + (size_t)len);
		if (c == NULL) {
			LM_ERR("no more %s memory\n", shm ? "shm" : "pkg");
			goto error;
		}
		*c = *_r;
		c->next = NULL;
		c->params = NULL;
		c->r2 = NULL;
		text = (char *)(c + 1);
		memcpy(text, start, (size_t)len);
		xlate(&c->nameaddr.name, start, len, text);
		xlate(&c->nameaddr.uri, start, len, text);
		if (last)
			last->next = c;
		else
			*_new = c;
		last = c;
		if ((shm ? shm_duplicate_params(&c->params, _r->params) :
				duplicate_params(&c->params, _r->params)) < 0)
			goto error;
		for (p = c->params; p; p = p->next) {
			xlate(&p->name, start, len, text);
			xlate(&p->body, start, len, text);
			if (p->name.len == 2 && strncasecmp(p->name.s, "r2", 2) == 0)
				c->r2 = p;
		}
		if (first)
			break;
	}
	return 0;
error:
	if (shm)
		shm_free_rr(_new);
	else
		free_rr(_new);
	*_new = NULL;
	return -1;
}

int duplicate_rr(rr_t **_new, rr_t *_r, int _first) { return dup_rr(_new, _r, 0, _first); }
int shm_duplicate_rr(rr_t **_new, rr_t *_r, int _first) { return dup_rr(_new, _r, 1, _first); }

static int parse_chain(struct hdr_field *h)
{
	for (; h; h = h->sibling)
		if (parse_rr(h) < 0)
			return -1;
	return 0;
}

int parse_route_headers(struct sip_msg *msg) { return parse_chain(msg->route); }
int parse_record_route_headers(struct sip_msg *msg) { return parse_chain(msg->record_route); }

/* 1 when the URI parameters contain r2 (with or without a value): the mark a proxy that
 * inserted two Record-Routes puts in both. Parameter names are compared without case;
 * quoted values are skipped, so a ';' inside one separates nothing. */
int is_2rr(str *_params)
{
	const char *p, *end, *name;
	int quoted = 0;

	if (_params == NULL || _params->s == NULL || _params->len <= 0)
		return 0;
	p = _params->s;
	end = p + _params->len;
	while (p < end) {
		/* a parameter: optional whitespace, its name, then '=', ';' or the end */
		while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
			p++;
		name = p;
		while (p < end && *p != '=' && *p != ';' && *p != ' ' && *p != '\t' &&
				*p != '\r' && *p != '\n')
			p++;
		if (p - name == 2 && (name[0] == 'r' || name[0] == 'R') && name[1] == '2') {
			while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
				p++;
			if (p == end || *p == '=' || *p == ';')
				return 1;
		}
		/* skip the rest of this parameter, quoted strings included */
		for (; p < end; p++) {
			if (quoted) {
				if (*p == '\\' && p + 1 < end)
					p++;
				else if (*p == '"')
					quoted = 0;
			} else if (*p == '"') {
				quoted = 1;
			} else if (*p == ';') {
				p++;
				break;
			}
		}
	}
	return 0;
}

/* the text of one rr element: from its name-addr to the end of its parameters */
static str rr_text(const rr_t *r)
{
	str t;
	t.s = r->nameaddr.name.s ? r->nameaddr.name.s : r->nameaddr.uri.s;
	t.len = r->len;
	return t;
}

int print_rr_body(struct hdr_field *iroute, str *oroute, int order, unsigned int *nb_recs)
{
	struct hdr_field *h;
	rr_t *r;
	int n = 0, skip = nb_recs ? (int)*nb_recs : 0, i, len = 0, from, to;
	char *p;

	if (oroute == NULL)
		return -1;
	oroute->s = NULL;
	oroute->len = 0;
	if (iroute == NULL)
		return 0;
	for (h = iroute; h; h = h->sibling) {
		if (parse_rr(h) < 0) {
			LM_ERR("bad route header\n");
			return -1;
		}
		for (r = h->parsed; r; r = r->next)
			n++;
	}
	/* elements [from, to) in header order end up in the result */
	from = order ? 0 : skip;
	to = order ? n - skip : n;
	if (from < 0)
		from = 0;
	if (to > n)
		to = n;
	for (i = 0, h = iroute; h; h = h->sibling)
		for (r = h->parsed; r; r = r->next, i++)
			if (i >= from && i < to)
				len += rr_text(r).len + 1;
	if (len > 0) {
		oroute->s = pkg_malloc((size_t)len);
		if (oroute->s == NULL) {
			LM_ERR("no more pkg memory\n");
			return -1;
		}
		p = oroute->s;
		/* in order, or walked from the end when reversed */
		for (int k = 0; k < to - from; k++) {
			int want = order ? to - 1 - k : from + k;
			for (i = 0, h = iroute; h; h = h->sibling)
				for (r = h->parsed; r; r = r->next, i++)
					if (i == want) {
						str t = rr_text(r);
						if (p != oroute->s)
							*p++ = ',';
						memcpy(p, t.s, (size_t)t.len);
						p += t.len;
					}
		}
		oroute->len = (int)(p - oroute->s);
	}
	if (nb_recs)
		*nb_recs = (unsigned int)n;
	return 0;
}

int get_path_dst_uri(str *_p, str *_dst)
{
	rr_t *route = NULL;

	if (_p == NULL || _dst == NULL || parse_rr_body(_p->s, _p->len, &route) < 0 || route == NULL) {
		LM_ERR("bad Path value\n");
		return -1;
	}
	*_dst = route->nameaddr.uri;
	free_rr(&route);
	return 0;
}
