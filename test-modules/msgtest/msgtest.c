/* msgtest: an OpenSIPS 1.11-style module that reads every field of the message view,
 * calls every parse helper and makes every kind of change, so the Java tests can assert
 * the exact outgoing bytes.
 *
 * Script functions:
 *   msgtest_dump()        logs the view (first line, headers, eager parses, rcv, uris)
 *   msgtest_parse()       runs every parse helper and logs the results; -1 on a failure
 *   msgtest_change()      lumps of every kind + new_uri, dst_uri, flags, a digit in buf
 *   msgtest_reply_lumps() adds a reply header lump and a reply body lump
 *   msgtest_set_ruri(uri) / msgtest_set_duri(uri)  set new_uri / dst_uri */
#define _GNU_SOURCE   /* ut.h uses memrchr */
#include <string.h>
#include <stdio.h>

#include "../../sr_module.h"
#include "../../dprint.h"
#include "../../ut.h"
#include "../../trim.h"
#include "../../mem/mem.h"
#include "../../data_lump.h"
#include "../../data_lump_rpl.h"
#include "../../ip_addr.h"
#include "../../socket_info.h"
#include "../../msg_translator.h"
#include "../../parser/msg_parser.h"
#include "../../parser/parse_uri.h"
#include "../../parser/parse_from.h"
#include "../../parser/parse_to.h"
#include "../../parser/parse_via.h"
#include "../../parser/parse_cseq.h"
#include "../../parser/parse_content.h"
#include "../../parser/parse_expires.h"
#include "../../parser/parse_param.h"
#include "../../parser/parse_rr.h"
#include "../../parser/parse_methods.h"
#include "../../parser/parse_allow.h"
#include "../../parser/parse_supported.h"
#include "../../parser/parse_diversion.h"
#include "../../parser/parse_rpid.h"
#include "../../parser/parse_pai.h"
#include "../../parser/parse_ppi.h"
#include "../../parser/parse_refer_to.h"
#include "../../parser/parse_hname2.h"
#include "../../parser/parser_f.h"
#include "../../parser/contact/parse_contact.h"

static int mt_dump(struct sip_msg *msg, char *a, char *b, char *c, char *d, char *e, char *f);
static int mt_parse(struct sip_msg *msg, char *a, char *b, char *c, char *d, char *e, char *f);
static int mt_change(struct sip_msg *msg, char *a, char *b, char *c, char *d, char *e, char *f);
static int mt_reply_lumps(struct sip_msg *msg, char *a, char *b, char *c, char *d, char *e, char *f);
static int mt_set_ruri(struct sip_msg *msg, char *uri, char *b, char *c, char *d, char *e, char *f);
static int mt_set_duri(struct sip_msg *msg, char *uri, char *b, char *c, char *d, char *e, char *f);

static cmd_export_t cmds[] = {
	{ "msgtest_dump", mt_dump, 0, 0, 0, ALL_ROUTES },
	{ "msgtest_parse", mt_parse, 0, 0, 0, ALL_ROUTES },
	{ "msgtest_change", mt_change, 0, 0, 0, REQUEST_ROUTE | ONREPLY_ROUTE | BRANCH_ROUTE },
	{ "msgtest_reply_lumps", mt_reply_lumps, 0, 0, 0, REQUEST_ROUTE },
	{ "msgtest_set_ruri", mt_set_ruri, 1, 0, 0, REQUEST_ROUTE | BRANCH_ROUTE },
	{ "msgtest_set_duri", mt_set_duri, 1, 0, 0, REQUEST_ROUTE | BRANCH_ROUTE },
	{ 0, 0, 0, 0, 0, 0 }
};

struct module_exports exports = {
	"msgtest",
	MODULE_VERSION,
	DEFAULT_DLFLAGS,
	cmds,
	0, 0, 0, 0, 0,
	0, 0, 0, 0
};

#define S(_s) (_s).len, ZSW((_s).s)

static void dump_via(const char *what, struct via_body *vb)
{
	struct via_param *p;
	if (vb == NULL) {
		LM_INFO("%s: none\n", what);
		return;
	}
	LM_INFO("%s: %.*s/%.*s/%.*s host=%.*s port=%u proto=%u params=%.*s bsize=%u\n", what,
			S(vb->name), S(vb->version), S(vb->transport), S(vb->host), vb->port,
			vb->proto, S(vb->params), vb->bsize);
	for (p = vb->param_lst; p; p = p->next)
		LM_INFO("  param type=%d %.*s=%.*s\n", p->type, S(p->name), S(p->value));
	if (vb->branch)
		LM_INFO("  branch=%.*s tid=%.*s\n", S(vb->branch->value), S(vb->tid));
	if (vb->received)
		LM_INFO("  received=%.*s\n", S(vb->received->value));
	if (vb->rport)
		LM_INFO("  rport=%.*s\n", S(vb->rport->value));
}

