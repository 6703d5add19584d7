/* Outgoing messages: the received bytes with the lumps applied, plus the changes of
 * each kind of send (see sb_slot.h for the four builders and their return values). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "sb_msg_int.h"

/* globals.h (defined in native/compat/globals.c, written from the configuration): local
 * replies carry server_header when server_signature is on, as 1.11's do. */
extern int server_signature;
extern str server_header;
/* dset.h (native/dset.c): the destination set as one Contact header line */
char *print_dset(struct sip_msg *msg, int *len);

/* Writes while there is room and counts everything, so one pass gives the size. */
struct writer {
	char *p;
	size_t cap;
	size_t n;
};

static void put(struct writer *w, const char *s, size_t len)
{
	if (len == 0)
		return;
	/* no wrap: compared as room left, and the count saturates (finish refuses it) */
	if (w->n <= w->cap && len <= w->cap - w->n)
		memcpy(w->p + w->n, s, len);
	w->n = len <= SIZE_MAX - w->n ? w->n + len : SIZE_MAX;
}

static void put_uint(struct writer *w, unsigned long v)
{
	char tmp[24];
	int n = snprintf(tmp, sizeof(tmp), "%lu", v);
	put(w, tmp, (size_t)n);
}

/* A change of the original bytes that is not a lump: [off, off+len) becomes text. */
struct rewrite {
	unsigned int off;
	unsigned int len;
	const char *text;
	int text_len;
	int done;
};

/* Addresses the SUBST and conditional lumps refer to. */
struct sock_desc {
	int proto;
	int af;              /* AF_INET / AF_INET6 */
	unsigned short port;
	const char *addr;
	int addr_len;
	const unsigned char *ip;
};

struct build_ctx {
	struct sip_msg *msg;
	struct writer *w;
	struct rewrite *rw;
	int nrw;
	struct sock_desc rcv;
	struct sock_desc snd;
};

/* Copies original bytes [from, to) applying the rewrites that start inside. A rewrite
 * replaces its whole range even when that reaches past to (it is a deletion plus an
 * addition): returns where the original bytes continue, to or the end of that range. */
static unsigned int copy_orig(struct build_ctx *c, unsigned int from, unsigned int to)
{
	int i;
	while (from < to) {
		struct rewrite *next = NULL;
		for (i = 0; i < c->nrw; i++) {
			struct rewrite *r = &c->rw[i];
			if (!r->done && r->off >= from && r->off < to && (!next || r->off < next->off))
				next = r;
		}
		if (next == NULL) {
			put(c->w, c->msg->buf + from, to - from);
			return to;
		}
		put(c->w, c->msg->buf + from, next->off - from);
		put(c->w, next->text, (size_t)next->text_len);
		next->done = 1;
		from = next->off + next->len;
	}
	return from;
}

static void put_subst(struct build_ctx *c, enum lump_subst s)
{
	const struct sock_desc *d = (s == SUBST_RCV_IP || s == SUBST_RCV_PORT ||
			s == SUBST_RCV_PROTO || s == SUBST_RCV_ALL) ? &c->rcv : &c->snd;
	const char *pt;
	int plen;

	switch (s) {
	case SUBST_RCV_IP: case SUBST_SND_IP: case SUBST_RCV_ALL: case SUBST_SND_ALL:
		if (d->af == AF_INET6) put(c->w, "[", 1);
		put(c->w, d->addr, (size_t)d->addr_len);
		if (d->af == AF_INET6) put(c->w, "]", 1);
		if (s == SUBST_RCV_ALL || s == SUBST_SND_ALL) {
			if (d->port != SIP_PORT) {
				put(c->w, ":", 1);
				put_uint(c->w, d->port);
			}
			if (d->proto != PROTO_UDP && (plen = sb_proto_text(d->proto, &pt)) > 0) {
				put(c->w, ";transport=", 11);
				put(c->w, pt, (size_t)plen);
			}
		}
		break;
	case SUBST_RCV_PORT: case SUBST_SND_PORT:
		put_uint(c->w, d->port);
		break;
	case SUBST_RCV_PROTO: case SUBST_SND_PROTO:
		plen = sb_proto_text(d->proto, &pt);
		put(c->w, pt, (size_t)plen);
		break;
	default:
		break;
	}
}

