/* Parse helpers on their own. */
#include "tcheck.h"
#include "core_stubs.h"
#include "test_msgs.h"

static void uris(void)
{
	struct sip_uri u;
	char s1[] = "sip:alice:secret@atlanta.example.com:5061;transport=TLS;lr;user=phone;foo=bar?subject=x";
	char s2[] = "sips:[2001:db8::5];maddr=10.0.0.1;r2=on;gr=abc";
	char s3[] = "tel:+1-201-555-0123;phone-context=example.com";
	char s4[] = "sip:%61lice@host";
	char bad1[] = "http://x", bad2[] = "sip:u@h:99999", bad3[] = "sip:@", bad4[] = "sip:u@[::1";
	str a = str_init("sip:bob@Example.com;transport=udp"), b = str_init("sip:bob@example.com;transport=udp");
	str c = str_init("sip:bob@example.com:5070");

	CHECK(parse_uri(s1, (int)strlen(s1), &u) == 0);
	CHECK(u.type == SIP_URI_T);
	CHECK_STR(u.user, "alice");
	CHECK_STR(u.passwd, "secret");
	CHECK_STR(u.host, "atlanta.example.com");
	CHECK_STR(u.port, "5061");
	CHECK(u.port_no == 5061 && u.proto == PROTO_TLS);
	CHECK_STR(u.transport, "transport=TLS");
	CHECK_STR(u.transport_val, "TLS");
	CHECK_STR(u.lr, "lr");
	CHECK(u.lr_val.len == 0);
	CHECK_STR(u.user_param_val, "phone");
	CHECK(u.u_params_no == 1);
	CHECK_STR(u.u_name[0], "foo");
	CHECK_STR(u.u_val[0], "bar");
	CHECK_STR(u.headers, "subject=x");
	CHECK_STR(u.params, "transport=TLS;lr;user=phone;foo=bar");

	CHECK(parse_uri(s2, (int)strlen(s2), &u) == 0);
	CHECK(u.type == SIPS_URI_T && u.user.len == 0);
	CHECK_STR(u.host, "[2001:db8::5]");
	CHECK_STR(u.maddr_val, "10.0.0.1");
	CHECK_STR(u.r2_val, "on");
	CHECK_STR(u.gr_val, "abc");
	CHECK(parse_uri(s3, (int)strlen(s3), &u) == 0);
	CHECK(u.type == TEL_URI_T);
	CHECK_STR(u.user, "+1-201-555-0123");
	CHECK(u.u_params_no == 1);
	CHECK(parse_uri(s4, (int)strlen(s4), &u) == 0);
	CHECK_STR(u.user, "%61lice");
	CHECK(parse_uri(bad1, (int)strlen(bad1), &u) < 0 && u.type == ERROR_URI_T);
	CHECK(parse_uri(bad2, (int)strlen(bad2), &u) < 0);
	CHECK(parse_uri(bad3, (int)strlen(bad3), &u) < 0);
	CHECK(parse_uri(bad4, (int)strlen(bad4), &u) < 0);
	CHECK(parse_uri(NULL, 0, &u) < 0);
	CHECK(compare_uris(&a, NULL, &b, NULL) == 0);
	CHECK(compare_uris(&a, NULL, &c, NULL) == 1);
	{
		char t[8];
		CHECK(uri_type2str(SIPS_URI_T, t) == t + 4 && memcmp(t, "sips", 4) == 0);
		CHECK(str2uri_type("tel:") == TEL_URI_T);
	}
}