static int mt_dump(struct sip_msg *msg, char *a, char *b, char *c, char *d, char *e, char *f)
{
	struct hdr_field *h;
	str body;

	LM_INFO("id=%u len=%u type=%d fl.len=%d parsed_flag=%llx\n", msg->id, msg->len,
			msg->first_line.type, msg->first_line.len, (unsigned long long)msg->parsed_flag);
	if (msg->first_line.type == SIP_REQUEST)
		LM_INFO("request method=%.*s(%d) uri=%.*s version=%.*s\n", S(REQ_LINE(msg).method),
				msg->REQ_METHOD, S(REQ_LINE(msg).uri), S(REQ_LINE(msg).version));
	else
		LM_INFO("reply %.*s %.*s(%u) %.*s class=%u\n", S(msg->first_line.u.reply.version),
				S(msg->first_line.u.reply.status), msg->REPLY_STATUS,
				S(msg->first_line.u.reply.reason), REPLY_CLASS(msg));
	for (h = msg->headers; h; h = h->next)
		LM_INFO("hdr type=%d name=%.*s body=[%.*s] len=%d sibling=%s\n", h->type, S(h->name),
				S(h->body), h->len, h->sibling ? "yes" : "no");
	dump_via("via1", msg->via1);
	dump_via("via2", msg->via2);
	if (msg->to)
		LM_INFO("to uri=%.*s display=%.*s tag=%.*s\n", S(get_to(msg)->uri),
				S(get_to(msg)->display), S(get_to(msg)->tag_value));
	if (msg->cseq)
		LM_INFO("cseq %.*s %.*s (%u)\n", S(get_cseq(msg)->number), S(get_cseq(msg)->method),
				get_cseq(msg)->method_id);
	if (msg->content_length)
		LM_INFO("content-length=%ld\n", get_content_length(msg));
	if (msg->callid)
		LM_INFO("call-id=%.*s\n", S(msg->callid->body));
	if (get_body(msg, &body) == 0)
		LM_INFO("body=[%.*s]\n", S(body));
	LM_INFO("eoh at %d, unparsed at %d\n", (int)(msg->eoh - msg->buf),
			(int)(msg->unparsed - msg->buf));
	LM_INFO("rcv src=%s:%u proto=%d dst_port=%u bind=%.*s:%.*s (%.*s)\n",
			ip_addr2a(&msg->rcv.src_ip), msg->rcv.src_port, msg->rcv.proto,
			msg->rcv.dst_port, S(msg->rcv.bind_address->address_str),
			S(msg->rcv.bind_address->port_no_str), S(msg->rcv.bind_address->sock_str));
	LM_INFO("new_uri=%.*s dst_uri=%.*s flags=%x msg_flags=%x\n", S(msg->new_uri),
			S(msg->dst_uri), msg->flags, msg->msg_flags);
	LM_INFO("lumps: add_rm=%s body=%s reply=%s\n", msg->add_rm ? "yes" : "no",
			msg->body_lumps ? "yes" : "no", msg->reply_lump ? "yes" : "no");
	return 1;
}

#define TRY(_what, _cond) do { \
	if (!(_cond)) { LM_ERR("%s failed\n", _what); ret = -1; } \
} while (0)