static int same_ip(const struct sock_desc *a, const struct sock_desc *b)
{
	return a->af == b->af && memcmp(a->ip, b->ip, a->af == AF_INET6 ? 16 : 4) == 0;
}

static int cond_true(struct build_ctx *c, struct lump *l)
{
	if (l->flags & LUMPFLAG_COND_TRUE)
		return 1;
	switch (l->u.cond) {
	case COND_FALSE: return 0;
	case COND_TRUE: return 1;
	case COND_IF_DIFF_REALMS:
		return !same_ip(&c->rcv, &c->snd) || c->rcv.port != c->snd.port ||
			c->rcv.proto != c->snd.proto;
	case COND_IF_DIFF_AF: return c->rcv.af != c->snd.af;
	case COND_IF_DIFF_PROTO: return c->rcv.proto != c->snd.proto;
	case COND_IF_DIFF_PORT: return c->rcv.port != c->snd.port;
	case COND_IF_DIFF_IP: return !same_ip(&c->rcv, &c->snd);
	default: return 0;
	}
}

/* Emits an addition chain (->before or ->after links); a false conditional lump ends
 * the chain. Nested chains of the other direction are emitted around each element. */
static void emit_chain(struct build_ctx *c, struct lump *l, int before);

static void emit_add(struct build_ctx *c, struct lump *l)
{
	switch (l->op) {
	case LUMP_ADD:
		put(c->w, l->u.value, l->len);
		break;
	case LUMP_ADD_SUBST:
		put_subst(c, l->u.subst);
		break;
	default:
		break;
	}
}

static void emit_chain(struct build_ctx *c, struct lump *l, int before)
{
	for (; l; l = before ? l->before : l->after) {
		if (l->op == LUMP_ADD_OPT && !cond_true(c, l))
			return;
		emit_add(c, l);
	}
}

/* Original bytes [from, to) with the lumps of list applied. Lumps outside the range,
 * or overlapping what a previous deletion removed, are applied where possible. */
static void emit_region(struct build_ctx *c, struct lump *list, unsigned int from,
		unsigned int to)
{
	unsigned int pos = from;
	struct lump *l;

	for (l = list; l; l = l->next) {
		if (l->op == LUMP_ADD || l->op == LUMP_ADD_SUBST || l->op == LUMP_ADD_OPT) {
			if (l->op == LUMP_ADD_OPT && !cond_true(c, l))
				continue;
			emit_chain(c, l->before, 1);
			emit_add(c, l);
			emit_chain(c, l->after, 0);
			continue;
		}
		if (l->op != LUMP_NOP && l->op != LUMP_DEL)
			continue;
		if (l->u.offset < from || l->u.offset > to)
			continue;
		/* never back inside what a rewrite replaced: a lump anchored there is applied
		 * right after the rewrite's text */
		if (l->u.offset > pos)
			pos = copy_orig(c, pos, l->u.offset);
		emit_chain(c, l->before, 1);
		if (l->op == LUMP_DEL) {
			unsigned int e = l->u.offset + l->len;
			if (e > to)
				e = to;
			if (e > pos) {
				/* rewrites inside deleted bytes are dropped with them */
				for (int i = 0; i < c->nrw; i++)
					if (c->rw[i].off >= pos && c->rw[i].off < e)
						c->rw[i].done = 1;
				pos = e;
			}
		}
		emit_chain(c, l->after, 0);
	}
	if (pos < to)
		copy_orig(c, pos, to);
}

/* Length of the body once body_lumps are applied (a dry run). */
static size_t new_body_len(struct build_ctx *c, unsigned int body_off)
{
	struct writer dry = { NULL, 0, 0 };
	struct writer *saved = c->w;
	c->w = &dry;
	emit_region(c, c->msg->body_lumps, body_off, c->msg->len);
	c->w = saved;
	return dry.n;
}

