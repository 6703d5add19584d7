/* Builds the struct sip_msg view of the slot's message from the view input, and resets
 * what the previous message left behind. */
#include <string.h>
#include <stdio.h>
#include <stddef.h>
#include "sb_msg_int.h"
#include "../net/sb_net.h"

void sb_msg_callbacks_destroy(struct sip_msg *msg) __attribute__((weak));

/* Frees what the message owns (pkg memory of modules and of the core on its behalf). */
void sb_view_reset(struct sb_slot *slot)
{
	struct sip_msg *msg = &slot->msg;
	struct hdr_field *hf;
	struct sb_slot *prev = sb_cur_slot;

	/* clean_hdr_field and free_* skip arena memory only for the current slot */
	sb_cur_slot = slot;
	/* MSG_DESTROY callbacks (native/net/msg_callbacks.c; absent in the view tests) */
	if (msg->msg_cb && sb_msg_callbacks_destroy)
		sb_msg_callbacks_destroy(msg);
	if (msg->sb_state & SB_MSG_BUILT) {
		for (hf = msg->headers; hf; hf = hf->next)
			clean_hdr_field(hf);
	}
	free_lump_list(msg->add_rm);
	free_lump_list(msg->body_lumps);
	while (msg->reply_lump) {
		struct lump_rpl *l = msg->reply_lump;
		msg->reply_lump = l->next;
		free_lump_rpl(l);
	}
	if (msg->new_uri.s)
		pkg_free(msg->new_uri.s);
	if (msg->dst_uri.s)
		pkg_free(msg->dst_uri.s);
	if (msg->path_vec.s)
		pkg_free(msg->path_vec.s);
	/* bodies modules parsed (parse_sdp, get_all_bodies), as 1.11's free_sip_msg */
	if (msg->sdp)
		free_sdp(&msg->sdp);
	if (msg->multi) {
		free_multi_body(msg->multi);
		msg->multi = NULL;
	}
	sb_cur_slot = prev;

	memset(msg, 0, offsetof(struct sip_msg, sb_slot));
	sb_msg_uri_check(msg);   /* both URIs are now unset: a change if they were set */
	msg->sb_slot = slot;
	msg->sb_state = 0;
	msg->buf = slot->buf;
	sb_arena_reset(&slot->arena);
}

static int in_range(int32_t off, int32_t len, int32_t total)
{
	return off >= 0 && len >= 0 && off <= total && len <= total - off;
}

/* A header's name and body lie inside its line, and the line inside the message: the
 * builders compute lengths as differences of these (a body past its line would give a
 * negative one). */
static int in_line(const int32_t *h, int32_t total)
{
	int32_t name = h[SBVH_NAME_OFF], line = h[SBVH_LINE_LEN];
	int32_t body = h[SBVH_BODY_OFF], blen = h[SBVH_BODY_LEN];
	return in_range(name, line, total) && in_range(body, blen, total) &&
		h[SBVH_NAME_LEN] >= 0 && h[SBVH_NAME_LEN] <= line &&
		body >= name && blen <= line && body - name <= line - blen;
}

static void set_str(str *s, char *buf, int32_t off, int32_t len)
{
	s->s = buf + off;
	s->len = len;
}

/* What snprintf(buf, cap, ...) = r put in buf: r, unless it was cut short. */
static int written(int r, size_t cap)
{
	if (r < 0)
		return 0;
	return (size_t)r < cap ? r : (int)cap - 1;
}

/* The slot's own socket for msg->rcv.bind_address, refreshed when the local address,
 * port or protocol changes. */
static void refresh_rcv_sock(struct sb_slot *slot, const struct receive_info *rcv)
{
	struct socket_info *si = &slot->rcv_sock;
	const char *ptxt;
	int n, plen;

	if (si->address_str.s && si->proto == rcv->proto && si->port_no == rcv->dst_port &&
			ip_addr_cmp(&si->address, &rcv->dst_ip))
		return;
	memset(si, 0, sizeof(*si));
	si->socket = -1;
	si->address = rcv->dst_ip;
	si->port_no = rcv->dst_port;
	si->proto = rcv->proto;
	si->flags = SI_IS_IP;
	init_su(&si->su, &si->address, si->port_no);
	n = sb_ip_text((int)rcv->dst_ip.af == AF_INET6 ? 6 : 4, rcv->dst_ip.u.addr,
			slot->rcv_addr_txt, sizeof(slot->rcv_addr_txt));
	si->address_str.s = slot->rcv_addr_txt;
	si->address_str.len = n;
	si->name = si->address_str;
	si->port_no_str.s = slot->rcv_port_txt;
	si->port_no_str.len = written(snprintf(slot->rcv_port_txt, sizeof(slot->rcv_port_txt),
			"%u", (unsigned)rcv->dst_port), sizeof(slot->rcv_port_txt));
	plen = sb_proto_text(rcv->proto, &ptxt);
	si->sock_str.s = slot->rcv_sock_txt;
	si->sock_str.len = written(snprintf(slot->rcv_sock_txt, sizeof(slot->rcv_sock_txt),
			rcv->dst_ip.af == AF_INET6 ? "%.*s:[%.*s]:%u" : "%.*s:%.*s:%u",
			plen, ptxt, n, slot->rcv_addr_txt, (unsigned)rcv->dst_port),
			sizeof(slot->rcv_sock_txt));
}

