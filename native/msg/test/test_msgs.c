/* See test_msgs.h. */
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include "test_msgs.h"

const char MSG_INVITE[] =
	"INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
	"Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds;rport\r\n"
	"Max-Forwards: 70\r\n"
	"To: Bob <sip:bob@biloxi.example.com>\r\n"
	"From: \"Alice A.\" <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
	"Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n"
	"CSeq: 314159 INVITE\r\n"
	"Contact: <sip:alice@pc33.atlanta.example.com>\r\n"
	"Record-Route: <sip:p1.example.com;lr>\r\n"
	"Content-Type: application/sdp\r\n"
	"Content-Length: 4\r\n"
	"\r\n"
	"v=0\n";

const char MSG_200_TWO_VIAS[] =
	"SIP/2.0 200 OK\r\n"
	"Via: SIP/2.0/UDP proxy.example.com;branch=z9hG4bKnashds8\r\n"
	"Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds;received=192.0.2.1\r\n"
	"To: Bob <sip:bob@biloxi.example.com>;tag=a6c85cf\r\n"
	"From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
	"Call-ID: a84b4c76e66710\r\n"
	"CSeq: 314159 INVITE\r\n"
	"Content-Length: 0\r\n"
	"\r\n";

const char MSG_REGISTER[] =
	"REGISTER sip:registrar.biloxi.example.com SIP/2.0\r\n"
	"Via: SIP/2.0/TCP bobspc.biloxi.example.com:5060;branch=z9hG4bKnashds7\r\n"
	"To: Bob <sip:bob@biloxi.example.com>\r\n"
	"From: Bob <sip:bob@biloxi.example.com>;tag=456248\r\n"
	"Call-ID: 843817637684230@998sdasdh09\r\n"
	"CSeq: 1826 REGISTER\r\n"
	"Contact: <sip:bob@192.0.2.4>;expires=3600;q=0.7, \"Bob Home\" <sip:bob@198.51.100.7:5070;transport=tcp>;q=0.1\r\n"
	"Contact: sip:bob@203.0.113.9;+sip.instance=\"<urn:uuid:1>\"\r\n"
	"Expires: 7200\r\n"
	"Allow: INVITE, ACK, BYE, OPTIONS\r\n"
	"Supported: path, gruu\r\n"
	"Content-Length: 0\r\n"
	"\r\n";

const char MSG_FOLDED_COMPACT[] =
	"OPTIONS sip:carol@chicago.example.com SIP/2.0\r\n"
	"v: SIP/2.0/UDP 192.0.2.10;branch=z9hG4bK1, SIP/2.0/UDP 192.0.2.11:5070;branch=z9hG4bK2\r\n"
	"t: sip:carol@chicago.example.com\r\n"
	"f: <sip:x@example.com>;tag=77\r\n"
	"i: folded-1\r\n"
	"Subject: first line\r\n"
	"  continued here\r\n"
	"X-Custom:  value  \r\n"
	"CSeq: 2 OPTIONS\r\n"
	"l: 0\r\n"
	"\r\n";

const char MSG_IPV6[] =
	"MESSAGE sip:user@[2001:db8::1]:5062;transport=tcp SIP/2.0\r\n"
	"Via: SIP/2.0/TCP [2001:db8::9]:5060;branch=z9hG4bK6;received=2001:db8::99\r\n"
	"To: <sip:user@[2001:db8::1]>\r\n"
	"From: <sip:me@[2001:db8::9]>;tag=6\r\n"
	"Call-ID: v6\r\n"
	"CSeq: 9 MESSAGE\r\n"
	"Content-Type: text/plain\r\n"
	"Content-Length: 5\r\n"
	"\r\n"
	"hello";

static int set_ip(int32_t *words, const char *txt, int *af)
{
	unsigned char b[16];
	memset(b, 0, sizeof(b));
	if (inet_pton(AF_INET6, txt, b) == 1) {
		*af = 6;
	} else if (inet_pton(AF_INET, txt, b) == 1) {
		*af = 4;
	} else {
		return -1;
	}
	memcpy(words, b, 16);
	return 0;
}