static void sock_from_si(struct sock_desc *d, struct socket_info *si)
{
	d->proto = si->proto;
	d->af = (int)si->address.af;
	d->port = si->port_no;
	d->addr = si->address_str.s;
	d->addr_len = si->address_str.len;
	d->ip = si->address.u.addr;
}

static int init_ctx(struct build_ctx *c, struct sip_msg *msg, struct writer *w,
		struct rewrite *rw)
{
	struct sb_slot *slot = sb_slot_of(msg);
	memset(c, 0, sizeof(*c));
	/* a message no C function touched yet has no view: build it now */
	if (msg != NULL)
		sb_msg_ensure(msg);
	if (msg == NULL || !(msg->sb_state & SB_MSG_BUILT) || (msg->sb_state & SB_MSG_PARTIAL) ||
			msg->rcv.bind_address == NULL)
		return -1;
	c->msg = msg;
	c->w = w;
	c->rw = rw;
	sock_from_si(&c->rcv, msg->rcv.bind_address);
	if (slot && slot->snd.proto != PROTO_NONE) {
		c->snd.proto = slot->snd.proto;
		c->snd.af = slot->snd.af == 6 ? AF_INET6 : AF_INET;
		c->snd.port = (unsigned short)slot->snd.port;
		c->snd.addr = slot->snd.addr;
		/* Java's figure: only what addr can hold */
		c->snd.addr_len = slot->snd.addr_len < 0 ? 0 :
			slot->snd.addr_len > (int)sizeof(slot->snd.addr) ? (int)sizeof(slot->snd.addr) :
			slot->snd.addr_len;
		c->snd.ip = slot->snd.ip;
	} else {
		c->snd = c->rcv;
	}
	return 0;
}

static int finish(struct writer *w)
{
	if (w->n > 0x7fffffffUL)
		return SB_BUILD_EINVAL;
	if (w->n > w->cap)
		return -(int)(w->n < SB_BUILD_NEED_MIN ? SB_BUILD_NEED_MIN : w->n);
	return (int)w->n;
}

static unsigned int body_offset(struct sip_msg *msg)
{
	const char *p = msg->eoh, *end = msg->buf + msg->len;
	if (p < end && *p == '\r') p++;
	if (p < end && *p == '\n') p++;
	return (unsigned int)(p - msg->buf);
}

/* Headers with lumps and rewrites, Content-Length fixed/added, the empty line and the
 * body with its lumps. Shared by the request, relayed-reply and applied builders. */
static void emit_message(struct build_ctx *c, struct rewrite *rw, int *nrw, int stream)
{
	struct sip_msg *msg = c->msg;
	unsigned int eoh = (unsigned int)(msg->eoh - msg->buf);
	unsigned int body_off = body_offset(msg);
	size_t orig_body = msg->len - body_off;
	size_t nb = new_body_len(c, body_off);
	char clbuf[24];
	int add_cl = 0;

	if (msg->content_length) {
		if (nb != orig_body || (size_t)get_content_length(msg) != nb) {
			struct rewrite *r = &rw[(*nrw)++];
			r->off = (unsigned int)(msg->content_length->body.s - msg->buf);
			r->len = (unsigned int)msg->content_length->body.len;
			r->text_len = snprintf(clbuf, sizeof(clbuf), "%zu", nb);
			r->text = clbuf;
		}
	} else if (stream || msg->body_lumps) {
		add_cl = 1;
	}
	c->nrw = *nrw;
	emit_region(c, msg->add_rm, 0, eoh);
	if (add_cl) {
		put(c->w, "Content-Length: ", 16);
		put_uint(c->w, nb);
		put(c->w, CRLF, CRLF_LEN);
	}
	copy_orig(c, eoh, body_off);
	emit_region(c, msg->body_lumps, body_off, msg->len);
}

