/* The builders: exact bytes for each kind of outgoing message. */
#include "tcheck.h"
#include "core_stubs.h"
#include "test_msgs.h"

static char out[8192];

static char *dup_text(const char *s)
{
	size_t n = strlen(s);
	char *p = pkg_malloc(n + 1);
	memcpy(p, s, n + 1);
	return p;
}

static void set_snd(struct sb_slot *slot, int proto, const char *addr, const uint8_t *ip, int port)
{
	struct sb_send_info *s = sb_slot_send_info(slot);
	memset(s, 0, sizeof(*s));
	s->proto = proto;
	s->af = 4;
	s->port = port;
	s->addr_len = (int)strlen(addr);
	memcpy(s->addr, addr, (size_t)s->addr_len);
	memcpy(s->ip, ip, 4);
}

static void forward_request(void)
{
	struct sb_slot *slot = sb_slot_new(4096, 32);
	struct sip_msg *msg = sb_slot_msg(slot);
	static const uint8_t snd_ip[4] = { 203, 0, 113, 5 };
	const char *via = "Via: SIP/2.0/UDP 203.0.113.5;branch=z9hG4bKout\r\n";
	struct lump *l;
	struct hdr_field *h;
	str body = { NULL, 0 };
	int n;

	fill_view(slot, MSG_INVITE, 1, PROTO_UDP, "192.0.2.1", 5060, "198.51.100.1", 5060);
	CHECK(sb_msg_ensure(msg) == 0);
	set_snd(slot, PROTO_UDP, "203.0.113.5", snd_ip, 5080);

	/* untouched: only the Via is new */
	n = sb_build_request(msg, via, (int)strlen(via), out, sizeof(out));
	CHECK(n == (int)(strlen(MSG_INVITE) + strlen(via)));
	CHECK(memcmp(out + 43, via, strlen(via)) == 0);
	CHECK(sb_build_request(msg, via, (int)strlen(via), out, 10) == -n);
	CHECK(sb_build_relayed_reply(msg, out, sizeof(out)) == SB_BUILD_EINVAL);

	/* R-URI, deleted Max-Forwards, added headers, SUBST, conditions, body change */
	sb_msg_set_new_uri(msg, "sip:bob@10.1.1.1:5070", 21);
	CHECK(del_lump(msg, (unsigned int)(msg->maxforwards->name.s - msg->buf),
			(unsigned int)msg->maxforwards->len, HDR_MAXFORWARDS_T) != NULL);
	l = anchor_lump(msg, (unsigned int)(msg->callid->name.s - msg->buf), 0, 0);
	l = insert_new_lump_before(l, dup_text("X-Before: 1\r\n"), 13, 0);
	l = anchor_lump(msg, (unsigned int)(msg->eoh - msg->buf), 0, 0);
	l = insert_new_lump_after(l, dup_text("X-Rcv: "), 7, 0);
	l = insert_subst_lump_after(l, SUBST_RCV_ALL, 0);
	l = insert_new_lump_after(l, dup_text(" snd="), 5, 0);
	l = insert_subst_lump_after(l, SUBST_SND_ALL, 0);
	l = insert_cond_lump_after(l, COND_IF_DIFF_PORT, 0);
	l = insert_new_lump_after(l, dup_text(" diff-port"), 10, 0);
	l = insert_cond_lump_after(l, COND_IF_DIFF_AF, 0);
	l = insert_new_lump_after(l, dup_text(" never"), 6, 0);
	l = anchor_lump(msg, (unsigned int)(msg->eoh - msg->buf), 0, 0);
	insert_new_lump_before(l, dup_text("\r\n"), 2, 0);
	/* body: "v=0\n" -> "v=0\ns=-\n" */
	get_body(msg, &body);
	l = anchor_lump(msg, (unsigned int)(body.s + body.len - msg->buf), 0, 0);
	CHECK(l && msg->body_lumps == l);
	insert_new_lump_after(l, dup_text("s=-\n"), 4, 0);
	/* a digit edited in place */
	h = msg->cseq;
	h->body.s[0] = '4';

	n = sb_build_request(msg, via, (int)strlen(via), out, sizeof(out));
	CHECK_BUF(out, n,
		"INVITE sip:bob@10.1.1.1:5070 SIP/2.0\r\n"
		"Via: SIP/2.0/UDP 203.0.113.5;branch=z9hG4bKout\r\n"
		"Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds;rport\r\n"
		"To: Bob <sip:bob@biloxi.example.com>\r\n"
		"From: \"Alice A.\" <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
		"X-Before: 1\r\n"
		"Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n"
		"CSeq: 414159 INVITE\r\n"
		"Contact: <sip:alice@pc33.atlanta.example.com>\r\n"
		"Record-Route: <sip:p1.example.com;lr>\r\n"
		"Content-Type: application/sdp\r\n"
		"Content-Length: 8\r\n"
		"X-Rcv: 198.51.100.1 snd=203.0.113.5:5080 diff-port\r\n"
		"\r\n"
		"v=0\ns=-\n");
	/* (d) apply changes: same lumps, no Via, R-URI kept unless asked */
	n = sb_build_applied(msg, 0, out, sizeof(out));
	CHECK(n > 0 && memcmp(out, "INVITE sip:bob@biloxi.example.com SIP/2.0\r\nVia: SIP/2.0/UDP pc33", 64) == 0);
	n = sb_build_applied(msg, SB_APPLY_RURI, out, sizeof(out));
	CHECK(n > 0 && memcmp(out, "INVITE sip:bob@10.1.1.1:5070 SIP/2.0\r\n", 38) == 0);
	/* the message as read by modules is unchanged */
	CHECK(msg->maxforwards != NULL && get_content_length(msg) == 4);

	/* stream without Content-Length: one is added */
	fill_view(slot, "OPTIONS sip:x@y SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\nCall-ID: c\r\n\r\n",
			2, PROTO_TCP, "192.0.2.1", 5060, "198.51.100.1", 5060);
	CHECK(sb_msg_ensure(msg) == 0);
	set_snd(slot, PROTO_TCP, "203.0.113.5", snd_ip, 5060);
	n = sb_build_request(msg, "", 0, out, sizeof(out));
	CHECK_BUF(out, n, "OPTIONS sip:x@y SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\nCall-ID: c\r\n"
		"Content-Length: 0\r\n\r\n");
	sb_slot_free(slot);
}

