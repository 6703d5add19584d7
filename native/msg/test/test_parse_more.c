/* The core-utils parsers on real header values: digest credentials and challenges,
 * Event, Privacy, Session-Expires/Min-SE/Min-Expires, Call-Info, Content-Disposition,
 * SDP (plain and multipart), multipart bodies and parse_msg. Memory balance is checked
 * by test_main (stub counters). */
#include <sys/socket.h>
#include "tcheck.h"
#include "core_stubs.h"
#include "test_msgs.h"
#include "../../../include/parser/digest/digest.h"
#include "../../../include/parser/parse_event.h"
#include "../../../include/parser/parse_privacy.h"
#include "../../../include/parser/parse_sst.h"
#include "../../../include/parser/parse_min_expires.h"
#include "../../../include/parser/parse_call_info.h"
#include "../../../include/parser/parse_disposition.h"
#include "../../../include/parser/parse_authenticate.h"
#include "../../../include/parser/sdp/sdp.h"
#include "../../../include/parser/sdp/sdp_helpr_funcs.h"
#include "../../../include/parser/sdp/sdp_cloner.h"
#include "../../../include/parser/parse_multipart.h"
#include "../../../include/parser/parse_rr.h"

static const char MSG_AUTH_INVITE[] =
	"INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
	"Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKnashds8\r\n"
	"Max-Forwards: 70\r\n"
	"To: Bob <sip:bob@biloxi.example.com>\r\n"
	"From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
	"Call-ID: a84b4c76e66710\r\n"
	"CSeq: 314159 INVITE\r\n"
	"Proxy-Authorization: Digest username=\"Mufasa@home.example.com\", realm=\"testrealm@host.com\", "
		"nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"/dir/index.html\", qop=auth, "
		"nc=00000001, cnonce=\"0a4f113b\", response=\"6629fae49393a05397450978507c4ef1\", "
		"opaque=\"5ccc069c403ebaf9f0171e9517f40e41\", algorithm=MD5\r\n"
	"Proxy-Authorization: Digest username=\"bob\", realm=\"other\", nonce=\"n2\", uri=\"sip:x\", "
		"response=\"r2\"\r\n"
	"Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==\r\n"
	"Event: dialog;sla;call-id=abc\r\n"
	"Privacy: id; header\r\n"
	"Session-Expires: 1800;refresher=uac\r\n"
	"Min-SE: 90\r\n"
	"Call-Info: <http://wwww.example.com/alice/photo.jpg> ;purpose=icon, "
		"<http://www.example.com/alice/> ;purpose=info\r\n"
	"Call-Info: <sip:line1@example.com>;appearance-index=2\r\n"
	"Content-Disposition: session;handling=\"optional\";x=y\r\n"
	"Contact: <sip:alice@pc33.atlanta.example.com>\r\n"
	"Content-Type: application/sdp\r\n"
	"Content-Length: 346\r\n"
	"\r\n"
	"v=0\r\n"
	"o=alice 2890844526 2890844526 IN IP4 pc33.atlanta.example.com\r\n"
	"s=-\r\n"
	"c=IN IP4 192.0.2.101\r\n"
	"b=AS:64\r\n"
	"t=0 0\r\n"
	"m=audio 49172 RTP/AVP 0 8 101\r\n"
	"a=rtpmap:0 PCMU/8000\r\n"
	"a=rtpmap:101 telephone-event/8000\r\n"
	"a=fmtp:101 0-15\r\n"
	"a=ptime:20\r\n"
	"a=sendrecv\r\n"
	"m=video 51372 RTP/SAVP 99\r\n"
	"c=IN IP6 2001:db8::9\r\n"
	"a=rtpmap:99 h263-1998/90000/2\r\n"
	"a=rtcp:53020\r\n"
	"a=sendonly\r\n";