static int is_stream(int proto)
{
	return proto == PROTO_TCP || proto == PROTO_TLS || proto == PROTO_SCTP ||
		proto == PROTO_WS;
}

SB_JAVA_API int sb_build_request(struct sip_msg *msg, const char *via, int via_len,
		char *out, int cap)
{
	struct writer w = { out, cap > 0 ? (size_t)cap : 0, 0 };
	struct rewrite rw[4];
	struct build_ctx c;
	int nrw = 0;

	memset(rw, 0, sizeof(rw));
	if (init_ctx(&c, msg, &w, rw) < 0 || msg->first_line.type != SIP_REQUEST ||
			via_len < 0 || (via_len > 0 && via == NULL))
		return SB_BUILD_EINVAL;
	if (msg->new_uri.s && msg->new_uri.len) {
		rw[nrw].off = (unsigned int)(msg->first_line.u.request.uri.s - msg->buf);
		rw[nrw].len = (unsigned int)msg->first_line.u.request.uri.len;
		rw[nrw].text = msg->new_uri.s;
		rw[nrw].text_len = msg->new_uri.len;
		nrw++;
	}
	if (via_len > 0) {
		rw[nrw].off = msg->h_via1 ? (unsigned int)(msg->h_via1->name.s - msg->buf) :
			(unsigned int)msg->first_line.len;
		rw[nrw].len = 0;
		rw[nrw].text = via;
		rw[nrw].text_len = via_len;
		nrw++;
	}
	emit_message(&c, rw, &nrw, is_stream(c.snd.proto));
	return finish(&w);
}

SB_JAVA_API int sb_build_relayed_reply(struct sip_msg *msg, char *out, int cap)
{
	struct writer w = { out, cap > 0 ? (size_t)cap : 0, 0 };
	struct rewrite rw[4];
	struct build_ctx c;
	int nrw = 0;

	memset(rw, 0, sizeof(rw));
	if (init_ctx(&c, msg, &w, rw) < 0 || msg->first_line.type != SIP_REPLY)
		return SB_BUILD_EINVAL;
	if (msg->via1 == NULL || msg->h_via1 == NULL)
		return SB_BUILD_EBADMSG;
	if (msg->via1->next) {
		/* "Via: a, b": only the first body goes */
		rw[nrw].off = (unsigned int)(msg->via1->name.s - msg->buf);
		rw[nrw].len = msg->via1->bsize;
	} else {
		rw[nrw].off = (unsigned int)(msg->h_via1->name.s - msg->buf);
		rw[nrw].len = (unsigned int)msg->h_via1->len;
	}
	rw[nrw].text = "";
	rw[nrw].text_len = 0;
	nrw++;
	emit_message(&c, rw, &nrw, is_stream(c.snd.proto));
	return finish(&w);
}

SB_JAVA_API int sb_build_applied(struct sip_msg *msg, int flags, char *out, int cap)
{
	struct writer w = { out, cap > 0 ? (size_t)cap : 0, 0 };
	struct rewrite rw[4];
	struct build_ctx c;
	int nrw = 0;

	memset(rw, 0, sizeof(rw));
	if (init_ctx(&c, msg, &w, rw) < 0)
		return SB_BUILD_EINVAL;
	if ((flags & SB_APPLY_RURI) && msg->first_line.type == SIP_REQUEST &&
			msg->new_uri.s && msg->new_uri.len) {
		rw[nrw].off = (unsigned int)(msg->first_line.u.request.uri.s - msg->buf);
		rw[nrw].len = (unsigned int)msg->first_line.u.request.uri.len;
		rw[nrw].text = msg->new_uri.s;
		rw[nrw].text_len = msg->new_uri.len;
		nrw++;
	}
	emit_message(&c, rw, &nrw, is_stream(msg->rcv.proto));
	return finish(&w);
}

/* Where a Via parameter lies with the ';' that introduces it: [*from, *to). */
static void via_param_range(struct sip_msg *msg, struct via_param *vp, unsigned int *from,
		unsigned int *to)
{
	const char *p = vp->start;
	while (p > msg->buf && p[-1] != ';')
		p--;
	*from = (unsigned int)(p - 1 - msg->buf);
	*to = (unsigned int)(vp->start + vp->size - msg->buf);
}