static void to_and_via(void)
{
	struct to_body tb;
	struct via_body vb;
	struct cseq_body cb;
	long pkg0 = stub_pkg_live;
	char t1[] = "\"Bob \\\"B\\\" Smith\" <sip:bob@b.com;lr>;tag=abc;x=\"q;v\"\r\n";
	char t2[] = "sip:carol@c.com;tag=99";
	char t3[] = "<sip:unterminated";
	char v1[] = "SIP/2.0/UDP 10.0.0.1:5060 ;branch=z9hG4bKx ; received=1.2.3.4;rport=5;ttl=1 (comment)\r\nNext: x";
	char v2[] = "SIP/2.0/UDP host;branch=";
	char v3[] = "SIP/2.0 UDP host";
	char c1[] = "  12 REGISTER\r\n";

	parse_to(t1, t1 + strlen(t1), &tb);
	CHECK(tb.error == PARSE_OK);
	CHECK_STR(tb.display, "\"Bob \\\"B\\\" Smith\"");
	CHECK_STR(tb.uri, "sip:bob@b.com;lr");
	CHECK_STR(tb.tag_value, "abc");
	CHECK(tb.param_lst && tb.param_lst->next && tb.param_lst->next->type == GENERAL_PARAM);
	CHECK_STR(tb.param_lst->next->value, "\"q;v\"");
	CHECK(stub_pkg_live == pkg0 + 2);
	free_to_params(&tb);
	CHECK(stub_pkg_live == pkg0);
	parse_to(t2, t2 + strlen(t2), &tb);
	CHECK(tb.error == PARSE_OK);
	CHECK_STR(tb.uri, "sip:carol@c.com");
	CHECK_STR(tb.tag_value, "99");
	free_to_params(&tb);
	parse_to(t3, t3 + strlen(t3), &tb);
	CHECK(tb.error == PARSE_ERROR);
	CHECK(stub_pkg_live == pkg0);

	memset(&vb, 0, sizeof(vb));
	CHECK(parse_via(v1, v1 + strlen(v1), &vb) == v1 + strlen(v1) - 7);
	CHECK(vb.error == PARSE_OK);
	CHECK_STR(vb.host, "10.0.0.1");
	CHECK(vb.port == 5060);
	CHECK_STR(vb.branch->value, "z9hG4bKx");
	CHECK_STR(vb.received->value, "1.2.3.4");
	CHECK_STR(vb.rport->value, "5");
	CHECK_STR(vb.comment, "comment");
	CHECK(vb.params.len > 0);
	free_via_param_list(vb.param_lst);
	memset(&vb, 0, sizeof(vb));
	parse_via(v2, v2 + strlen(v2), &vb);
	CHECK(vb.error == PARSE_OK && vb.branch && vb.branch->value.len == 0);
	free_via_param_list(vb.param_lst);
	memset(&vb, 0, sizeof(vb));
	parse_via(v3, v3 + strlen(v3), &vb);
	CHECK(vb.error == PARSE_ERROR);
	CHECK(stub_pkg_live == pkg0);

	/* a parameter that fails half-way is not left allocated */
	{
		char e1[] = "SIP/2.0/UDP host;";
		char e2[] = "SIP/2.0/UDP host;branch=\"abc";
		char e3[] = "SIP/2.0/UDP host;rport;branch=\"abc";
		char e4[] = "<sip:a@b>;tag=1;x=\"abc";
		char *bad[] = { e1, e2, e3 };
		long total0 = stub_pkg_total;
		for (int i = 0; i < 3; i++) {
			memset(&vb, 0, sizeof(vb));
			parse_via(bad[i], bad[i] + strlen(bad[i]), &vb);
			CHECK(vb.error == PARSE_ERROR && vb.param_lst == NULL);
			CHECK(stub_pkg_live == pkg0);
		}
		parse_to(e4, e4 + strlen(e4), &tb);
		CHECK(tb.error == PARSE_ERROR && tb.param_lst == NULL);
		CHECK(stub_pkg_live == pkg0);
		CHECK(stub_pkg_total > total0);   /* the valid parameters before were allocated */
	}
	{
		struct sb_slot *slot = sb_slot_new(1024, 8);
		struct sip_msg *msg = sb_slot_msg(slot);
		CHECK(fill_view(slot, "BYE sip:x@y SIP/2.0\r\nFrom: <sip:a@b>;tag=1;x=\"abc\r\n"
				"Call-ID: q\r\n\r\n", 1, PROTO_UDP, "10.0.0.1", 1, "10.0.0.2", 2) == 0);
		CHECK(sb_msg_ensure(msg) == 0);
		CHECK(parse_from_header(msg) < 0);
		CHECK(msg->from->parsed == NULL);
		CHECK(stub_pkg_live == pkg0);
		sb_slot_free(slot);
		CHECK(stub_pkg_live == pkg0);
	}

	parse_cseq(c1, c1 + strlen(c1), &cb);
	CHECK(cb.error == PARSE_OK && cb.method_id == METHOD_REGISTER);
	CHECK_STR(cb.number, "12");
}