static const char MSG_MULTIPART[] =
	"INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
	"Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKnashds9\r\n"
	"To: <sip:bob@biloxi.example.com>\r\n"
	"From: <sip:alice@atlanta.example.com>;tag=1\r\n"
	"Call-ID: mp1\r\n"
	"CSeq: 1 INVITE\r\n"
	"Content-Type: multipart/mixed;boundary=unique-boundary-1\r\n"
	"Content-Length: 278\r\n"
	"\r\n"
	"--unique-boundary-1\r\n"
	"Content-Type: application/sdp\r\n"
	"Content-Disposition: session\r\n"
	"\r\n"
	"v=0\r\n"
	"o=- 1 1 IN IP4 10.1.1.1\r\n"
	"s=-\r\n"
	"c=IN IP4 0.0.0.0\r\n"
	"t=0 0\r\n"
	"m=audio 4000 RTP/AVP 18\r\n"
	"\r\n"
	"--unique-boundary-1\r\n"
	"Content-Type: application/isup;version=itu-t92+\r\n"
	"\r\n"
	"ISUP-BYTES\r\n"
	"--unique-boundary-1--\r\n";

static const char MSG_401[] =
	"SIP/2.0 407 Proxy Authentication Required\r\n"
	"Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKnashds8;received=192.0.2.1\r\n"
	"Via: SIP/2.0/UDP 10.0.0.1:5070;branch=z9hG4bKx, SIP/2.0/TCP h3;branch=z9hG4bKy\r\n"
	"To: Bob <sip:bob@biloxi.example.com>;tag=a6c85cf\r\n"
	"From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
	"Call-ID: a84b4c76e66710\r\n"
	"CSeq: 314159 INVITE\r\n"
	"Proxy-Authenticate: Digest realm=\"atlanta.example.com\", qop=\"auth,auth-int\", "
		"nonce=\"ea9c8e88df84f1cec4341ae6cbe5a359\", opaque=\"\", stale=FALSE, algorithm=MD5\r\n"
	"Min-Expires: 3600\r\n"
	"Content-Length: 0\r\n"
	"\r\n";

static struct sip_msg *view(struct sb_slot *slot, const char *text, unsigned id)
{
	CHECK(fill_view(slot, text, id, PROTO_UDP, "192.0.2.1", 5060, "198.51.100.1", 5060) == 0);
	CHECK(sb_msg_ensure(&slot->msg) == 0);
	return &slot->msg;
}

static void digest(struct sip_msg *m)
{
	struct hdr_field *h = m->proxy_auth, *auth = NULL;
	auth_body_t *b;
	dig_cred_t *c;

	CHECK(h && h->sibling && h->sibling->sibling == NULL);
	CHECK(parse_credentials(h) == 0);
	b = h->parsed;
	c = &b->digest;
	CHECK_STR(c->username.whole, "Mufasa@home.example.com");
	CHECK_STR(c->username.user, "Mufasa");
	CHECK_STR(c->username.domain, "home.example.com");
	CHECK_STR(c->realm, "testrealm@host.com");
	CHECK_STR(*GET_REALM(c), "home.example.com");
	CHECK_STR(c->nonce, "dcd98b7102dd2f0e8b11d0f600bfb0c093");
	CHECK_STR(c->uri, "/dir/index.html");
	CHECK_STR(c->response, "6629fae49393a05397450978507c4ef1");
	CHECK_STR(c->cnonce, "0a4f113b");
	CHECK_STR(c->nc, "00000001");
	CHECK_STR(c->opaque, "5ccc069c403ebaf9f0171e9517f40e41");
	CHECK(c->qop.qop_parsed == QOP_AUTH_D && c->alg.alg_parsed == ALG_MD5);
	CHECK(check_dig_cred(c) == E_DIG_OK);
	CHECK(parse_credentials(h) == 0);     /* already parsed */

	CHECK(parse_credentials(h->sibling) == 0);
	c = &((auth_body_t *)h->sibling->parsed)->digest;
	CHECK(c->qop.qop_parsed == QOP_UNSPEC_D && c->alg.alg_parsed == ALG_UNSPEC);
	CHECK(c->username.domain.s == NULL);
	CHECK(check_dig_cred(c) == E_DIG_OK);

	/* the second header was the one that matched: marked on the first */
	get_authorized_cred(h, &auth);
	CHECK(auth == NULL);
	CHECK(mark_authorized_cred(m, h->sibling) == 0);
	get_authorized_cred(m->proxy_auth, &auth);
	CHECK(auth == h->sibling);
	CHECK(mark_authorized_cred(m, m->callid) == -1);

	/* Basic is another scheme: 1, nothing stored */
	CHECK(parse_credentials(m->authorization) == 1 && m->authorization->parsed == NULL);
	get_authorized_cred(m->authorization, &auth);
	CHECK(auth == NULL);
	{
		dig_cred_t d;
		str s = str_init("Digest realm=\"r\", nonce=\"n\", qop=auth");
		str broken = str_init("Digest realm=\"unterminated");
		init_dig_cred(&d);
		CHECK(parse_digest_cred(&s, &d) == 0);
		CHECK(check_dig_cred(&d) == (E_DIG_USERNAME | E_DIG_URI | E_DIG_RESPONSE |
				E_DIG_CNONCE | E_DIG_NC));
		init_dig_cred(&d);
		CHECK(parse_digest_cred(&broken, &d) == -2);
	}
}