static void fill_rcv(struct sb_slot *slot)
{
	struct receive_info *rcv = &slot->msg.rcv;
	const int32_t *in = slot->input;
	unsigned int af = in[SBV_AF] == 6 ? AF_INET6 : AF_INET;
	unsigned int len = af == AF_INET6 ? 16 : 4;

	rcv->src_ip.af = rcv->dst_ip.af = af;
	rcv->src_ip.len = rcv->dst_ip.len = len;
	memcpy(rcv->src_ip.u.addr, (const char *)(in + SBV_SRC_IP), len);
	memcpy(rcv->dst_ip.u.addr, (const char *)(in + SBV_DST_IP), len);
	rcv->src_port = (unsigned short)in[SBV_SRC_PORT];
	rcv->dst_port = (unsigned short)in[SBV_DST_PORT];
	rcv->proto = in[SBV_PROTO];
	rcv->proto_reserved1 = in[SBV_CONN_ID];
	init_su(&rcv->src_su, &rcv->src_ip, rcv->src_port);
	refresh_rcv_sock(slot, rcv);
	/* the configured listener when the message came in on one (modules compare
	 * bind_address with the socket_info.h lists), else the slot's own description */
	if (slot->bind_override)
		rcv->bind_address = slot->bind_override;
	else if ((rcv->bind_address = sb_net_find_listener(&rcv->dst_ip, rcv->dst_port, rcv->proto)) == NULL)
		rcv->bind_address = &slot->rcv_sock;
}

/* Appends hf to a shortcut: the first of its type, others on the sibling chain. */
static void link_sibling(struct hdr_field **hook, struct hdr_field ***tail_of_type,
		struct hdr_field *hf)
{
	if (*hook == NULL) {
		*hook = hf;
	} else {
		**tail_of_type = hf;
	}
	*tail_of_type = &hf->sibling;
}

/* The msg field holding the first header of each type (NULL: none, as Retry-After). */
static struct hdr_field **shortcut_of(struct sip_msg *m, int type)
{
	switch (type) {
	case HDR_VIA_T: return &m->h_via1;
	case HDR_TO_T: return &m->to;
	case HDR_FROM_T: return &m->from;
	case HDR_CSEQ_T: return &m->cseq;
	case HDR_CALLID_T: return &m->callid;
	case HDR_CONTACT_T: return &m->contact;
	case HDR_MAXFORWARDS_T: return &m->maxforwards;
	case HDR_ROUTE_T: return &m->route;
	case HDR_RECORDROUTE_T: return &m->record_route;
	case HDR_PATH_T: return &m->path;
	case HDR_CONTENTTYPE_T: return &m->content_type;
	case HDR_CONTENTLENGTH_T: return &m->content_length;
	case HDR_AUTHORIZATION_T: return &m->authorization;
	case HDR_EXPIRES_T: return &m->expires;
	case HDR_PROXYAUTH_T: return &m->proxy_auth;
	case HDR_SUPPORTED_T: return &m->supported;
	case HDR_PROXYREQUIRE_T: return &m->proxy_require;
	case HDR_UNSUPPORTED_T: return &m->unsupported;
	case HDR_ALLOW_T: return &m->allow;
	case HDR_EVENT_T: return &m->event;
	case HDR_ACCEPT_T: return &m->accept;
	case HDR_ACCEPTLANGUAGE_T: return &m->accept_language;
	case HDR_ORGANIZATION_T: return &m->organization;
	case HDR_PRIORITY_T: return &m->priority;
	case HDR_SUBJECT_T: return &m->subject;
	case HDR_USERAGENT_T: return &m->user_agent;
	case HDR_CONTENTDISPOSITION_T: return &m->content_disposition;
	case HDR_ACCEPTDISPOSITION_T: return &m->accept_disposition;
	case HDR_DIVERSION_T: return &m->diversion;
	case HDR_RPID_T: return &m->rpid;
	case HDR_REFER_TO_T: return &m->refer_to;
	case HDR_SESSION_EXPIRES_T: return &m->session_expires;
	case HDR_MIN_SE_T: return &m->min_se;
	case HDR_PPI_T: return &m->ppi;
	case HDR_PAI_T: return &m->pai;
	case HDR_PRIVACY_T: return &m->privacy;
	case HDR_CALL_INFO_T: return &m->call_info;
	case HDR_WWW_AUTHENTICATE_T: return &m->www_authenticate;
	case HDR_PROXY_AUTHENTICATE_T: return &m->proxy_authenticate;
	case HDR_MIN_EXPIRES_T: return &m->min_expires;
	default: return NULL;
	}
}