static void lists(void)
{
	str p = str_init("q=0.5;expires=60;methods=\"INVITE,BYE\";foo, next");
	param_hooks_t h;
	param_t *l;
	rr_t *rr;
	unsigned int m;
	char rrs[] = "<sip:p1.example.com;lr>, \"P2\" <sip:p2.example.com;r2=on>;x=1";
	str meth = str_init("INVITE,ACK , FOO,BYE");
	str bad = str_init("INVITE,,BYE");
	name_addr_t na;
	str nas = str_init("\"A <b>\" <sip:a@b>");
	long pkg0 = stub_pkg_live;

	CHECK(parse_params(&p, CLASS_CONTACT, &h, &l) == 0);
	CHECK(h.contact.q && h.contact.expires && h.contact.methods);
	CHECK_STR(h.contact.methods->body, "INVITE,BYE");
	CHECK(*p.s == ',');
	free_params(l);
	CHECK(parse_rr_body(rrs, (int)strlen(rrs), &rr) == 0);
	CHECK_STR(rr->nameaddr.uri, "sip:p1.example.com;lr");
	CHECK(rr->next && rr->next->next == NULL);
	CHECK_STR(rr->next->nameaddr.name, "\"P2\"");
	CHECK(rr->next->params && rr->next->r2 == NULL);
	free_rr(&rr);
	CHECK(rr == NULL);
	{
		/* is_2rr: the r2 parameter, not lr */
		const char *yes[] = { "lr;r2=on", "r2", "R2=on;lr", "lr; r2 ;ftag=1", "x=\"a;r2\";r2" };
		const char *no[] = { "lr", "lr=on;ftag=r2", "r22=on", "x=\"a;r2\"", "", "ar2;r2x" };
		for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
			str ps = { (char *)yes[i], (int)strlen(yes[i]) };
			CHECK(is_2rr(&ps) == 1);
		}
		for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
			str ps = { (char *)no[i], (int)strlen(no[i]) };
			CHECK(is_2rr(&ps) == 0);
		}
	}
	CHECK(parse_methods(&meth, &m) == 0);
	CHECK(m == (METHOD_INVITE | METHOD_ACK | METHOD_BYE | METHOD_OTHER));
	CHECK(parse_methods(&bad, &m) < 0);
	CHECK(parse_nameaddr(&nas, &na) == 0);
	CHECK_STR(na.uri, "sip:a@b");
	CHECK_STR(na.name, "\"A <b>\"");
	{
		char cl[] = " 123 \r\n";
		int v = 0;
		CHECK(parse_content_length(cl, cl + strlen(cl), &v) == cl + strlen(cl) && v == 123);
		CHECK(parse_content_length("x", (char *)"x" + 1, &v) == NULL);
	}
	{
		struct hdr_field hf;
		char h1[] = "Record-Route : <sip:x>", h2[] = "NoColon";
		memset(&hf, 0, sizeof(hf));
		CHECK(parse_hname2(h1, h1 + strlen(h1), &hf) == h1 + 14 && hf.type == HDR_RECORDROUTE_T);
		CHECK_STR(hf.name, "Record-Route");
		CHECK(parse_hname2(h2, h2 + strlen(h2), &hf) == NULL && hf.type == HDR_ERROR_T);
		CHECK(sb_hdr_type_of_name("m", 1) == HDR_CONTACT_T);
		CHECK(sb_hdr_type_of_name("p-asserted-identity", 19) == HDR_PAI_T);
	}
	CHECK(stub_pkg_live == pkg0);
}

void test_parse(void)
{
	uris();
	to_and_via();
	lists();
}
