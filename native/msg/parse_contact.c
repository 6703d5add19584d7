/* Contact: "*" or comma-separated contacts, each a name-addr/addr-spec with params. */
#include <stdio.h>
#include <string.h>
#include "sb_msg_int.h"

static int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

int parse_contacts(str *_s, contact_t **_c)
{
	char *p = _s->s, *end = _s->s + _s->len;
	contact_t *last = NULL;

	*_c = NULL;
	for (;;) {
		contact_t *c;
		char *start;
		param_hooks_t hooks;

		while (p < end && is_ws(*p))
			p++;
		if (p >= end)
			break;
		c = pkg_malloc(sizeof(*c));
		if (c == NULL)
			goto error;
		memset(c, 0, sizeof(*c));
		if (last)
			last->next = c;
		else
			*_c = c;
		last = c;
		start = p;
		{
			str rest = { p, (int)(end - p) };
			int lt = sb_find_unquoted(&rest, '<');
			int stop_at;
			str upto;
			/* a '<' of a later contact does not count */
			upto.s = p;
			upto.len = (int)(end - p);
			stop_at = sb_find_unquoted(&upto, ',');
			if (lt >= 0 && (stop_at < 0 || lt < stop_at)) {
				name_addr_t na;
				if (parse_nameaddr(&rest, &na) < 0)
					goto error;
				c->name = na.name;
				c->uri = na.uri;
				p += na.len;
			} else {
				char *q = p;
				while (q < end && *q != ';' && *q != ',' && !is_ws(*q))
					q++;
				c->uri.s = p;
				c->uri.len = (int)(q - p);
				p = q;
			}
		}
		if (c->uri.len == 0)
			goto error;
		while (p < end && is_ws(*p))
			p++;
		if (p < end && *p == ';') {
			str params = { p + 1, (int)(end - p - 1) };
			if (parse_params(&params, CLASS_CONTACT, &hooks, &c->params) < 0)
				goto error;
			c->q = hooks.contact.q;
			c->expires = hooks.contact.expires;
			c->methods = hooks.contact.methods;
			c->received = hooks.contact.received;
			c->instance = hooks.contact.instance;
			p = params.s;
		}
		c->len = (int)(p - start);
		while (p < end && is_ws(*p))
			p++;
		if (p < end) {
			if (*p != ',')
				goto error;
			p++;
		}
	}
	return *_c ? 0 : -1;
error:
	free_contacts(_c);
	return -1;
}

void free_contacts(contact_t **_c)
{
	contact_t *c, *n;
	if (_c == NULL)
		return;
	for (c = *_c; c; c = n) {
		n = c->next;
		free_params(c->params);
		pkg_free(c);
	}
	*_c = NULL;
}

void print_contacts(FILE *_o, contact_t *_c)
{
	for (; _c; _c = _c->next) {
		fprintf(_o, "contact name='%.*s' uri='%.*s' len=%d\n", _c->name.len,
				ZSW(_c->name.s), _c->uri.len, ZSW(_c->uri.s), _c->len);
		print_params(_o, _c->params);
	}
}

int parse_contact(struct hdr_field *_h)
{
	contact_body_t *b;
	str body;

	if (_h == NULL)
		return -1;
	if (_h->parsed)
		return 0;
	b = pkg_malloc(sizeof(*b));
	if (b == NULL) {
		LM_ERR("no more pkg memory\n");
		return -1;
	}
	memset(b, 0, sizeof(*b));
	body = _h->body;
	trim(&body);
	if (body.len == 1 && body.s[0] == '*') {
		b->star = 1;
	} else if (parse_contacts(&body, &b->contacts) < 0) {
		LM_ERR("bad Contact header <%.*s>\n", _h->body.len, _h->body.s);
		pkg_free(b);
		return -1;
	}
	_h->parsed = b;
	return 0;
}

void free_contact(contact_body_t **_c)
{
	if (_c == NULL || *_c == NULL)
		return;
	if (sb_mem_is_core(*_c))
		return;
	free_contacts(&(*_c)->contacts);
	pkg_free(*_c);
	*_c = NULL;
}

void log_contact(contact_body_t *_c)
{
	contact_t *c;
	LM_DBG("star=%d\n", _c->star);
	for (c = _c->contacts; c; c = c->next)
		LM_DBG("contact <%.*s>\n", c->uri.len, c->uri.s);
}

int contact_iterator(contact_t **c, struct sip_msg *msg, contact_t *prev)
{
	struct hdr_field *h;
	contact_body_t *cb;

	if (prev == NULL) {
		h = msg->contact;
	} else {
		if (prev->next) {
			*c = prev->next;
			return 0;
		}
		/* the next Contact header after the one holding prev */
		for (h = msg->contact; h; h = h->sibling) {
			contact_t *x;
			cb = h->parsed;
			for (x = cb ? cb->contacts : NULL; x; x = x->next)
				if (x == prev)
					break;
			if (x) {
				h = h->sibling;
				break;
			}
		}
	}
	for (; h; h = h->sibling) {
		if (parse_contact(h) < 0)
			return -1;
		cb = h->parsed;
		if (cb->contacts) {
			*c = cb->contacts;
			return 0;
		}
	}
	*c = NULL;
	return 0;
}