static void relay_reply(void)
{
	struct sb_slot *slot = sb_slot_new(4096, 32);
	struct sip_msg *msg = sb_slot_msg(slot);
	struct lump *l;
	int n;

	fill_view(slot, MSG_200_TWO_VIAS, 3, PROTO_UDP, "192.0.2.1", 5060, "198.51.100.1", 5060);
	CHECK(sb_msg_ensure(msg) == 0);
	l = anchor_lump(msg, (unsigned int)(msg->eoh - msg->buf), 0, 0);
	insert_new_lump_before(l, dup_text("X-Relay: yes\r\n"), 14, 0);
	n = sb_build_relayed_reply(msg, out, sizeof(out));
	CHECK_BUF(out, n,
		"SIP/2.0 200 OK\r\n"
		"Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds;received=192.0.2.1\r\n"
		"To: Bob <sip:bob@biloxi.example.com>;tag=a6c85cf\r\n"
		"From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
		"Call-ID: a84b4c76e66710\r\n"
		"CSeq: 314159 INVITE\r\n"
		"Content-Length: 0\r\n"
		"X-Relay: yes\r\n"
		"\r\n");
	/* compact "v: a, b": only the first body goes */
	fill_view(slot, "SIP/2.0 180 Ringing\r\nv: SIP/2.0/UDP a;branch=z9hG4bK1, SIP/2.0/UDP b;branch=z9hG4bK2\r\nl: 0\r\n\r\n",
			4, PROTO_UDP, "192.0.2.1", 5060, "198.51.100.1", 5060);
	CHECK(sb_msg_ensure(msg) == 0);
	n = sb_build_relayed_reply(msg, out, sizeof(out));
	CHECK_BUF(out, n, "SIP/2.0 180 Ringing\r\nv: SIP/2.0/UDP b;branch=z9hG4bK2\r\nl: 0\r\n\r\n");
	sb_slot_free(slot);
}