int fill_view(struct sb_slot *slot, const char *text, unsigned int id, int proto,
		const char *src, int sport, const char *dst, int dport)
{
	int32_t *in = sb_slot_input(slot);
	char *buf = sb_slot_buf(slot);
	int len = (int)strlen(text), n = 0, af;
	const char *p, *e, *sp1, *sp2, *end;

	if (len > sb_slot_buf_capacity(slot))
		return -1;
	memcpy(buf, text, (size_t)len);
	memset(in + 2, 0, sizeof(int32_t) * (size_t)(sb_slot_input_words(slot) - 2));
	in[SBV_MSG_LEN] = len;
	in[SBV_MSG_ID] = (int32_t)id;
	end = buf + len;
	/* start line */
	e = strstr(buf, "\r\n");
	if (e == NULL) return -1;
	in[SBV_FL_LEN] = (int32_t)(e + 2 - buf);
	sp1 = memchr(buf, ' ', (size_t)(e - buf));
	if (sp1 == NULL) return -1;
	sp2 = memchr(sp1 + 1, ' ', (size_t)(e - sp1 - 1));
	if (sp2 == NULL) return -1;
	in[SBV_T1_OFF] = 0; in[SBV_T1_LEN] = (int32_t)(sp1 - buf);
	in[SBV_T2_OFF] = (int32_t)(sp1 + 1 - buf); in[SBV_T2_LEN] = (int32_t)(sp2 - sp1 - 1);
	in[SBV_T3_OFF] = (int32_t)(sp2 + 1 - buf); in[SBV_T3_LEN] = (int32_t)(e - sp2 - 1);
	if (strncmp(buf, "SIP/2.0 ", 8) == 0) {
		in[SBV_TYPE] = SIP_REPLY;
		in[SBV_CODE] = atoi(sp1 + 1);
	} else {
		in[SBV_TYPE] = SIP_REQUEST;
		in[SBV_CODE] = (int32_t)sb_method_of(buf, (int)(sp1 - buf));
	}
	/* headers */
	p = e + 2;
	while (p < end && *p != '\r' && *p != '\n') {
		int32_t *h = in + SBV_HDRS + n * SBV_HDR_WORDS;
		const char *colon = memchr(p, ':', (size_t)(end - p)), *nm_end, *b, *le, *be;
		if (colon == NULL || n >= sb_slot_max_headers(slot)) return -1;
		for (nm_end = colon; nm_end > p && (nm_end[-1] == ' ' || nm_end[-1] == '\t'); nm_end--);
		/* the line, with folded continuations */
		le = p;
		for (;;) {
			const char *nl = memchr(le, '\n', (size_t)(end - le));
			if (nl == NULL) return -1;
			le = nl + 1;
			if (le >= end || (*le != ' ' && *le != '\t')) break;
		}
		b = colon + 1;
		while (b < le && (*b == ' ' || *b == '\t')) b++;
		be = le;
		while (be > b && (be[-1] == ' ' || be[-1] == '\t' || be[-1] == '\r' || be[-1] == '\n')) be--;
		h[SBVH_TYPE] = sb_hdr_type_of_name(p, (int)(nm_end - p));
		h[SBVH_NAME_OFF] = (int32_t)(p - buf);
		h[SBVH_NAME_LEN] = (int32_t)(nm_end - p);
		h[SBVH_BODY_OFF] = (int32_t)(b - buf);
		h[SBVH_BODY_LEN] = (int32_t)(be - b);
		h[SBVH_LINE_LEN] = (int32_t)(le - p);
		n++;
		p = le;
	}
	in[SBV_HDR_COUNT] = n;
	in[SBV_EOH_OFF] = (int32_t)(p - buf);
	if (p < end && *p == '\r') p++;
	if (p < end && *p == '\n') p++;
	in[SBV_BODY_OFF] = (int32_t)(p - buf);
	in[SBV_PROTO] = proto;
	if (set_ip(in + SBV_SRC_IP, src, &af) < 0 || set_ip(in + SBV_DST_IP, dst, &af) < 0)
		return -1;
	in[SBV_AF] = af;
	in[SBV_SRC_PORT] = sport;
	in[SBV_DST_PORT] = dport;
	sb_slot_mark_dirty(slot);
	return 0;
}