/* Types OpenSIPS 1.11 links on sibling chains; the others keep only the first. */
static int has_siblings(int type)
{
	switch (type) {
	case HDR_VIA_T: case HDR_CONTACT_T: case HDR_ROUTE_T: case HDR_RECORDROUTE_T:
	case HDR_PATH_T: case HDR_AUTHORIZATION_T: case HDR_PROXYAUTH_T:
	case HDR_PROXYREQUIRE_T: case HDR_SUPPORTED_T: case HDR_UNSUPPORTED_T:
	case HDR_ALLOW_T: case HDR_EVENT_T: case HDR_ACCEPT_T: case HDR_ACCEPTLANGUAGE_T:
	case HDR_ACCEPTDISPOSITION_T: case HDR_DIVERSION_T: case HDR_CALL_INFO_T:
	case HDR_WWW_AUTHENTICATE_T: case HDR_PROXY_AUTHENTICATE_T:
		return 1;
	default:
		return 0;
	}
}

/* What OpenSIPS 1.11 get_hdr_field parses while reading headers: every Via, To and
 * CSeq, and the Content-Length value. -1 when the body is malformed. */
static int parse_eagerly(struct sb_slot *slot, struct hdr_field *hf)
{
	char *end = hf->body.s + hf->body.len;
	int clen;

	switch (hf->type) {
	case HDR_VIA_T: {
		struct via_body *vb = sb_arena_alloc(&slot->arena, sizeof(*vb));
		if (vb == NULL)
			return -1;
		sb_parse_via(hf->body.s, end, vb, &slot->arena_mem);
		if (vb->error != PARSE_OK)
			return -1;
		vb->hdr = hf->name;
		hf->parsed = vb;
		return 0;
	}
	case HDR_TO_T: {
		struct to_body *tb = sb_arena_alloc(&slot->arena, sizeof(*tb));
		if (tb == NULL)
			return -1;
		sb_parse_to(hf->body.s, end, tb, &slot->arena_mem);
		if (tb->error != PARSE_OK)
			return -1;
		hf->parsed = tb;
		return 0;
	}
	case HDR_CSEQ_T: {
		struct cseq_body *cb = sb_arena_alloc(&slot->arena, sizeof(*cb));
		if (cb == NULL)
			return -1;
		sb_parse_cseq(hf->body.s, end, cb);
		if (cb->error != PARSE_OK)
			return -1;
		hf->parsed = cb;
		return 0;
	}
	case HDR_CONTENTLENGTH_T:
		if (parse_content_length(hf->body.s, end, &clen) == NULL)
			return -1;
		hf->parsed = (void *)(long)clen;
		return 0;
	default:
		return 0;
	}
}