static void local_reply(void)
{
	struct sb_slot *slot = sb_slot_new(4096, 32);
	struct sip_msg *msg = sb_slot_msg(slot);
	long pkg0 = stub_pkg_live;
	unsigned int len;
	char *p;
	str reason = str_init("Not Here"), tag = str_init("t1");
	int n;

	fill_view(slot, MSG_INVITE, 5, PROTO_UDP, "192.0.2.1", 5062, "198.51.100.1", 5060);
	CHECK(sb_msg_ensure(msg) == 0);
	n = sb_build_local_reply(msg, 100, "Trying", 6, "tag9", 4, out, sizeof(out));
	CHECK_BUF(out, n,
		"SIP/2.0 100 Trying\r\n"
		"Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds;received=192.0.2.1;rport=5062\r\n"
		"To: Bob <sip:bob@biloxi.example.com>\r\n"
		"From: \"Alice A.\" <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
		"Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n"
		"CSeq: 314159 INVITE\r\n"
		"Content-Length: 0\r\n\r\n");
	add_lump_rpl(msg, "Allow: INVITE\r\n", 15, LUMP_RPL_HDR);
	add_lump_rpl(msg, "hi", 2, LUMP_RPL_BODY);
	n = sb_build_local_reply(msg, 200, "OK", 2, "tag9", 4, out, sizeof(out));
	CHECK_BUF(out, n,
		"SIP/2.0 200 OK\r\n"
		"Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds;received=192.0.2.1;rport=5062\r\n"
		"To: Bob <sip:bob@biloxi.example.com>;tag=tag9\r\n"
		"From: \"Alice A.\" <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
		"Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n"
		"CSeq: 314159 INVITE\r\n"
		"Record-Route: <sip:p1.example.com;lr>\r\n"
		"Allow: INVITE\r\n"
		"Content-Length: 2\r\n\r\n"
		"hi");
	/* server_signature on: Server after the reply lumps, before Content-Length (1.11's order) */
	server_signature = 1;
	n = sb_build_local_reply(msg, 200, "OK", 2, "tag9", 4, out, sizeof(out));
	server_signature = 0;
	CHECK(n > 0 && memmem(out, (size_t)n, "Allow: INVITE\r\nServer: stub\r\nContent-Length: 2\r\n\r\nhi", 52) != NULL);
	/* RR order: it stays where the request had it (after CSeq? no: before Contact) */
	CHECK(sb_build_local_reply(msg, 99, "x", 1, NULL, 0, out, sizeof(out)) == SB_BUILD_EINVAL);
	/* the module-facing form: a pkg buffer */
	p = build_res_buf_from_sip_req(404, &reason, &tag, msg, &len, NULL);
	CHECK(p != NULL && len > 20 && memcmp(p, "SIP/2.0 404 Not Here\r\n", 22) == 0);
	CHECK(strstr(p, ";tag=t1\r\n") != NULL);
	pkg_free(p);
	{
		/* the bookmark points at the To-tag inside the built reply */
		struct bookmark bm;
		memset(&bm, 'x', sizeof(bm));
		p = build_res_buf_from_sip_req(404, &reason, &tag, msg, &len, &bm);
		CHECK(p != NULL && bm.to_tag_val.s >= p && bm.to_tag_val.s + bm.to_tag_val.len <= p + len);
		CHECK_STR(bm.to_tag_val, "t1");
		CHECK(p != NULL && bm.to_tag_val.s && memcmp(bm.to_tag_val.s - 5, ";tag=t1\r\n", 9) == 0);
		pkg_free(p);
		/* a 100 gets no tag: nothing to point at */
		p = build_res_buf_from_sip_req(100, &reason, &tag, msg, &len, &bm);
		CHECK(p != NULL && bm.to_tag_val.s == NULL && bm.to_tag_val.len == 0);
		pkg_free(p);
	}
	{
		struct socket_info *si = msg->rcv.bind_address;
		p = build_req_buf_from_sip_req(msg, &len, si, PROTO_UDP, 0);
		CHECK(p != NULL && strstr(p, "\r\nVia: SIP/2.0/UDP 198.51.100.1:5060\r\nVia: SIP/2.0/UDP pc33") != NULL);
		pkg_free(p);
		/* a branch set by a module (tm) and an advertised address and port */
		memcpy(msg->add_to_branch_s, "z9hG4bKabc.0", 12);
		msg->add_to_branch_len = 12;
		msg->set_global_address.s = "pub.example.com";
		msg->set_global_address.len = 15;
		msg->set_global_port.s = "5099";
		msg->set_global_port.len = 4;
		p = build_req_buf_from_sip_req(msg, &len, si, PROTO_UDP, 0);
		CHECK(p != NULL && strstr(p, "\r\nVia: SIP/2.0/UDP pub.example.com:5099;branch=z9hG4bKabc.0\r\n"
				"Via: SIP/2.0/UDP pc33") != NULL);
		pkg_free(p);
		msg->set_global_address.len = msg->set_global_port.len = 0;
		msg->set_global_address.s = msg->set_global_port.s = NULL;
	}
	sb_slot_release_message(slot);
	CHECK(stub_pkg_live == pkg0);

	/* a request whose To has a tag: the bookmark points at that one in the reply */
	fill_view(slot, "BYE sip:bob@b SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1:5062;branch=z9hG4bK9\r\n"
			"To: <sip:bob@b>;tag=abc\r\nFrom: <sip:a@a>;tag=1\r\nCall-ID: c\r\n"
			"CSeq: 2 BYE\r\n\r\n", 7, PROTO_UDP, "192.0.2.1", 5062, "198.51.100.1", 5060);
	CHECK(sb_msg_ensure(msg) == 0);
	{
		struct bookmark bm;
		p = build_res_buf_from_sip_req(200, &reason, &tag, msg, &len, &bm);
		CHECK(p != NULL && bm.to_tag_val.s > p);
		CHECK_STR(bm.to_tag_val, "abc");
		pkg_free(p);
	}
	sb_slot_release_message(slot);
	CHECK(stub_pkg_live == pkg0);
	sb_slot_free(slot);
}