static void small_headers(struct sip_msg *m)
{
	event_t *e;
	struct session_expires se;
	unsigned min_se = 0;
	struct call_info_body *ci;
	struct disposition *d;

	CHECK(parse_event(m->event) == 0);
	e = m->event->parsed;
	CHECK(e->parsed == EVENT_DIALOG_SLA);
	CHECK_STR(e->text, "dialog");
	CHECK(e->params && e->params->next);
	CHECK_STR(e->params->next->name, "call-id");
	CHECK_STR(e->params->next->body, "abc");

	CHECK(parse_privacy(m) == 0);
	CHECK(get_privacy_values(m) == (PRIVACY_ID | PRIVACY_HEADER));

	CHECK(parse_session_expires(m, &se) == parse_sst_success);
	CHECK(se.interval == 1800 && se.refresher == sst_refresher_uac);
	CHECK(parse_min_se(m, &min_se) == parse_sst_success && min_se == 90);
	CHECK(parse_min_expires(m) == 0 && m->min_expires == NULL);   /* none: fine */

	CHECK(parse_call_info_header(m) == 0);
	ci = m->call_info->parsed;
	CHECK(ci && ci->next && ci->next->next == NULL);
	CHECK_STR(ci->call_info_body.uri, "http://wwww.example.com/alice/photo.jpg");
	CHECK(ci->call_info_body.param_lst != NULL);
	CHECK_STR(ci->call_info_body.param_lst->name, "purpose");
	CHECK_STR(ci->call_info_body.param_lst->value, "icon");
	CHECK_STR(ci->next->call_info_body.uri, "http://www.example.com/alice/");
	ci = m->call_info->sibling->parsed;
	CHECK(ci && ci->next == NULL);
	CHECK_STR(ci->call_info_body.uri, "sip:line1@example.com");

	CHECK(parse_content_disposition(m) == 0);
	d = get_content_disposition(m);
	CHECK_STR(d->type, "session");
	CHECK(d->params && d->params->next && d->params->next->next == NULL);
	CHECK_STR(d->params->name, "handling");
	CHECK_STR(d->params->body, "optional");
	CHECK(d->params->is_quoted == 1 && d->params->next->is_quoted == 0);
	CHECK_STR(d->params->next->body, "y");
	{
		struct disposition dd;
		str bad = str_init("session;;x");
		memset(&dd, 0, sizeof(dd));
		CHECK(parse_disposition(&bad, &dd) == -2);
		free_disposition(&(struct disposition *){ NULL });
		while (dd.params) {
			struct disposition_param *n = dd.params->next;
			pkg_free(dd.params);
			dd.params = n;
		}
	}
	{
		unsigned int v = 0;
		CHECK(parse_priv_value("critical;x", 10, &v) == 8 && v == PRIVACY_CRITICAL);
		CHECK(parse_priv_value("userx", 5, &v) == 0);
	}
}

