/* The view built from the view input: every field, shortcuts, eager parses, rcv,
 * resets and allocation counts. */
#include "tcheck.h"
#include "core_stubs.h"
#include "test_msgs.h"

/* A hand-written view input for a minimal message, to pin the format itself. */
static void hand_written(void)
{
	static const char text[] = "BYE sip:b@h SIP/2.0\r\nCall-ID: x\r\nl: 0\r\n\r\n";
	struct sb_slot *slot = sb_slot_new(256, 4);
	int32_t *in = sb_slot_input(slot);
	struct sip_msg *msg = sb_slot_msg(slot);
	static const int32_t words[] = {
		0, 1, 41, 77, 0, SIP_REQUEST, 21, 0, 3, 4, 7, 12, 7, METHOD_BYE, 39, 41,
		PROTO_UDP, 4, 5060, 5080, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0,
		HDR_CALLID_T, 21, 7, 30, 1, 12,
		HDR_CONTENTLENGTH_T, 33, 1, 36, 1, 6,
	};
	CHECK(in[SBV_MAGIC] == SBV_MAGIC_VALUE);
	memcpy(sb_slot_buf(slot), text, sizeof(text) - 1);
	memcpy(in + 1, words + 1, sizeof(words) - sizeof(words[0]));
	((unsigned char *)(in + SBV_SRC_IP))[0] = 10;
	((unsigned char *)(in + SBV_SRC_IP))[3] = 1;
	((unsigned char *)(in + SBV_DST_IP))[0] = 10;
	((unsigned char *)(in + SBV_DST_IP))[3] = 2;
	CHECK(sb_msg_ensure(msg) == 0);
	CHECK(in[SBV_DIRTY] == 0);
	CHECK(msg->id == 77 && msg->len == 41);
	CHECK_STR(REQ_LINE(msg).method, "BYE");
	CHECK_STR(REQ_LINE(msg).uri, "sip:b@h");
	CHECK(msg->callid && msg->callid->body.len == 1 && msg->callid->body.s[0] == 'x');
	CHECK(get_content_length(msg) == 0);
	CHECK(strcmp(ip_addr2a(&msg->rcv.src_ip), "10.0.0.1") == 0);
	CHECK_STR(msg->rcv.bind_address->address_str, "10.0.0.2");
	CHECK_STR(msg->rcv.bind_address->port_no_str, "5080");
	CHECK_STR(msg->rcv.bind_address->sock_str, "udp:10.0.0.2:5080");
	sb_slot_free(slot);
}