/* The send info comes from Java: an address length outside 0..48 is clamped. */
static void bad_send_info(void)
{
	struct sb_slot *slot = sb_slot_new(4096, 32);
	struct sip_msg *msg = sb_slot_msg(slot);
	struct sb_send_info *s = sb_slot_send_info(slot);
	struct lump *l;
	char *hit;
	int n;

	fill_view(slot, MSG_INVITE, 1, PROTO_UDP, "192.0.2.1", 5060, "198.51.100.1", 5060);
	CHECK(sb_msg_ensure(msg) == 0);
	l = anchor_lump(msg, (unsigned int)(msg->eoh - msg->buf), 0, 0);
	l = insert_new_lump_after(l, dup_text("X-Snd: <"), 8, 0);
	l = insert_subst_lump_after(l, SUBST_SND_IP, 0);
	insert_new_lump_after(l, dup_text(">\r\n"), 3, 0);

	memset(s, 0, sizeof(*s));
	s->proto = PROTO_UDP;
	s->af = 4;
	s->port = 5060;
	memset(s->addr, 'a', sizeof(s->addr));
	memset(s->ip, 'i', sizeof(s->ip));
	s->addr_len = 60;   /* more than addr holds: the 12 bytes after it are not text */
	n = sb_build_request(msg, "", 0, out, sizeof(out));
	CHECK(n > 0);
	hit = n > 0 ? memmem(out, (size_t)n, "X-Snd: <", 8) : NULL;
	CHECK(hit != NULL && hit[8 + 48] == '>' && hit[8 + 47] == 'a');
	s->addr_len = -5;
	n = sb_build_request(msg, "", 0, out, sizeof(out));
	CHECK(n > 0 && memmem(out, (size_t)n, "X-Snd: <>\r\n", 11) != NULL);
	sb_slot_free(slot);
}

/* A lump anchored inside the R-URI or the Content-Length value that the build rewrites:
 * the original bytes after the anchor are not copied again. */
static void rewrite_over_lumps(void)
{
	struct sb_slot *slot = sb_slot_new(4096, 32);
	struct sip_msg *msg = sb_slot_msg(slot);
	unsigned int host_off;
	struct lump *l;
	str body = { NULL, 0 };
	int n;

	fill_view(slot, MSG_INVITE, 1, PROTO_UDP, "192.0.2.1", 5060, "198.51.100.1", 5060);
	CHECK(sb_msg_ensure(msg) == 0);
	sb_msg_set_new_uri(msg, "sip:carol@other.net", 19);
	/* "sip:bob@biloxi.example.com": an anchor at "example.com", one text after it */
	host_off = (unsigned int)(msg->first_line.u.request.uri.s - msg->buf) + 15;
	CHECK(memcmp(msg->buf + host_off, "example.com", 11) == 0);
	CHECK(anchor_lump(msg, host_off, 0, 0) != NULL);
	n = sb_build_request(msg, "", 0, out, sizeof(out));
	CHECK(n > 0 && memcmp(out, "INVITE sip:carol@other.net SIP/2.0\r\n", 36) == 0);
	l = anchor_lump(msg, host_off + 4, 0, 0);
	insert_new_lump_after(l, dup_text(";x"), 2, 0);
	n = sb_build_request(msg, "", 0, out, sizeof(out));
	CHECK(n > 0 && memcmp(out, "INVITE sip:carol@other.net;x SIP/2.0\r\n", 38) == 0);
	n = sb_build_applied(msg, SB_APPLY_RURI, out, sizeof(out));
	CHECK(n > 0 && memcmp(out, "INVITE sip:carol@other.net;x SIP/2.0\r\n", 38) == 0);
	/* without the rewrite the anchor's text goes where it was put */
	n = sb_build_applied(msg, 0, out, sizeof(out));
	CHECK(n > 0 && memcmp(out, "INVITE sip:bob@biloxi.exam;xple.com SIP/2.0\r\n", 45) == 0);

	/* Content-Length "10" rewritten to "12" by a body change, an anchor between its
	 * digits */
	fill_view(slot, "MESSAGE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n"
			"Content-Length: 10\r\n\r\n0123456789", 2, PROTO_UDP, "192.0.2.1", 5060,
			"198.51.100.1", 5060);
	CHECK(sb_msg_ensure(msg) == 0);
	CHECK(anchor_lump(msg, (unsigned int)(msg->content_length->body.s - msg->buf) + 1, 0, 0));
	CHECK(get_body(msg, &body) == 0 && body.len == 10);
	l = anchor_lump(msg, (unsigned int)(body.s + body.len - msg->buf), 0, 0);
	insert_new_lump_after(l, dup_text("ab"), 2, 0);
	n = sb_build_request(msg, "", 0, out, sizeof(out));
	CHECK_BUF(out, n, "MESSAGE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n"
			"Content-Length: 12\r\n\r\n0123456789ab");
	sb_slot_free(slot);
}