static void sdp(struct sip_msg *m)
{
	sdp_session_cell_t *s, *clone;
	sdp_stream_cell_t *a, *v;
	sdp_payload_attr_t *p;
	str pt = str_init("101");

	CHECK(parse_sdp(m) == 0);
	CHECK(m->sdp && m->sdp->sessions_num == 1 && m->sdp->streams_num == 2);
	CHECK(parse_sdp(m) == 0);             /* already parsed */
	s = get_sdp_session(m, 0);
	CHECK(s && s->streams_num == 2 && get_sdp_session(m, 1) == NULL);
	CHECK_STR(s->ip_addr, "192.0.2.101");
	CHECK(s->pf == AF_INET && s->o_pf == AF_INET);
	CHECK_STR(s->o_ip_addr, "pc33.atlanta.example.com");
	CHECK_STR(s->bw_type, "AS");
	CHECK_STR(s->bw_width, "64");
	a = get_sdp_stream(m, 0, 0);
	v = get_sdp_stream(m, 0, 1);
	CHECK(a && v && s->streams == v && v->next == a);   /* newest first, as 1.11 */
	CHECK_STR(a->media, "audio");
	CHECK_STR(a->port, "49172");
	CHECK_STR(a->transport, "RTP/AVP");
	CHECK_STR(a->payloads, "0 8 101");
	CHECK(a->is_rtp == 1 && a->payloads_num == 3 && a->is_on_hold == 0);
	CHECK(a->ip_addr.len == 0);
	CHECK_STR(a->ptime, "20");
	CHECK_STR(a->sendrecv_mode, "sendrecv");
	p = get_sdp_payload4index(a, 0);
	CHECK(p && p->payload_num == 0);
	CHECK_STR(p->rtp_payload, "0");
	CHECK_STR(p->rtp_enc, "PCMU");
	CHECK_STR(p->rtp_clock, "8000");
	p = get_sdp_payload4index(a, 1);
	CHECK(p && p->rtp_enc.len == 0);     /* 8 has no rtpmap */
	p = get_sdp_payload4payload(a, &pt);
	CHECK(p && p->payload_num == 2);
	CHECK_STR(p->rtp_enc, "telephone-event");
	CHECK_STR(p->fmtp_string, "0-15");
	CHECK(get_sdp_payload4index(a, 3) == NULL);
	CHECK_STR(v->media, "video");
	CHECK_STR(v->ip_addr, "2001:db8::9");
	CHECK(v->pf == AF_INET6 && v->is_on_hold == 1 && v->is_rtp == 1);
	CHECK_STR(v->rtcp_port, "53020");
	p = get_sdp_payload4index(v, 0);
	CHECK_STR(p->rtp_enc, "h263-1998");
	CHECK_STR(p->rtp_clock, "90000");
	CHECK_STR(p->rtp_params, "2");

	clone = clone_sdp_session_cell(s);
	CHECK(clone && clone->streams_num == 2 && clone->streams->next);
	if (clone) {
		CHECK_STR(clone->ip_addr, "192.0.2.101");
		CHECK(clone->ip_addr.s != s->ip_addr.s);
		CHECK(clone->streams->p_payload_attr[0] == clone->streams->payload_attr);
		CHECK_STR(clone->streams->next->p_payload_attr[2]->fmtp_string, "0-15");
		free_cloned_sdp_session(clone);
	}
	{
		sdp_info_t *ci = clone_sdp_info(m);
		CHECK(ci && ci->sessions_num == 1 && ci->sessions->streams_num == 2);
		free_cloned_sdp(ci);
	}
	/* helpers on raw text */
	{
		char body[] = "\r\nv=0\r\nxc=bad\r\nc=IN IP4 1.2.3.4\r\nm=audio 1 udp 0\r\n";
		char *end = body + sizeof(body) - 1;
		str t, ip;
		int pf = 0;
		char *c = find_sdp_line(body + 2, end, 'c');
		CHECK(c == strstr(body, "\nc=") + 1);
		CHECK(find_sdp_line(body + 2, end, 'z') == NULL);
		CHECK(find_next_sdp_line(body + 2, end, 'm', NULL) == strstr(body, "m="));
		t.s = c;
		t.len = (int)(end - c);
		CHECK(extract_mediaip(&t, &ip, &pf, "c=") == 1 && pf == AF_INET);
		CHECK_STR(ip, "1.2.3.4");
		CHECK(find_sdp_line_complex(body + 2, end, "m=audio") == strstr(body, "m=audio"));
	}
}