/* -1 when the input is inconsistent (offsets outside the message...). */
static int build_view(struct sb_slot *slot)
{
	struct sip_msg *msg = &slot->msg;
	const int32_t *in = slot->input;
	int32_t len = in[SBV_MSG_LEN];
	int32_t nh = in[SBV_HDR_COUNT];
	struct hdr_field **tails[HDR_EOH_T];
	struct hdr_field *hf, *prev = NULL;
	char *buf = slot->buf;
	int i, broken = 0;

	/* rcv first: modules see a bind_address (documented never NULL) even when the
	 * rest of the input is refused */
	fill_rcv(slot);
	if (len < 0 || len > slot->buf_cap || nh < 0 || nh > slot->max_headers)
		return -1;
	buf[len] = 0;
	msg->buf = buf;
	msg->len = (unsigned int)len;
	msg->id = (unsigned int)in[SBV_MSG_ID];
	msg->parsed_flag = HDR_EOH_F;
	if (in[SBV_STATUS] & SBV_ST_BROKEN)
		broken = 1;

	/* start line */
	if (!in_range(in[SBV_T1_OFF], in[SBV_T1_LEN], len) ||
			!in_range(in[SBV_T2_OFF], in[SBV_T2_LEN], len) ||
			!in_range(in[SBV_T3_OFF], in[SBV_T3_LEN], len) ||
			!in_range(0, in[SBV_FL_LEN], len))
		return -1;
	msg->first_line.type = in[SBV_TYPE];
	msg->first_line.len = in[SBV_FL_LEN];
	if (in[SBV_TYPE] == SIP_REQUEST) {
		set_str(&msg->first_line.u.request.method, buf, in[SBV_T1_OFF], in[SBV_T1_LEN]);
		set_str(&msg->first_line.u.request.uri, buf, in[SBV_T2_OFF], in[SBV_T2_LEN]);
		set_str(&msg->first_line.u.request.version, buf, in[SBV_T3_OFF], in[SBV_T3_LEN]);
		msg->first_line.u.request.method_value = in[SBV_CODE];
	} else if (in[SBV_TYPE] == SIP_REPLY) {
		set_str(&msg->first_line.u.reply.version, buf, in[SBV_T1_OFF], in[SBV_T1_LEN]);
		set_str(&msg->first_line.u.reply.status, buf, in[SBV_T2_OFF], in[SBV_T2_LEN]);
		set_str(&msg->first_line.u.reply.reason, buf, in[SBV_T3_OFF], in[SBV_T3_LEN]);
		msg->first_line.u.reply.statuscode = (unsigned int)in[SBV_CODE];
	} else {
		return -1;
	}

	/* headers */
	memset(tails, 0, sizeof(tails));
	for (i = 0; i < nh; i++) {
		const int32_t *h = in + SBV_HDRS + i * SBV_HDR_WORDS;
		struct hdr_field **hook;
		int type = h[SBVH_TYPE];

		if (type < HDR_OTHER_T || type >= HDR_EOH_T || type == HDR_VIA2_T ||
				!in_line(h, len))
			return -1;
		hf = sb_arena_alloc(&slot->arena, sizeof(*hf));
		if (hf == NULL)
			return -1;
		hf->type = (hdr_types_t)type;
		set_str(&hf->name, buf, h[SBVH_NAME_OFF], h[SBVH_NAME_LEN]);
		set_str(&hf->body, buf, h[SBVH_BODY_OFF], h[SBVH_BODY_LEN]);
		hf->len = h[SBVH_LINE_LEN];
		if (prev)
			prev->next = hf;
		else
			msg->headers = hf;
		prev = hf;

		if (parse_eagerly(slot, hf) < 0) {
			LM_ERR("bad %.*s header in message %u\n", hf->name.len, hf->name.s, msg->id);
			hf->parsed = NULL;
			broken = 1;
		}
		hook = shortcut_of(msg, type);
		if (hook == NULL)
			continue;
		if (has_siblings(type))
			link_sibling(hook, &tails[type], hf);
		else if (*hook == NULL)
			*hook = hf;
		/* as OpenSIPS: via1 is the first Via header's body (NULL when it did not
		 * parse), via2 its second body or the second Via header's */
		if (type == HDR_VIA_T) {
			struct via_body *vb = hf->parsed;
			if (hf == msg->h_via1) {
				msg->via1 = vb;
				if (vb && vb->next) {
					msg->via2 = vb->next;
					msg->h_via2 = hf;
				}
			} else if (msg->h_via2 == NULL) {
				msg->via2 = vb;
				msg->h_via2 = hf;
			}
		}
	}
	msg->last_header = prev;

	if (!in_range(in[SBV_EOH_OFF], 0, len) || !in_range(in[SBV_BODY_OFF], 0, len))
		return -1;
	msg->eoh = buf + in[SBV_EOH_OFF];
	msg->unparsed = msg->eoh;

	msg->sb_state = SB_MSG_BUILT | (broken ? SB_MSG_BROKEN : 0);
	return 0;
}

SB_JAVA_API int sb_msg_ensure(struct sip_msg *msg)
{
	struct sb_slot *slot = sb_slot_of(msg);

	if (slot == NULL)
		return -1;
	sb_cur_slot = slot;
	if (slot->input[SBV_DIRTY]) {
		sb_view_reset(slot);
		slot->input[SBV_DIRTY] = 0;
		if (build_view(slot) < 0) {
			LM_ERR("inconsistent view input for message %d\n", slot->input[SBV_MSG_ID]);
			/* keep the headers built so far reachable for the reset */
			msg->sb_state = SB_MSG_BUILT | SB_MSG_BROKEN | SB_MSG_PARTIAL;
			return -1;
		}
	}
	return (msg->sb_state & SB_MSG_BROKEN) || !(msg->sb_state & SB_MSG_BUILT) ? -1 : 0;
}

/* For parse_msg (parse_msg.c): the same shortcut and sibling rules as the view. */
struct hdr_field **sb_hdr_shortcut(struct sip_msg *m, int type)
{
	return shortcut_of(m, type);
}

int sb_hdr_has_siblings(int type)
{
	return has_siblings(type);
}