/* The first Via of a local reply (RFC 3261 18.2.1, RFC 3581 4, as OpenSIPS builds it):
 * rport=<source port> whenever the Via has rport (with a value or not) or FL_FORCE_RPORT
 * is set; received=<source address> when the Via host is not the source address, and
 * always with rport. An rport or received the Via already has is replaced: removed, and
 * the new one added after the parameters of the first body. */
static void emit_first_via(struct build_ctx *c, struct hdr_field *h)
{
	struct sip_msg *msg = c->msg;
	struct via_body *vb = msg->via1;
	char src[IP_ADDR_MAX_STR_SIZE];
	int srclen = sb_ip_text(msg->rcv.src_ip.af == AF_INET6 ? 6 : 4,
			msg->rcv.src_ip.u.addr, src, sizeof(src));
	str host = vb->host;
	unsigned int start = (unsigned int)(h->name.s - msg->buf);
	unsigned int end = start + (unsigned int)h->len;
	unsigned int ins, pos, cut[2][2];
	int need_rcv, need_rport, ncut = 0, i;

	if (host.len >= 2 && host.s[0] == '[') {
		host.s++;
		host.len -= 2;
	}
	need_rport = vb->rport != NULL || (msg->msg_flags & FL_FORCE_RPORT);
	need_rcv = srclen > 0 && (need_rport ||
		host.len != srclen || strncasecmp(host.s, src, (size_t)srclen));
	/* the end of the first body's parameters (or of host:port) */
	if (vb->params.s && vb->params.len)
		ins = (unsigned int)(vb->params.s + vb->params.len - msg->buf);
	else if (vb->port_str.s && vb->port_str.len)
		ins = (unsigned int)(vb->port_str.s + vb->port_str.len - msg->buf);
	else
		ins = (unsigned int)(vb->host.s + vb->host.len - msg->buf);

	/* the parameters replaced, in the order they appear */
	if (need_rcv && vb->received) {
		via_param_range(msg, vb->received, &cut[ncut][0], &cut[ncut][1]);
		ncut++;
	}
	if (need_rport && vb->rport) {
		via_param_range(msg, vb->rport, &cut[ncut][0], &cut[ncut][1]);
		ncut++;
	}
	if (ncut == 2 && cut[1][0] < cut[0][0]) {
		unsigned int t0 = cut[0][0], t1 = cut[0][1];
		cut[0][0] = cut[1][0];
		cut[0][1] = cut[1][1];
		cut[1][0] = t0;
		cut[1][1] = t1;
	}
	pos = start;
	for (i = 0; i < ncut; i++) {
		if (cut[i][0] < pos || cut[i][1] > ins)
			continue;   /* cannot happen with a parsed Via; keep the bytes then */
		put(c->w, msg->buf + pos, cut[i][0] - pos);
		pos = cut[i][1];
	}
	put(c->w, msg->buf + pos, ins - pos);
	if (need_rcv) {
		put(c->w, ";received=", 10);
		put(c->w, src, (size_t)srclen);
	}
	if (need_rport) {
		put(c->w, ";rport=", 7);
		put_uint(c->w, msg->rcv.src_port);
	}
	put(c->w, msg->buf + ins, end - ins);
}

/* sb_build_local_reply, and where the To-tag of the reply lies in out (*tag_off -1 when
 * the To has none): the tag added, or the one the request's To had. */