static void multipart(struct sb_slot *slot)
{
	struct sip_msg *m = view(slot, MSG_MULTIPART, 41);
	sdp_session_cell_t *s;
	struct multi_body *mb;

	CHECK(parse_sdp(m) == 0);
	CHECK(m->sdp && m->sdp->sessions_num == 1);
	s = get_sdp_session(m, 0);
	CHECK(s != NULL);
	if (s) {
		CHECK_STR(s->cnt_disp, "session");
		CHECK_STR(s->ip_addr, "0.0.0.0");
		CHECK(s->streams && s->streams->is_on_hold == 1);   /* 0.0.0.0 */
		CHECK_STR(s->streams->payloads, "18");
	}
	mb = get_all_bodies(m);
	CHECK(mb && mb->from_multi_part == 1 && mb->part_count == 2);
	CHECK(mb && get_all_bodies(m) == mb);
	if (mb && mb->first && mb->first->next) {
		CHECK(mb->first->content_type == (TYPE_APPLICATION << 16) + SUBTYPE_SDP);
		CHECK(strncmp(mb->first->body.s, "v=0\r\n", 5) == 0);
		CHECK_STR(mb->first->next->body, "ISUP-BYTES");
	}
	/* the next message frees msg->sdp and msg->multi (stub counters in test_main) */
}

