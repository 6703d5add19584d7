/* do_action (action.h): the single actions modules build themselves and run on a message,
 * mostly Request-URI rewrites (dispatcher's SET_HOSTPORT_T, pdt's PREFIX_T/STRIP_T...).
 * The R-URI rewritten is new_uri when set, else the message's own; the result becomes
 * the new new_uri (a pkg copy the message owns), as in OpenSIPS. */
#include <stdlib.h>
#include <string.h>
#include "sb_core.h"
#include "../include/action.h"
#include "../include/route.h"

/* The parts of a URI to rebuild it with some replaced: scheme (with ':'), user, password,
 * host, port, and everything after host[:port] (params, headers). */
struct uri_parts {
	str scheme, user, passwd, host, port, rest;
};

static int split_uri(str *uri, struct uri_parts *p)
{
	struct sip_uri u;
	char *colon, *after;
	if (parse_uri(uri->s, uri->len, &u) < 0)
		return -1;
	colon = memchr(uri->s, ':', uri->len);
	if (colon == NULL)
		return -1;
	p->scheme.s = uri->s;
	p->scheme.len = colon - uri->s + 1;
	p->user = u.user;
	p->passwd = u.passwd;
	p->host = u.host;
	p->port = u.port;
	after = u.port.len ? u.port.s + u.port.len : u.host.s + u.host.len;
	p->rest.s = after;
	p->rest.len = uri->s + uri->len - after;
	return 0;
}

static void put(char **w, const char *s, int len)
{
	if (len > 0) {
		memcpy(*w, s, len);
		*w += len;
	}
}

/* Builds the URI from p into new_uri. */
static int store_uri(struct sip_msg *msg, struct uri_parts *p)
{
	int len = p->scheme.len + p->user.len + 1 + p->passwd.len + 1 + p->host.len + 1 +
		p->port.len + p->rest.len;
	char *buf = pkg_malloc(len + 1), *w = buf;
	if (buf == NULL) {
		LM_ERR("no pkg memory for the new R-URI\n");
		return E_OUT_OF_MEM;
	}
	put(&w, p->scheme.s, p->scheme.len);
	if (p->user.len) {
		put(&w, p->user.s, p->user.len);
		if (p->passwd.len) {
			*w++ = ':';
			put(&w, p->passwd.s, p->passwd.len);
		}
		*w++ = '@';
	}
	put(&w, p->host.s, p->host.len);
	if (p->port.len) {
		*w++ = ':';
		put(&w, p->port.s, p->port.len);
	}
	put(&w, p->rest.s, p->rest.len);
	*w = 0;
	if (msg->new_uri.s)
		pkg_free(msg->new_uri.s);
	msg->new_uri.s = buf;
	msg->new_uri.len = w - buf;
	msg->parsed_uri_ok = 0;
	return 1;
}

static int set_new_uri_text(struct sip_msg *msg, const char *s)
{
	str v;
	if (s == NULL)
		return E_BUG;
	v.s = (char *)s;
	v.len = strlen(s);
	return set_ruri(msg, &v) < 0 ? E_OUT_OF_MEM : 1;
}

/* The rewrites of one part of the URI. */
static int rewrite(struct action *a, struct sip_msg *msg)
{
	str cur, arg = { NULL, 0 }, tmp;
	struct uri_parts p;
	char *copy;
	int r, n;
	cur = msg->new_uri.s ? msg->new_uri : msg->first_line.u.request.uri;
	if (msg->first_line.type != SIP_REQUEST || cur.s == NULL) {
		LM_ERR("do_action %d: not a request\n", a->type);
		return E_BUG;
	}
	/* work on a copy: store_uri frees new_uri, which cur may point into */
	copy = pkg_malloc(cur.len + 1);
	if (copy == NULL)
		return E_OUT_OF_MEM;
	memcpy(copy, cur.s, cur.len);
	copy[cur.len] = 0;
	cur.s = copy;
	if (split_uri(&cur, &p) < 0) {
		LM_ERR("do_action %d: bad R-URI <%.*s>\n", a->type, cur.len, cur.s);
		pkg_free(copy);
		return E_BAD_URI;
	}
	if (a->type != STRIP_T && a->type != STRIP_TAIL_T) {
		if (a->elem[0].type != STRING_ST || a->elem[0].u.string == NULL) {
			LM_ERR("do_action %d: expects a string\n", a->type);
			pkg_free(copy);
			return E_BUG;
		}
		arg.s = a->elem[0].u.string;
		arg.len = strlen(arg.s);
	}
	switch (a->type) {
	case SET_HOST_T:
		p.host = arg;
		break;
	case SET_HOSTPORT_T:
		tmp.s = memchr(arg.s, ':', arg.len);
		if (tmp.s && arg.s[0] != '[') {
			p.host.s = arg.s;
			p.host.len = tmp.s - arg.s;
			p.port.s = tmp.s + 1;
			p.port.len = arg.s + arg.len - p.port.s;
		} else {
			p.host = arg;
			p.port.len = 0;
		}
		break;
	case SET_PORT_T:
		p.port = arg;
		break;
	case SET_USER_T:
		p.user = arg;
		break;
	case SET_USERPASS_T:
		tmp.s = memchr(arg.s, ':', arg.len);
		p.user.s = arg.s;
		p.user.len = tmp.s ? tmp.s - arg.s : arg.len;
		p.passwd.s = tmp.s ? tmp.s + 1 : NULL;
		p.passwd.len = tmp.s ? arg.s + arg.len - tmp.s - 1 : 0;
		break;
	case PREFIX_T: {
		char *joined = pkg_malloc(arg.len + p.user.len + 1);
		if (joined == NULL) {
			pkg_free(copy);
			return E_OUT_OF_MEM;
		}
		memcpy(joined, arg.s, arg.len);
		memcpy(joined + arg.len, p.user.s, p.user.len);
		p.user.s = joined;
		p.user.len += arg.len;
		r = store_uri(msg, &p);
		pkg_free(joined);
		pkg_free(copy);
		return r;
	}
	case STRIP_T:
	case STRIP_TAIL_T:
		if (a->elem[0].type != NUMBER_ST || a->elem[0].u.number < 0) {
			LM_ERR("do_action %d: expects a number\n", a->type);
			pkg_free(copy);
			return E_BUG;
		}
		n = a->elem[0].u.number > p.user.len ? p.user.len : (int)a->elem[0].u.number;
		if (a->type == STRIP_T)
			p.user.s += n;
		p.user.len -= n;
		break;
	}
	r = store_uri(msg, &p);
	pkg_free(copy);
	return r;
}