static int mt_parse(struct sip_msg *msg, char *a, char *b, char *c, char *d, char *e, char *f)
{
	int ret = 1;
	struct sip_uri *u;
	contact_t *ct = NULL;
	struct hdr_field *h;
	int ctype;

	TRY("parse_headers", parse_headers(msg, HDR_EOH_F, 0) == 0);
	TRY("check_transaction_quadruple", check_transaction_quadruple(msg) == 1);
	if (msg->first_line.type == SIP_REQUEST) {
		TRY("parse_sip_msg_uri", parse_sip_msg_uri(msg) >= 0);
		if (msg->parsed_uri_ok)
			LM_INFO("ruri user=%.*s host=%.*s port=%u transport=%.*s\n",
					S(msg->parsed_uri.user), S(msg->parsed_uri.host),
					msg->parsed_uri.port_no, S(msg->parsed_uri.transport_val));
		TRY("parse_orig_ruri", parse_orig_ruri(msg) >= 0);
	}
	if (msg->from) {
		TRY("parse_from_header", parse_from_header(msg) == 0);
		u = parse_from_uri(msg);
		TRY("parse_from_uri", u != NULL);
		if (u)
			LM_INFO("from user=%.*s host=%.*s tag=%.*s\n", S(u->user), S(u->host),
					S(get_from(msg)->tag_value));
	}
	if (msg->to) {
		u = parse_to_uri(msg);
		TRY("parse_to_uri", u != NULL);
	}
	for (h = msg->contact; h; h = h->sibling)
		TRY("parse_contact", parse_contact(h) == 0);
	if (msg->contact) {
		TRY("contact_iterator", contact_iterator(&ct, msg, NULL) == 0);
		for (; ct; contact_iterator(&ct, msg, ct))
			LM_INFO("contact uri=%.*s q=%.*s expires=%.*s\n", S(ct->uri),
					ct->q ? ct->q->body.len : 0, ct->q ? ct->q->body.s : "",
					ct->expires ? ct->expires->body.len : 0,
					ct->expires ? ct->expires->body.s : "");
	}
	if (msg->route)
		TRY("parse_route_headers", parse_route_headers(msg) == 0);
	if (msg->record_route) {
		TRY("parse_rr", parse_rr(msg->record_route) == 0);
		if (msg->record_route->parsed)
			LM_INFO("rr uri=%.*s\n", S(((rr_t *)msg->record_route->parsed)->nameaddr.uri));
	}
	if (msg->expires) {
		TRY("parse_expires", parse_expires(msg->expires) == 0);
		if (msg->expires->parsed)
			LM_INFO("expires=%d\n", ((exp_body_t *)msg->expires->parsed)->val);
	}
	if (msg->content_type) {
		ctype = parse_content_type_hdr(msg);
		TRY("parse_content_type_hdr", ctype > 0);
		LM_INFO("content-type=%x\n", ctype);
	}
	if (msg->accept)
		TRY("parse_accept_hdr", parse_accept_hdr(msg) == 1);
	if (msg->allow) {
		TRY("parse_allow", parse_allow(msg) == 0);
		if (msg->allow->parsed)
			LM_INFO("allow=%x\n", get_allow_methods(msg));
	}
	if (msg->supported) {
		TRY("parse_supported", parse_supported(msg) == 0);
		if (msg->supported->parsed)
			LM_INFO("supported=%x\n", get_supported(msg));
	}
	if (msg->diversion)
		TRY("parse_diversion_header", parse_diversion_header(msg) == 0);
	if (msg->rpid)
		TRY("parse_rpid_header", parse_rpid_header(msg) == 0);
	if (msg->pai)
		TRY("parse_pai_header", parse_pai_header(msg) == 0);
	if (msg->ppi)
		TRY("parse_ppi_header", parse_ppi_header(msg) == 0);
	if (msg->refer_to)
		TRY("parse_refer_to_header", parse_refer_to_header(msg) == 0);
	{
		/* the stand-alone parsers, on copies */
		char uri[] = "sip:u@[2001:db8::1]:5070;transport=tcp;lr";
		char via[] = "SIP/2.0/TCP h:5060;branch=z9hG4bKa, SIP/2.0/UDP g";
		char to[] = "\"D\" <sip:x@y>;tag=t";
		struct sip_uri pu;
		struct via_body vb;
		struct to_body tb;
		struct cseq_body cb;
		char cs[] = "7 BYE";
		str ps = str_init("q=1;expires=5"), ms = str_init("INVITE, BYE");
		param_hooks_t hooks;
		param_t *params;
		unsigned int methods;
		struct hdr_field hf;
		char hn[] = "Max-Forwards: 70";
		int cl;
		char cls[] = "12\r\n";

		TRY("parse_uri", parse_uri(uri, sizeof(uri) - 1, &pu) == 0 && pu.port_no == 5070);
		memset(&vb, 0, sizeof(vb));
		parse_via(via, via + sizeof(via) - 1, &vb);
		TRY("parse_via", vb.error == PARSE_OK && vb.next != NULL);
		if (vb.next)
			free_via_list(vb.next);
		free_via_param_list(vb.param_lst);
		parse_to(to, to + sizeof(to) - 1, &tb);
		TRY("parse_to", tb.error == PARSE_OK && tb.tag_value.len == 1);
		free_to_params(&tb);
		parse_cseq(cs, cs + sizeof(cs) - 1, &cb);
		TRY("parse_cseq", cb.error == PARSE_OK && cb.method_id == METHOD_BYE);
		TRY("parse_params", parse_params(&ps, CLASS_CONTACT, &hooks, &params) == 0 &&
				hooks.contact.expires != NULL);
		free_params(params);
		TRY("parse_methods", parse_methods(&ms, &methods) == 0 &&
				methods == (METHOD_INVITE | METHOD_BYE));
		memset(&hf, 0, sizeof(hf));
		TRY("parse_hname2", parse_hname2(hn, hn + sizeof(hn) - 1, &hf) != NULL &&
				hf.type == HDR_MAXFORWARDS_T);
		TRY("parse_content_length", parse_content_length(cls, cls + 4, &cl) != NULL && cl == 12);
	}
	return ret;
}

/* pkg copy of a literal: lump text must be pkg memory (the core frees it). */
static char *pkg_text(const char *s, int *len)
{
	char *p;
	*len = (int)strlen(s);
	p = pkg_malloc((size_t)*len);
	if (p)
		memcpy(p, s, (size_t)*len);
	return p;
}