static int build_local_reply(struct sip_msg *msg, int code, const char *reason,
		int reason_len, const char *to_tag, int to_tag_len, char *out, int cap,
		long *tag_off, int *tag_len, const char *extra, int extra_len)
{
	struct writer w = { out, cap > 0 ? (size_t)cap : 0, 0 };
	struct build_ctx c;
	struct hdr_field *h;
	struct lump_rpl *l;
	struct lump_rpl *body = NULL;
	int first_via = 1;

	*tag_off = -1;
	*tag_len = 0;
	if (init_ctx(&c, msg, &w, NULL) < 0 || msg->first_line.type != SIP_REQUEST ||
			code < 100 || code > 699 || reason_len < 0 || (reason_len && !reason) ||
			to_tag_len < 0 || (to_tag_len && !to_tag))
		return SB_BUILD_EINVAL;
	put(&w, "SIP/2.0 ", 8);
	put_uint(&w, (unsigned long)code);
	put(&w, " ", 1);
	put(&w, reason, (size_t)reason_len);
	put(&w, CRLF, CRLF_LEN);

	for (h = msg->headers; h; h = h->next) {
		switch (h->type) {
		case HDR_VIA_T:
			if (first_via && msg->via1) {
				emit_first_via(&c, h);
				first_via = 0;
				break;
			}
			put(&w, h->name.s, (size_t)h->len);
			break;
		case HDR_RECORDROUTE_T:
			if (code >= 180 && code < 300)
				put(&w, h->name.s, (size_t)h->len);
			break;
		case HDR_TO_T:
			if (h == msg->to && to_tag_len > 0 && code > 100 && h->parsed &&
					((struct to_body *)h->parsed)->tag_value.len == 0) {
				char *be = h->body.s + h->body.len;
				put(&w, h->name.s, (size_t)(be - h->name.s));
				put(&w, ";tag=", 5);
				*tag_off = (long)w.n;
				*tag_len = to_tag_len;
				put(&w, to_tag, (size_t)to_tag_len);
				put(&w, be, (size_t)(h->name.s + h->len - be));
			} else {
				struct to_body *tb = h->parsed;
				if (h == msg->to && tb && tb->tag_value.s && tb->tag_value.len > 0) {
					*tag_off = (long)w.n + (tb->tag_value.s - h->name.s);
					*tag_len = tb->tag_value.len;
				}
				put(&w, h->name.s, (size_t)h->len);
			}
			break;
		case HDR_FROM_T: case HDR_CALLID_T: case HDR_CSEQ_T:
			put(&w, h->name.s, (size_t)h->len);
			break;
		default:
			break;
		}
	}
	for (l = msg->reply_lump; l; l = l->next) {
		if (l->flags & LUMP_RPL_HDR)
			put(&w, l->text.s, (size_t)l->text.len);
		else if ((l->flags & LUMP_RPL_BODY) && body == NULL)
			body = l;
	}
	if (extra && extra_len > 0)
		put(&w, extra, (size_t)extra_len);
	/* 1.11's order: the reply lumps, Server, Content-Length */
	if (server_signature && server_header.s && server_header.len > 0) {
		put(&w, server_header.s, (size_t)server_header.len);
		put(&w, CRLF, CRLF_LEN);
	}
	put(&w, "Content-Length: ", 16);
	put_uint(&w, body ? (unsigned long)body->text.len : 0);
	put(&w, CRLF CRLF, 2 * CRLF_LEN);
	if (body)
		put(&w, body->text.s, (size_t)body->text.len);
	return finish(&w);
}

SB_JAVA_API int sb_build_local_reply(struct sip_msg *msg, int code,
		const char *reason, int reason_len, const char *to_tag, int to_tag_len,
		char *out, int cap)
{
	long tag_off;
	int tag_len, dset_len = 0;
	char *dset = NULL;
	/* sl_send_reply and t_reply of 1.11 list the destination set in a redirection
	 * (print_dset as a reply header); a module building its own reply through
	 * build_res_buf_from_sip_req adds it itself, as in 1.11 */
	if (code >= 300 && code < 400 && msg && msg->first_line.type == SIP_REQUEST)
		dset = print_dset(msg, &dset_len);
	return build_local_reply(msg, code, reason, reason_len, to_tag, to_tag_len, out, cap,
			&tag_off, &tag_len, dset, dset ? dset_len : 0);
}

/* ---- module-facing builders (msg_translator.h): pkg buffers ---- */