int do_action(struct action *a, struct sip_msg *msg)
{
	if (a == NULL || msg == NULL) {
		LM_ERR("%s is NULL\n", a == NULL ? "the action" : "the message");
		return E_BUG;
	}
	switch (a->type) {
	case SET_URI_T:
		if (a->elem[0].type != STRING_ST) {
			LM_ERR("do_action SET_URI_T: expects a string\n");
			return E_BUG;
		}
		return set_new_uri_text(msg, a->elem[0].u.string);
	case SET_HOST_T: case SET_HOSTPORT_T: case SET_PORT_T: case SET_USER_T:
	case SET_USERPASS_T: case PREFIX_T: case STRIP_T: case STRIP_TAIL_T:
		return rewrite(a, msg);
	case REVERT_URI_T:
		if (msg->new_uri.s)
			pkg_free(msg->new_uri.s);
		msg->new_uri.s = NULL;
		msg->new_uri.len = 0;
		msg->parsed_uri_ok = 0;
		return 1;
	case SET_DSTURI_T: {
		str v;
		if (a->elem[0].type != STRING_ST || a->elem[0].u.string == NULL) {
			LM_ERR("do_action SET_DSTURI_T: expects a string\n");
			return E_BUG;
		}
		v.s = a->elem[0].u.string;
		v.len = strlen(v.s);
		return set_dst_uri(msg, &v) < 0 ? E_OUT_OF_MEM : 1;
	}
	case RESET_DSTURI_T:
		if (msg->dst_uri.s)
			pkg_free(msg->dst_uri.s);
		msg->dst_uri.s = NULL;
		msg->dst_uri.len = 0;
		return 1;
	case DROP_T:
		action_flags |= ACT_FL_DROP | ACT_FL_EXIT;
		return 0;
	case EXIT_T:
		action_flags |= ACT_FL_EXIT;
		return 0;
	case RETURN_T:
		action_flags |= ACT_FL_RETURN;
		return a->elem[0].type == NUMBER_ST ? (int)a->elem[0].u.number : 1;
	case ROUTE_T:
		if (a->elem[0].type != NUMBER_ST || a->elem[0].u.number < 0 ||
				a->elem[0].u.number >= RT_NO) {
			LM_ERR("do_action ROUTE_T: route index out of range\n");
			return E_CFG;
		}
		if (rlist[a->elem[0].u.number].a == NULL) {
			LM_ERR("do_action ROUTE_T: the script has no route at index %ld\n",
					a->elem[0].u.number);
			return E_CFG;
		}
		{
			int f = run_top_route(rlist[a->elem[0].u.number].a, msg);
			if (f < 0)
				return E_UNSPEC;
			action_flags |= f & (ACT_FL_DROP | ACT_FL_EXIT);
			return 1;
		}
	default:
		LM_ERR("action type %d is not supported by sipbridge\n", a->type);
		return E_BUG;
	}
}

int run_action_list(struct action *a, struct sip_msg *msg)
{
	int r = 1;
	for (; a; a = a->next) {
		r = do_action(a, msg);
		if (r == 0 || (action_flags & (ACT_FL_EXIT | ACT_FL_RETURN)))
			break;
	}
	return r;
}