static void challenge_and_parse_msg(void)
{
	struct sip_msg m;
	char buf[sizeof(MSG_401)];
	struct authenticate_body *a;
	long live0 = stub_pkg_live;

	memcpy(buf, MSG_401, sizeof(buf));
	memset(&m, 0, sizeof(m));
	m.buf = buf;
	m.len = (unsigned)strlen(buf);
	CHECK(parse_msg(buf, m.len, &m) == 0);
	CHECK(m.first_line.type == SIP_REPLY && m.first_line.u.reply.statuscode == 407);
	CHECK_STR(m.first_line.u.reply.reason, "Proxy Authentication Required");
	CHECK(m.via1 && m.via2 && m.h_via1 != m.h_via2 && m.via2->next != NULL);
	CHECK_STR(m.via1->host, "pc33.atlanta.example.com");
	CHECK_STR(m.via2->host, "10.0.0.1");
	CHECK(m.via2->port == 5070);
	CHECK(m.to && m.from && m.callid && m.cseq && m.content_length);
	CHECK_STR(get_to(&m)->tag_value, "a6c85cf");
	CHECK_STR(get_cseq(&m)->method, "INVITE");
	CHECK(get_content_length(&m) == 0);
	CHECK(m.eoh && m.eoh == m.unparsed && strcmp(m.eoh, "\r\n") == 0);
	CHECK(parse_headers(&m, HDR_EOH_F, 0) == 0);
	CHECK(parse_from_header(&m) == 0);
	CHECK_STR(get_from(&m)->tag_value, "1928301774");

	CHECK(parse_proxy_authenticate_header(&m) == 0);
	a = get_proxy_authenticate(&m);
	CHECK_STR(a->realm, "atlanta.example.com");
	CHECK_STR(a->nonce, "ea9c8e88df84f1cec4341ae6cbe5a359");
	CHECK(a->opaque.s == NULL);
	CHECK(a->flags == (QOP_AUTH | QOP_AUTH_INT | AUTHENTICATE_MD5));
	CHECK(parse_www_authenticate_header(&m) == -1);   /* no such header */

	CHECK(parse_min_expires(&m) == 0);
	CHECK((long)m.min_expires->parsed == 3600);
	free_sip_msg(&m);
	CHECK(stub_pkg_live == live0);

	/* broken input: error, never a crash; what was built is still freed */
	{
		char b1[] = "NOT A SIP MESSAGE\r\n\r\n";
		char b2[] = "OPTIONS sip:x SIP/2.0\r\nVia: garbage\r\n\r\n";
		char b3[] = "OPTIONS sip:x SIP/2.0\r\nno colon here\r\n\r\n";
		char b4[] = "OPTIONS sip:x SIP/2.0\r\nVia: SIP/2.0/UDP h\r\n\r\n";
		memset(&m, 0, sizeof(m));
		CHECK(parse_msg(b1, (unsigned)strlen(b1), &m) == -1);
		free_sip_msg(&m);
		memset(&m, 0, sizeof(m));
		CHECK(parse_msg(b2, (unsigned)strlen(b2), &m) == -1);
		free_sip_msg(&m);
		memset(&m, 0, sizeof(m));
		CHECK(parse_msg(b3, (unsigned)strlen(b3), &m) == -1);
		free_sip_msg(&m);
		memset(&m, 0, sizeof(m));
		CHECK(parse_msg(b4, (unsigned)strlen(b4), &m) == 0);
		CHECK(m.first_line.u.request.method_value == METHOD_OPTIONS && m.via1 && !m.via2);
		CHECK(parse_sdp(&m) == 1);          /* no body */
		free_sip_msg(&m);
		CHECK(parse_msg(NULL, 0, &m) == -1);
		CHECK(stub_pkg_live == live0);
	}
}

/* duplicates carry their own text (1.11's 3-argument form) */
static void rr_duplicates(void)
{
	char buf[] = "\"Proxy A\" <sip:p1.example.com;lr;r2=on>;foo=bar, <sip:p2.example.com;lr>";
	rr_t *head = NULL, *copy = NULL, *one = NULL;
	long shm0 = stub_shm_live;

	CHECK(parse_rr_body(buf, (int)strlen(buf), &head) == 0 && head && head->next);
	CHECK(shm_duplicate_rr(&copy, head, 0) == 0 && copy && copy->next && !copy->next->next);
	CHECK(shm_duplicate_rr(&one, head, 1) == 0 && one && one->next == NULL);
	memset(buf, 'X', sizeof(buf) - 1);     /* the original text is gone */
	if (copy && copy->next && one) {
		CHECK_STR(copy->nameaddr.name, "\"Proxy A\"");
		CHECK_STR(copy->nameaddr.uri, "sip:p1.example.com;lr;r2=on");
		CHECK(copy->params != NULL);
		if (copy->params) {
			CHECK_STR(copy->params->name, "foo");
			CHECK_STR(copy->params->body, "bar");
		}
		CHECK_STR(copy->next->nameaddr.uri, "sip:p2.example.com;lr");
		CHECK_STR(one->nameaddr.uri, "sip:p1.example.com;lr;r2=on");
	}
	shm_free_rr(&copy);
	shm_free_rr(&one);
	free_rr(&head);
	CHECK(copy == NULL && stub_shm_live == shm0);
	CHECK(shm_duplicate_rr(&copy, NULL, 0) == -1);
}