static void invite(void)
{
	struct sb_slot *slot = sb_slot_new(4096, 32);
	struct sip_msg *msg = sb_slot_msg(slot);
	long pkg0 = stub_pkg_live;
	struct hdr_field *h;
	str body = { NULL, 0 };
	int n;

	CHECK(fill_view(slot, MSG_INVITE, 1, PROTO_UDP, "192.0.2.1", 5060, "198.51.100.1", 5060) == 0);
	CHECK(sb_msg_ensure(msg) == 0);
	CHECK(stub_pkg_live == pkg0);   /* building allocates no pkg memory */
	CHECK(msg->first_line.type == SIP_REQUEST);
	CHECK(msg->REQ_METHOD == METHOD_INVITE);
	CHECK_STR(REQ_LINE(msg).version, "SIP/2.0");
	CHECK(msg->first_line.len == 43);
	CHECK(msg->parsed_flag == HDR_EOH_F);
	CHECK(parse_headers(msg, HDR_EOH_F, 0) == 0);
	CHECK(parse_headers(msg, HDR_VIA2_F, 1) == 0);
	CHECK(msg->buf[msg->len] == 0);
	for (n = 0, h = msg->headers; h; h = h->next)
		n++;
	CHECK(n == 10);
	CHECK(msg->last_header && msg->last_header->type == HDR_CONTENTLENGTH_T);
	/* Via parsed eagerly */
	CHECK(msg->h_via1 && msg->via1 && msg->via2 == NULL && msg->h_via2 == NULL);
	CHECK_STR(msg->via1->host, "pc33.atlanta.example.com");
	CHECK(msg->via1->port == 5060 && msg->via1->proto == PROTO_UDP);
	CHECK(msg->via1->branch != NULL);
	CHECK_STR(msg->via1->branch->value, "z9hG4bK776asdhds");
	CHECK_STR(msg->via1->tid, "776asdhds");
	CHECK(msg->via1->rport && msg->via1->rport->value.len == 0);
	CHECK_STR(msg->via1->hdr, "Via");
	/* To, CSeq, Content-Length */
	CHECK(msg->to && get_to(msg)->tag_value.len == 0);
	CHECK_STR(get_to(msg)->uri, "sip:bob@biloxi.example.com");
	CHECK_STR(get_to(msg)->display, "Bob");
	CHECK_STR(get_cseq(msg)->number, "314159");
	CHECK_STR(get_cseq(msg)->method, "INVITE");
	CHECK(get_cseq(msg)->method_id == METHOD_INVITE);
	CHECK(get_content_length(msg) == 4);
	/* shortcuts and bodies */
	CHECK_STR(msg->from->body, "\"Alice A.\" <sip:alice@atlanta.example.com>;tag=1928301774");
	CHECK(msg->from->parsed == NULL);
	CHECK_STR(msg->callid->body, "a84b4c76e66710@pc33.atlanta.example.com");
	CHECK(msg->maxforwards && msg->maxforwards->len == 18);
	CHECK(msg->contact && msg->record_route && msg->content_type);
	CHECK(msg->route == NULL && msg->expires == NULL);
	CHECK(*msg->eoh == '\r' && msg->unparsed == msg->eoh);
	CHECK(get_body(msg, &body) == 0);
	CHECK_STR(body, "v=0\n");
	CHECK(check_transaction_quadruple(msg) == 1);
	CHECK(get_header_by_static_name(msg, "call-id") == msg->callid);
	/* rcv */
	CHECK(msg->rcv.proto == PROTO_UDP && msg->rcv.src_port == 5060);
	CHECK(strcmp(ip_addr2a(&msg->rcv.src_ip), "192.0.2.1") == 0);
	CHECK(su_getport(&msg->rcv.src_su) == 5060);
	/* modules may edit buf in place */
	msg->buf[msg->callid->body.s - msg->buf] = 'b';
	CHECK(msg->callid->body.s[0] == 'b');

	/* module parses allocate pkg, freed at the next build */
	CHECK(parse_from_header(msg) == 0);
	CHECK_STR(get_from(msg)->tag_value, "1928301774");
	CHECK_STR(get_from(msg)->display, "\"Alice A.\"");
	CHECK(stub_pkg_live > pkg0);
	msg->maxforwards->parsed = (void *)(long)69;   /* maxfwd stores an integer */
	CHECK(sb_msg_set_new_uri(msg, "sip:new@example.net", 19) == 0);
	CHECK(sb_msg_set_dst_uri(msg, "sip:10.0.0.9", 12) == 0);
	CHECK(sb_msg_lump_mask(msg) == 0);
	CHECK(*(int *)((char *)msg + sb_msg_layout(SB_LAYOUT_NEW_URI_LEN)) == 19);
	CHECK(*(char **)((char *)msg + sb_msg_layout(SB_LAYOUT_DST_URI_S)) == msg->dst_uri.s);
	CHECK(sb_msg_layout(SB_LAYOUT_SIZEOF_MSG) == (int)sizeof(struct sip_msg));
	CHECK(sb_msg_layout(999) == -1);

	/* the next message resets everything */
	CHECK(fill_view(slot, MSG_200_TWO_VIAS, 2, PROTO_UDP, "192.0.2.1", 5060, "198.51.100.1", 5060) == 0);
	CHECK(sb_msg_ensure(msg) == 0);
	CHECK(stub_pkg_live == pkg0);
	CHECK(msg->new_uri.s == NULL && msg->dst_uri.s == NULL && msg->id == 2);
	CHECK(msg->first_line.type == SIP_REPLY && msg->REPLY_STATUS == 200);
	CHECK(REPLY_CLASS(msg) == 2);
	CHECK_STR(msg->first_line.u.reply.reason, "OK");
	CHECK(msg->via1 && msg->via2 && msg->h_via2 && msg->h_via1 != msg->h_via2);
	CHECK(msg->h_via1->sibling == msg->h_via2);
	CHECK_STR(msg->via2->received->value, "192.0.2.1");
	CHECK_STR(get_to(msg)->tag_value, "a6c85cf");
	CHECK(get_body(msg, &body) == 0 && body.len == 0);
	sb_slot_release_message(slot);
	CHECK(stub_pkg_live == pkg0);
	sb_slot_free(slot);
}