/* The first Via of a local reply: rport and received replaced, never doubled. */
static void local_reply_via(void)
{
	struct sb_slot *slot = sb_slot_new(4096, 32);
	struct sip_msg *msg = sb_slot_msg(slot);
	static const struct {
		const char *via;
		unsigned int flags;
		const char *want;
	} cases[] = {
		/* rport with a value and force_rport: one rport, the source port */
		{ "SIP/2.0/UDP host.example.com;branch=z9hG4bK1;rport=1234", FL_FORCE_RPORT,
		  "SIP/2.0/UDP host.example.com;branch=z9hG4bK1;received=192.0.2.1;rport=5062" },
		/* rport with a value: overwritten */
		{ "SIP/2.0/UDP host.example.com;rport=1234;branch=z9hG4bK1", 0,
		  "SIP/2.0/UDP host.example.com;branch=z9hG4bK1;received=192.0.2.1;rport=5062" },
		/* a received the client wrote: replaced by the real source */
		{ "SIP/2.0/UDP host.example.com;received=9.9.9.9;branch=z9hG4bK1", 0,
		  "SIP/2.0/UDP host.example.com;branch=z9hG4bK1;received=192.0.2.1" },
		/* both, in either order, with spaces */
		{ "SIP/2.0/UDP host.example.com ;rport=1 ; received=9.9.9.9;branch=z9hG4bK1", 0,
		  "SIP/2.0/UDP host.example.com  ;branch=z9hG4bK1;received=192.0.2.1;rport=5062" },
		/* force_rport without rport: added */
		{ "SIP/2.0/UDP 192.0.2.1:5062;branch=z9hG4bK1", FL_FORCE_RPORT,
		  "SIP/2.0/UDP 192.0.2.1:5062;branch=z9hG4bK1;received=192.0.2.1;rport=5062" },
		/* the Via names the source and asks for nothing: kept as it is */
		{ "SIP/2.0/UDP 192.0.2.1;received=9.9.9.9;branch=z9hG4bK1", 0,
		  "SIP/2.0/UDP 192.0.2.1;received=9.9.9.9;branch=z9hG4bK1" },
		/* two bodies in one header: the first one only */
		{ "SIP/2.0/UDP a.example.com;rport=7;branch=z9hG4bK1, SIP/2.0/UDP b;rport=8", 0,
		  "SIP/2.0/UDP a.example.com;branch=z9hG4bK1;received=192.0.2.1;rport=5062, SIP/2.0/UDP b;rport=8" },
	};
	char text[512], want[512];
	int n;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(text, sizeof(text), "OPTIONS sip:x@y SIP/2.0\r\nVia: %s\r\nCall-ID: c%zu\r\n"
				"CSeq: 1 OPTIONS\r\n\r\n", cases[i].via, i);
		CHECK(fill_view(slot, text, (unsigned int)i, PROTO_UDP, "192.0.2.1", 5062,
				"198.51.100.1", 5060) == 0);
		CHECK(sb_msg_ensure(msg) == 0);
		sb_msg_set_msg_flags(msg, cases[i].flags);
		n = sb_build_local_reply(msg, 200, "OK", 2, NULL, 0, out, sizeof(out));
		snprintf(want, sizeof(want), "SIP/2.0 200 OK\r\nVia: %s\r\nCall-ID: c%zu\r\n"
				"CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n", cases[i].want, i);
		CHECK_BUF(out, n, want);
	}
	sb_slot_free(slot);
}

void test_build(void)
{
	local_reply_via();
	rewrite_over_lumps();
	bad_send_info();
	forward_request();
	relay_reply();
	local_reply();
}