/* print_rr_body, get_path_dst_uri, get_uri_port, parse_uri_headers */
static void route_helpers(void)
{
	struct hdr_field h1, h2;
	char b1[] = "<sip:a.example.com;lr>, <sip:b.example.com;lr>;x=1";
	char b2[] = "<sip:c.example.com;lr>";
	char path[] = "<sip:edge.example.com;lr;received=sip:1.2.3.4>,<sip:core>";
	str out, pv, dst;
	unsigned int nb;
	struct sip_uri u;
	char u1[] = "sips:bob@example.com", u2[] = "sip:bob@example.com:5070;transport=tcp";
	str hn[3], hv[3], hdrs = str_init("subject=hi?to=bob&x");
	long live0 = stub_pkg_live;

	memset(&h1, 0, sizeof(h1));
	memset(&h2, 0, sizeof(h2));
	h1.type = h2.type = HDR_RECORDROUTE_T;
	h1.body.s = b1;
	h1.body.len = (int)strlen(b1);
	h2.body.s = b2;
	h2.body.len = (int)strlen(b2);
	h1.sibling = &h2;
	CHECK(print_rr_body(&h1, &out, 0, NULL) == 0);
	CHECK_STR(out, "<sip:a.example.com;lr>,<sip:b.example.com;lr>;x=1,<sip:c.example.com;lr>");
	pkg_free(out.s);
	nb = 1;
	CHECK(print_rr_body(&h1, &out, 1, &nb) == 0 && nb == 3);
	CHECK_STR(out, "<sip:b.example.com;lr>;x=1,<sip:a.example.com;lr>");   /* reversed, last skipped */
	pkg_free(out.s);
	nb = 1;
	CHECK(print_rr_body(&h1, &out, 0, &nb) == 0 && nb == 3);
	CHECK_STR(out, "<sip:b.example.com;lr>;x=1,<sip:c.example.com;lr>");
	pkg_free(out.s);
	nb = 3;
	CHECK(print_rr_body(&h1, &out, 0, &nb) == 0 && out.s == NULL && out.len == 0);
	clean_hdr_field(&h1);
	clean_hdr_field(&h2);

	pv.s = path;
	pv.len = (int)strlen(path);
	CHECK(get_path_dst_uri(&pv, &dst) == 0);
	CHECK_STR(dst, "sip:edge.example.com;lr;received=sip:1.2.3.4");

	CHECK(parse_uri(u1, (int)strlen(u1), &u) == 0);
	{
		unsigned short proto = 0;
		CHECK(get_uri_port(&u, &proto) == 5061 && proto == PROTO_TLS);
		CHECK(parse_uri(u2, (int)strlen(u2), &u) == 0);
		CHECK(get_uri_port(&u, &proto) == 5070 && proto == PROTO_TCP);
		CHECK(get_uri_port(&u, NULL) == 5070);
	}
	CHECK(parse_uri_headers(hdrs, hn, hv, 3) == 0);
	CHECK_STR(hn[0], "subject");
	CHECK_STR(hv[0], "hi");
	CHECK_STR(hn[1], "to");
	CHECK_STR(hv[1], "bob");
	CHECK_STR(hn[2], "x");
	CHECK(hv[2].s == NULL);
	CHECK(parse_uri_headers(hdrs, hn, hv, 2) == -1);
	CHECK(stub_pkg_live == live0);
}

void test_parse_more(void)
{
	struct sb_slot *slot = sb_slot_new(4096, 64);
	struct sip_msg *m = view(slot, MSG_AUTH_INVITE, 40);

	digest(m);
	small_headers(m);
	sdp(m);
	multipart(slot);        /* rebuilding the view frees the first message's bodies */
	sb_slot_release_message(slot);
	sb_slot_free(slot);
	challenge_and_parse_msg();
	rr_duplicates();
	route_helpers();
}