static void register_contacts(void)
{
	struct sb_slot *slot = sb_slot_new(4096, 32);
	struct sip_msg *msg = sb_slot_msg(slot);
	long pkg0 = stub_pkg_live;
	contact_t *c;
	int n = 0;

	CHECK(fill_view(slot, MSG_REGISTER, 3, PROTO_TCP, "192.0.2.4", 40000, "198.51.100.1", 5060) == 0);
	CHECK(sb_msg_ensure(msg) == 0);
	CHECK(msg->contact && msg->contact->sibling && msg->contact->sibling->sibling == NULL);
	CHECK(msg->via1->proto == PROTO_TCP);
	CHECK(contact_iterator(&c, msg, NULL) == 0);
	for (; c; contact_iterator(&c, msg, c))
		n++;
	CHECK(n == 3);
	c = ((contact_body_t *)msg->contact->parsed)->contacts;
	CHECK_STR(c->uri, "sip:bob@192.0.2.4");
	CHECK(c->expires && c->q);
	CHECK_STR(c->expires->body, "3600");
	CHECK_STR(c->q->body, "0.7");
	CHECK_STR(c->next->name, "\"Bob Home\"");
	CHECK_STR(c->next->uri, "sip:bob@198.51.100.7:5070;transport=tcp");
	c = ((contact_body_t *)msg->contact->sibling->parsed)->contacts;
	CHECK_STR(c->uri, "sip:bob@203.0.113.9");
	CHECK(c->instance != NULL);
	CHECK_STR(c->instance->body, "<urn:uuid:1>");
	CHECK(parse_expires(msg->expires) == 0);
	CHECK(((exp_body_t *)msg->expires->parsed)->val == 7200);
	CHECK(parse_allow(msg) == 0);
	CHECK(get_allow_methods(msg) == (METHOD_INVITE | METHOD_ACK | METHOD_BYE | METHOD_OPTIONS));
	CHECK(parse_supported(msg) == 0);
	CHECK(get_supported(msg) == (F_SUPPORTED_PATH | F_SUPPORTED_GRUU));
	sb_slot_free(slot);
	CHECK(stub_pkg_live == pkg0);
}

static void folded_compact(void)
{
	struct sb_slot *slot = sb_slot_new(4096, 32);
	struct sip_msg *msg = sb_slot_msg(slot);

	CHECK(fill_view(slot, MSG_FOLDED_COMPACT, 4, PROTO_UDP, "192.0.2.10", 5060, "198.51.100.1", 5060) == 0);
	CHECK(sb_msg_ensure(msg) == 0);
	CHECK(msg->REQ_METHOD == METHOD_OPTIONS);
	CHECK_STR(msg->h_via1->name, "v");
	CHECK(msg->via1 && msg->via2 && msg->via1->next == msg->via2);
	CHECK(msg->h_via2 == msg->h_via1);
	CHECK_STR(msg->via2->host, "192.0.2.11");
	CHECK(msg->via2->port == 5070);
	CHECK(msg->via1->bsize == (unsigned int)(msg->via2->name.s - msg->via1->name.s));
	CHECK_STR(get_to(msg)->uri, "sip:carol@chicago.example.com");
	CHECK(msg->from && msg->callid);
	CHECK_STR(msg->subject->body, "first line\r\n  continued here");
	CHECK(msg->subject->len == 39);
	CHECK(get_header_by_static_name(msg, "X-Custom") != NULL);
	CHECK_STR(get_header_by_static_name(msg, "X-Custom")->body, "value");
	CHECK(get_content_length(msg) == 0);
	sb_slot_free(slot);
}