static int add_after(struct lump *anchor, const char *text)
{
	int len;
	char *p = pkg_text(text, &len);
	if (p == NULL || anchor == NULL)
		goto error;
	if (insert_new_lump_after(anchor, p, (unsigned int)len, 0) == NULL)
		goto error;
	return 0;
error:
	if (p)
		pkg_free(p);
	return -1;
}

static int mt_change(struct sip_msg *msg, char *a, char *b, char *c, char *d, char *e, char *f)
{
	struct lump *l;
	struct hdr_field *h;
	str body;
	int len;
	char *p;
	str uri = str_init("sip:changed@example.net");
	str duri = str_init("sip:10.9.9.9:5080;transport=udp");

	/* a header appended at the end of the headers */
	l = anchor_lump(msg, (unsigned int)(msg->unparsed - msg->buf), 0, 0);
	if (add_after(l, "X-MsgTest: appended\r\n") < 0)
		return -1;
	/* a header inserted before Call-ID */
	if (msg->callid) {
		l = anchor_lump(msg, (unsigned int)(msg->callid->name.s - msg->buf), 0, 0);
		p = pkg_text("X-Before-Callid: 1\r\n", &len);
		if (p == NULL || l == NULL || insert_new_lump_before(l, p, (unsigned int)len, 0) == NULL) {
			if (p)
				pkg_free(p);
			return -1;
		}
	}
	/* every User-Agent and Max-Forwards removed */
	for (h = msg->headers; h; h = h->next)
		if (h->type == HDR_USERAGENT_T || h->type == HDR_MAXFORWARDS_T)
			if (del_lump(msg, (unsigned int)(h->name.s - msg->buf), (unsigned int)h->len,
					h->type) == NULL)
				return -1;
	/* the receive socket, as a SUBST lump, and a conditional part */
	l = anchor_lump(msg, (unsigned int)(msg->unparsed - msg->buf), 0, 0);
	if (add_after(l, "X-Received-On: ") < 0)
		return -1;
	l = l->after;
	l = insert_subst_lump_after(l, SUBST_RCV_ALL, 0);
	l = l ? insert_cond_lump_after(l, COND_IF_DIFF_REALMS, 0) : NULL;
	if (l == NULL || add_after(l, ";via-other-socket") < 0)
		return -1;
	/* the line end goes on an anchor of its own: everything after a conditional lump
	 * is dropped with it when the condition is false */
	l = anchor_lump(msg, (unsigned int)(msg->unparsed - msg->buf), 0, 0);
	if (add_after(l, "\r\n") < 0)
		return -1;
	/* the body grows by one line */
	if (get_body(msg, &body) == 0 && body.s && body.len) {
		l = anchor_lump(msg, (unsigned int)(body.s + body.len - msg->buf), 0, 0);
		if (add_after(l, "a=msgtest\r\n") < 0)
			return -1;
	}
	/* R-URI and destination, flags, a digit of CSeq rewritten in place */
	if (msg->first_line.type == SIP_REQUEST) {
		if (set_ruri(msg, &uri) < 0 || set_dst_uri(msg, &duri) < 0)
			return -1;
	}
	msg->flags |= 1u << 3;
	msg->msg_flags |= FL_FORCE_RPORT;
	if (msg->cseq && get_cseq(msg)->number.len > 0)
		get_cseq(msg)->number.s[0] = '9';
	return 1;
}

static int mt_reply_lumps(struct sip_msg *msg, char *a, char *b, char *c, char *d, char *e, char *f)
{
	static char hdr[] = "X-Reply-Lump: static\r\n";
	if (add_lump_rpl(msg, "Allow: INVITE, ACK\r\n", 20, LUMP_RPL_HDR) == NULL)
		return -1;
	if (add_lump_rpl(msg, hdr, sizeof(hdr) - 1, LUMP_RPL_HDR | LUMP_RPL_NODUP | LUMP_RPL_NOFREE) == NULL)
		return -1;
	if (add_lump_rpl(msg, "reply body\r\n", 12, LUMP_RPL_BODY) == NULL)
		return -1;
	return 1;
}

static int mt_set_ruri(struct sip_msg *msg, char *uri, char *b, char *c, char *d, char *e, char *f)
{
	str s;
	s.s = uri;
	s.len = uri ? (int)strlen(uri) : 0;
	return set_ruri(msg, &s) == 0 ? 1 : -1;
}

static int mt_set_duri(struct sip_msg *msg, char *uri, char *b, char *c, char *d, char *e, char *f)
{
	str s;
	s.s = uri;
	s.len = uri ? (int)strlen(uri) : 0;
	return set_dst_uri(msg, &s) == 0 ? 1 : -1;
}