/* Runs build twice at most: once to size, once into a pkg buffer of that size. */
static char *build_pkg(struct sip_msg *msg, unsigned int *returned_len,
		int (*build)(struct sip_msg *, void *, char *, int), void *arg)
{
	int n = build(msg, arg, NULL, 0);
	char *buf;
	if (n > -SB_BUILD_NEED_MIN && n < 0)
		return NULL;
	if (n < 0)
		n = -n;
	buf = pkg_malloc((size_t)n + 1);
	if (buf == NULL)
		return NULL;
	n = build(msg, arg, buf, n);
	if (n < 0) {
		pkg_free(buf);
		return NULL;
	}
	buf[n] = 0;
	if (returned_len)
		*returned_len = (unsigned int)n;
	return buf;
}

struct req_arg {
	str via;
};

static int build_req_cb(struct sip_msg *msg, void *a, char *out, int cap)
{
	struct req_arg *r = a;
	return sb_build_request(msg, r->via.s, r->via.len, out, cap);
}

static void snd_from_si(struct sb_slot *slot, struct socket_info *si, int proto)
{
	int n = si->address_str.len < (int)sizeof(slot->snd.addr) ? si->address_str.len : 0;
	memset(&slot->snd, 0, sizeof(slot->snd));
	slot->snd.proto = proto ? proto : si->proto;
	slot->snd.af = si->address.af == AF_INET6 ? 6 : 4;
	slot->snd.port = si->port_no;
	memcpy(slot->snd.addr, si->address_str.s, (size_t)n);
	slot->snd.addr_len = n;
	memcpy(slot->snd.ip, si->address.u.addr, 16);
}

char *via_builder(unsigned int *len, struct socket_info *send_sock, str *branch,
		str *extra_params, int proto, struct hostport *hp)
{
	const char *pt;
	int plen;
	char tmp[8];
	struct writer w = { NULL, 0, 0 };
	char *buf;
	str host, port;

	if (send_sock == NULL)
		return NULL;
	/* an empty advertised host or port (set_hostport's defaults when nothing is
	 * configured) means the socket's, as in 1.11 */
	host = (hp && hp->host && hp->host->len > 0) ? *hp->host : send_sock->address_str;
	port = (hp && hp->port && hp->port->len > 0) ? *hp->port : send_sock->port_no_str;
	plen = sb_proto_text(proto ? proto : send_sock->proto, &pt);
	for (int pass = 0; pass < 2; pass++) {
		put(&w, "Via: SIP/2.0/", 13);
		for (int i = 0; i < plen && i < (int)sizeof(tmp); i++)
			tmp[i] = (char)(pt[i] & ~0x20);
		put(&w, tmp, (size_t)plen);
		put(&w, " ", 1);
		/* an IPv6 address gets its brackets (a name given by set_global_address
		 * does not) */
		if (host.len && host.s[0] != '[' && memchr(host.s, ':', (size_t)host.len)) {
			put(&w, "[", 1);
			put(&w, host.s, (size_t)host.len);
			put(&w, "]", 1);
		} else {
			put(&w, host.s, (size_t)host.len);
		}
		put(&w, ":", 1);
		put(&w, port.s, (size_t)port.len);
		if (branch && branch->len) {
			put(&w, ";branch=", 8);
			put(&w, branch->s, (size_t)branch->len);
		}
		if (extra_params && extra_params->len)
			put(&w, extra_params->s, (size_t)extra_params->len);
		put(&w, CRLF, CRLF_LEN);
		if (pass == 1)
			break;
		buf = pkg_malloc(w.n + 1);
		if (buf == NULL)
			return NULL;
		w.p = buf;
		w.cap = w.n;
		w.n = 0;
	}
	buf[w.n] = 0;
	if (len)
		*len = (unsigned int)w.n;
	return buf;
}