static void ipv6(void)
{
	struct sb_slot *slot = sb_slot_new(4096, 32);
	struct sip_msg *msg = sb_slot_msg(slot);

	CHECK(fill_view(slot, MSG_IPV6, 5, PROTO_TCP, "2001:db8::9", 5060, "2001:db8::1", 5062) == 0);
	CHECK(sb_msg_ensure(msg) == 0);
	CHECK_STR(msg->via1->host, "[2001:db8::9]");
	CHECK(msg->via1->port == 5060);
	CHECK_STR(msg->via1->received->value, "2001:db8::99");
	CHECK(msg->rcv.src_ip.af == AF_INET6);
	CHECK(strcmp(ip_addr2a(&msg->rcv.src_ip), "2001:db8::9") == 0);
	CHECK_STR(msg->rcv.bind_address->sock_str, "tcp:[2001:db8::1]:5062");
	CHECK(parse_sip_msg_uri(msg) == 0);     /* parsed now */
	CHECK(parse_sip_msg_uri(msg) == 1);     /* cached, as OpenSIPS 1.11 returns */
	CHECK(parse_orig_ruri(msg) == 0 && parse_orig_ruri(msg) == 1);
	CHECK(msg->parsed_orig_ruri.port_no == 5062);
	CHECK_STR(msg->parsed_uri.host, "[2001:db8::1]");
	CHECK(msg->parsed_uri.port_no == 5062 && msg->parsed_uri.proto == PROTO_TCP);
	CHECK_STR(msg->parsed_uri.transport_val, "tcp");
	CHECK(parse_to_uri(msg) != NULL);
	CHECK_STR(get_to(msg)->parsed_uri.host, "[2001:db8::1]");
	CHECK(parse_content_type_hdr(msg) == ((TYPE_TEXT << 16) | SUBTYPE_PLAIN));
	/* the longest socket text: sctp, an IPv6 address of 39 characters, a 5-digit port */
	CHECK(fill_view(slot, MSG_IPV6, 6, PROTO_SCTP, "2001:db8::9", 5060,
			"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 65000) == 0);
	CHECK(sb_msg_ensure(msg) == 0);
	CHECK_STR(msg->rcv.bind_address->sock_str,
			"sctp:[ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff]:65000");
	CHECK(msg->rcv.bind_address->sock_str.s[msg->rcv.bind_address->sock_str.len] == 0);
	CHECK_STR(msg->rcv.bind_address->port_no_str, "65000");
	sb_slot_free(slot);
}

static void broken_input(void)
{
	struct sb_slot *slot = sb_slot_new(256, 4);
	struct sip_msg *msg = sb_slot_msg(slot);
	int32_t *in = sb_slot_input(slot);

	CHECK(fill_view(slot, "BYE sip:x SIP/2.0\r\nCSeq: abc\r\n\r\n", 6, PROTO_UDP,
			"10.0.0.1", 1, "10.0.0.2", 2) == 0);
	CHECK(sb_msg_ensure(msg) == -1);
	CHECK(parse_headers(msg, HDR_EOH_F, 0) == -1);
	CHECK(fill_view(slot, "BYE sip:x SIP/2.0\r\n\r\n", 7, PROTO_UDP, "10.0.0.1", 1, "10.0.0.2", 2) == 0);
	in[SBV_T2_LEN] = 5000;   /* outside the message */
	CHECK(sb_msg_ensure(msg) == -1);
	CHECK(fill_view(slot, "BYE sip:x SIP/2.0\r\n\r\n", 8, PROTO_UDP, "10.0.0.1", 1, "10.0.0.2", 2) == 0);
	in[SBV_STATUS] = SBV_ST_BROKEN;
	CHECK(sb_msg_ensure(msg) == -1);
	/* a header body reaching past its own line is refused: the view is partial, rcv is
	 * filled anyway and the builders refuse the message */
	{
		static char out[2048];
		struct sb_slot *big = sb_slot_new(4096, 32);
		struct sip_msg *m = sb_slot_msg(big);
		int32_t *bin = sb_slot_input(big);
		int32_t *to = bin + SBV_HDRS + 2 * SBV_HDR_WORDS;   /* MSG_INVITE: the To */

		CHECK(fill_view(big, MSG_INVITE, 10, PROTO_UDP, "10.0.0.1", 1, "10.0.0.2", 2) == 0);
		CHECK(to[SBVH_TYPE] == HDR_TO_T);
		to[SBVH_BODY_LEN] += 10;   /* into the next line: still inside the message */
		CHECK(sb_msg_ensure(m) == -1);
		CHECK(m->rcv.bind_address != NULL && m->rcv.src_port == 1);
		CHECK(m->to == NULL);
		CHECK(sb_build_local_reply(m, 200, "OK", 2, "t", 1, out, sizeof(out)) == SB_BUILD_EINVAL);
		CHECK(sb_build_request(m, "", 0, out, sizeof(out)) == SB_BUILD_EINVAL);
		/* a line shorter than its body: the To still parses, but the reply would copy
		 * "what follows the body in the line", a negative length */
		CHECK(fill_view(big, MSG_INVITE, 14, PROTO_UDP, "10.0.0.1", 1, "10.0.0.2", 2) == 0);
		to[SBVH_LINE_LEN] = 10;
		CHECK(sb_msg_ensure(m) == -1);
		CHECK(sb_build_local_reply(m, 200, "OK", 2, "t", 1, out, sizeof(out)) == SB_BUILD_EINVAL);
		/* a body before its name */
		CHECK(fill_view(big, MSG_INVITE, 11, PROTO_UDP, "10.0.0.1", 1, "10.0.0.2", 2) == 0);
		to[SBVH_BODY_OFF] = to[SBVH_NAME_OFF] - 1;
		to[SBVH_BODY_LEN] = 2;
		CHECK(sb_msg_ensure(m) == -1);
		/* a name longer than its line */
		CHECK(fill_view(big, MSG_INVITE, 12, PROTO_UDP, "10.0.0.1", 1, "10.0.0.2", 2) == 0);
		to[SBVH_NAME_LEN] = to[SBVH_LINE_LEN] + 1;
		CHECK(sb_msg_ensure(m) == -1);
		/* and the same message untouched is fine */
		CHECK(fill_view(big, MSG_INVITE, 13, PROTO_UDP, "10.0.0.1", 1, "10.0.0.2", 2) == 0);
		CHECK(sb_msg_ensure(m) == 0);
		CHECK(sb_build_local_reply(m, 200, "OK", 2, "t", 1, out, sizeof(out)) > 0);
		sb_slot_free(big);
	}
	/* a first Via that does not parse: via1 is its (missing) body, not the next Via's */
	CHECK(fill_view(slot, "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP\r\n"
			"Via: SIP/2.0/UDP b;branch=z9hG4bK2\r\n\r\n", 9, PROTO_UDP,
			"10.0.0.1", 1, "10.0.0.2", 2) == 0);
	CHECK(sb_msg_ensure(msg) == -1);
	CHECK(msg->h_via1 != NULL && msg->h_via1->parsed == NULL && msg->via1 == NULL);
	CHECK(msg->h_via2 == msg->h_via1->sibling && msg->via2 == msg->h_via2->parsed);
	CHECK(msg->via2 != NULL && msg->via2->host.len == 1);
	CHECK(sb_build_relayed_reply(msg, NULL, 0) == SB_BUILD_EBADMSG);
	CHECK(sb_slot_new(0, 4) == NULL);
	sb_slot_free(slot);
}

/* Steady traffic: the arena keeps its chunks, so no memory is allocated per message. */
static void steady_state(void)
{
	struct sb_slot *slot = sb_slot_new(4096, 32);
	struct sip_msg *msg = sb_slot_msg(slot);
	long total0;
	size_t chunks;
	int i;

	fill_view(slot, MSG_REGISTER, 1, PROTO_UDP, "10.0.0.1", 1, "10.0.0.2", 2);
	sb_msg_ensure(msg);
	chunks = sb_arena_chunk_count(&slot->arena);
	total0 = stub_pkg_total;
	for (i = 0; i < 100; i++) {
		fill_view(slot, (i & 1) ? MSG_INVITE : MSG_REGISTER, (unsigned)i, PROTO_UDP,
				"10.0.0.1", 1, "10.0.0.2", 2);
		CHECK(sb_msg_ensure(msg) == 0);
	}
	CHECK(stub_pkg_total == total0);
	CHECK(sb_arena_chunk_count(&slot->arena) == chunks);
	sb_slot_free(slot);
}

void test_view(void)
{
	hand_written();
	invite();
	register_contacts();
	folded_compact();
	ipv6();
	broken_input();
	steady_state();
}
