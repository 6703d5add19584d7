/* Generic ";name[=value]" parameter lists (parse_params) and name-addr. */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "sb_msg_int.h"

static int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int name_is(const str *n, const char *lit)
{
	size_t l = strlen(lit);
	return (size_t)n->len == l && strncasecmp(n->s, lit, l) == 0;
}

static void hook_param(param_t *p, pclass_t c, param_hooks_t *h)
{
	if (c == CLASS_CONTACT) {
		if (name_is(&p->name, "q")) { p->type = P_Q; if (h) h->contact.q = p; }
		else if (name_is(&p->name, "expires")) { p->type = P_EXPIRES; if (h) h->contact.expires = p; }
		else if (name_is(&p->name, "methods")) { p->type = P_METHODS; if (h) h->contact.methods = p; }
		else if (name_is(&p->name, "received")) { p->type = P_RECEIVED; if (h) h->contact.received = p; }
		else if (name_is(&p->name, "+sip.instance")) { p->type = P_INSTANCE; if (h) h->contact.instance = p; }
	} else if (c == CLASS_URI) {
		if (name_is(&p->name, "transport")) { p->type = P_TRANSPORT; if (h) h->uri.transport = p; }
		else if (name_is(&p->name, "lr")) { p->type = P_LR; if (h) h->uri.lr = p; }
		else if (name_is(&p->name, "r2")) { p->type = P_R2; if (h) h->uri.r2 = p; }
		else if (name_is(&p->name, "maddr")) { p->type = P_MADDR; if (h) h->uri.maddr = p; }
		else if (name_is(&p->name, "ttl")) { p->type = P_TTL; if (h) h->uri.ttl = p; }
		else if (name_is(&p->name, "dstip")) { p->type = P_DSTIP; if (h) h->uri.dstip = p; }
		else if (name_is(&p->name, "dstport")) { p->type = P_DSTPORT; if (h) h->uri.dstport = p; }
	}
}

int parse_params(str *_s, pclass_t _c, param_hooks_t *_h, param_t **_p)
{
	char *p, *end, *q;
	param_t *last = NULL;

	if (_s == NULL || _p == NULL)
		return -1;
	if (_h)
		memset(_h, 0, sizeof(*_h));
	*_p = NULL;
	p = _s->s;
	end = _s->s + _s->len;
	for (;;) {
		param_t *par;
		char *start;

		while (p < end && is_ws(*p))
			p++;
		if (p >= end || *p == ',')
			break;
		start = p;
		q = p;
		while (q < end && !is_ws(*q) && *q != '=' && *q != ';' && *q != ',')
			q++;
		if (q == p)
			goto error;
		par = pkg_malloc(sizeof(*par));
		if (par == NULL)
			goto error;
		memset(par, 0, sizeof(*par));
		par->name.s = p;
		par->name.len = (int)(q - p);
		p = q;
		while (p < end && is_ws(*p))
			p++;
		if (p < end && *p == '=') {
			p++;
			while (p < end && is_ws(*p))
				p++;
			if (p < end && *p == '"') {
				q = memchr(p + 1, '"', (size_t)(end - p - 1));
				if (q == NULL) {
					pkg_free(par);
					goto error;
				}
				par->body.s = p + 1;
				par->body.len = (int)(q - p - 1);
				p = q + 1;
			} else {
				q = p;
				while (q < end && !is_ws(*q) && *q != ';' && *q != ',')
					q++;
				par->body.s = p;
				par->body.len = (int)(q - p);
				p = q;
			}
		}
		par->len = (int)(p - start);
		hook_param(par, _c, _h);
		if (last)
			last->next = par;
		else
			*_p = par;
		last = par;
		while (p < end && is_ws(*p))
			p++;
		if (p < end && *p == ';') {
			p++;
			continue;
		}
		break;
	}
	_s->len -= (int)(p - _s->s);
	_s->s = p;
	return 0;
error:
	free_params(*_p);
	*_p = NULL;
	if (_h)
		memset(_h, 0, sizeof(*_h));
	return -1;
}

void free_params(param_t *_p)
{
	param_t *n;
	if (_p && sb_mem_is_core(_p))
		return;
	for (; _p; _p = n) {
		n = _p->next;
		pkg_free(_p);
	}
}

void shm_free_params(param_t *_p)
{
	param_t *n;
	for (; _p; _p = n) {
		n = _p->next;
		shm_free(_p);
	}
}

void print_params(FILE *_o, param_t *_p)
{
	for (; _p; _p = _p->next)
		fprintf(_o, "param type=%d name='%.*s' body='%.*s' len=%d\n", _p->type,
				_p->name.len, ZSW(_p->name.s), _p->body.len, ZSW(_p->body.s), _p->len);
}

static int dup_params(param_t **_n, param_t *_p, void *(*alloc)(size_t),
		void (*release)(param_t *))
{
	param_t *last = NULL, *c;
	*_n = NULL;
	for (; _p; _p = _p->next) {
		c = alloc(sizeof(*c));
		if (c == NULL) {
			release(*_n);
			*_n = NULL;
			return -1;
		}
		*c = *_p;   /* strs keep pointing at the original text, as in OpenSIPS */
		c->next = NULL;
		if (last)
			last->next = c;
		else
			*_n = c;
		last = c;
	}
	return 0;
}

int duplicate_params(param_t **_n, param_t *_p)
{
	return dup_params(_n, _p, pkg_malloc, free_params);
}

int shm_duplicate_params(param_t **_n, param_t *_p)
{
	return dup_params(_n, _p, shm_malloc, shm_free_params);
}

int sb_find_unquoted(str *_s, char _c)
{
	int quoted = 0;
	for (int i = 0; i < _s->len; i++) {
		if (_s->s[i] == '"' && (i == 0 || _s->s[i - 1] != '\\'))
			quoted = !quoted;
		else if (!quoted && _s->s[i] == _c)
			return i;
	}
	return -1;
}

int parse_nameaddr(str *_s, name_addr_t *_a)
{
	int lt, gt;
	str rest;

	if (_s == NULL || _a == NULL || _s->s == NULL)
		return -1;
	memset(_a, 0, sizeof(*_a));
	lt = sb_find_unquoted(_s, '<');
	if (lt < 0) {
		_a->uri = *_s;
		trim(&_a->uri);
		_a->len = _s->len;
		return 0;
	}
	_a->name.s = _s->s;
	_a->name.len = lt;
	trim(&_a->name);
	rest.s = _s->s + lt + 1;
	rest.len = _s->len - lt - 1;
	gt = sb_find_unquoted(&rest, '>');
	if (gt < 0)
		return -1;
	_a->uri.s = rest.s;
	_a->uri.len = gt;
	_a->len = (int)(rest.s + gt + 1 - _s->s);
	return 0;
}

void print_nameaddr(FILE *_o, name_addr_t *_a)
{
	fprintf(_o, "name='%.*s' uri='%.*s' len=%d\n", _a->name.len, ZSW(_a->name.s),
			_a->uri.len, ZSW(_a->uri.s), _a->len);
}