char *build_req_buf_from_sip_req(struct sip_msg *msg, unsigned int *returned_len,
		struct socket_info *send_sock, int proto, unsigned int flags)
{
	struct sb_slot *slot = sb_slot_of(msg);
	struct sb_send_info saved;
	struct req_arg a = { { NULL, 0 } };
	unsigned int vlen = 0, n = 0;
	char *ret;

	if (slot == NULL || send_sock == NULL)
		return NULL;
	if (!(flags & MSG_TRANS_NOVIA_FLAG)) {
		/* as OpenSIPS: the branch a module (tm) put in add_to_branch_s, the host and
		 * port of set_advertised_address/port when set */
		str branch = { msg->add_to_branch_s, msg->add_to_branch_len };
		struct hostport hp = { NULL, NULL };
		if (branch.len < 0 || branch.len > MAX_BRANCH_PARAM_LEN)
			branch.len = 0;
		if (msg->set_global_address.s && msg->set_global_address.len > 0)
			hp.host = &msg->set_global_address;
		if (msg->set_global_port.s && msg->set_global_port.len > 0)
			hp.port = &msg->set_global_port;
		a.via.s = via_builder(&vlen, send_sock, branch.len ? &branch : NULL, NULL, proto, &hp);
		if (a.via.s == NULL)
			return NULL;
		a.via.len = (int)vlen;
	}
	saved = slot->snd;
	snd_from_si(slot, send_sock, proto);
	ret = build_pkg(msg, &n, build_req_cb, &a);
	slot->snd = saved;
	if (a.via.s)
		pkg_free(a.via.s);
	if (returned_len)
		*returned_len = n;
	if (ret != NULL && (flags & MSG_TRANS_SHM_FLAG)) {
		/* the caller keeps the buffer past the message (tm's branches) and frees it
		 * with shm_free */
		char *shm = shm_malloc(n + 1);
		if (shm != NULL)
			memcpy(shm, ret, n + 1);
		else
			LM_ERR("no shm memory for a %u byte request\n", n);
		pkg_free(ret);
		ret = shm;
	}
	return ret;
}

static int build_res_cb(struct sip_msg *msg, void *a, char *out, int cap)
{
	(void)a;
	return sb_build_relayed_reply(msg, out, cap);
}

char *build_res_buf_from_sip_res(struct sip_msg *msg, unsigned int *returned_len,
		struct socket_info *sock)
{
	struct sb_slot *slot = sb_slot_of(msg);
	struct sb_send_info saved;
	char *ret;
	if (slot == NULL)
		return NULL;
	saved = slot->snd;
	if (sock)
		snd_from_si(slot, sock, 0);
	ret = build_pkg(msg, returned_len, build_res_cb, NULL);
	slot->snd = saved;
	return ret;
}

struct rpl_arg {
	unsigned int code;
	str *text;
	str *tag;
	long tag_off;   /* out: the To-tag in the reply, -1 for none */
	int tag_len;
};

static int build_rpl_cb(struct sip_msg *msg, void *a, char *out, int cap)
{
	struct rpl_arg *r = a;
	return build_local_reply(msg, (int)r->code, r->text ? r->text->s : NULL,
			r->text ? r->text->len : 0, r->tag ? r->tag->s : NULL,
			r->tag ? r->tag->len : 0, out, cap, &r->tag_off, &r->tag_len, NULL, 0);
}

/* bmark->to_tag_val: the To-tag inside the returned buffer (the one added, or the one
 * the request had), as OpenSIPS sets it; empty when the reply's To has none. */
char *build_res_buf_from_sip_req(unsigned int code, str *text, str *new_tag,
		struct sip_msg *msg, unsigned int *returned_len, struct bookmark *bmark)
{
	struct rpl_arg a = { code, text, new_tag, -1, 0 };
	char *buf;
	if (bmark)
		memset(bmark, 0, sizeof(*bmark));
	buf = build_pkg(msg, returned_len, build_rpl_cb, &a);
	if (buf && bmark && a.tag_off >= 0) {
		bmark->to_tag_val.s = buf + a.tag_off;
		bmark->to_tag_val.len = a.tag_len;
	}
	return buf;
}
