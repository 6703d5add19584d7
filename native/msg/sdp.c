/* parser/sdp/sdp.h: SDP sessions, streams and payloads of a message body
 * (application/sdp, or the application/sdp parts of multipart/mixed). */
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include "sb_msg_int.h"
#pragma GCC visibility push(default)
#include "../../include/parser/sdp/sdp.h"
#include "../../include/parser/sdp/sdp_helpr_funcs.h"
#include "../../include/parser/sdp/sdp_cloner.h"
#pragma GCC visibility pop

static void *zalloc(size_t n)
{
	void *p = pkg_malloc(n);
	if (p)
		memset(p, 0, n);
	else
		LM_ERR("no more pkg memory\n");
	return p;
}

static int is_hold_ip(const str *ip)
{
	return ip->len == 7 && strncmp(ip->s, "0.0.0.0", 7) == 0;
}

/* the payload list "0 8 101" of a stream: one attr each, newest first, plus the
 * by-index array */
static int add_payloads(sdp_stream_cell_t *st)
{
	char *p = st->payloads.s, *end = st->payloads.s + st->payloads.len;
	sdp_payload_attr_t *a;
	int i;

	while (p < end) {
		char *t = p;
		while (t < end && *t != ' ' && *t != '\t')
			t++;
		if (t > p) {
			a = zalloc(sizeof(*a));
			if (a == NULL)
				return -1;
			a->payload_num = st->payloads_num++;
			a->rtp_payload.s = p;
			a->rtp_payload.len = (int)(t - p);
			a->next = st->payload_attr;
			st->payload_attr = a;
		}
		p = t;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
	}
	if (st->payloads_num == 0)
		return 0;
	st->p_payload_attr = pkg_malloc((size_t)st->payloads_num * sizeof(*st->p_payload_attr));
	if (st->p_payload_attr == NULL) {
		LM_ERR("no more pkg memory\n");
		return -1;
	}
	for (i = st->payloads_num - 1, a = st->payload_attr; a; a = a->next, i--)
		st->p_payload_attr[i] = a;
	return 0;
}

/* the a= lines of one media description [m, mend) */
static void parse_attributes(sdp_stream_cell_t *st, char *m, char *mend)
{
	char *a = find_sdp_line(m, mend, 'a');
	int with_payloads = st->payloads_num > 0;

	for (; a && a < mend; a = find_next_sdp_line(a, mend, 'a', NULL)) {
		str line, pt, enc, clock, params, fmtp;
		sdp_payload_attr_t *pa;

		line.s = a;
		line.len = (int)(mend - a);
		if (with_payloads && extract_ptime(&line, &st->ptime) == 0)
			continue;
		if (with_payloads && extract_sendrecv_mode(&line, &st->sendrecv_mode,
				&st->is_on_hold) == 0)
			continue;
		if (with_payloads && extract_rtpmap(&line, &pt, &enc, &clock, &params) == 0) {
			pa = get_sdp_payload4payload(st, &pt);
			if (pa) {
				pa->rtp_enc = enc;
				pa->rtp_clock = clock;
				pa->rtp_params = params;
			} else {
				LM_DBG("a=rtpmap for payload %.*s not in m=\n", pt.len, pt.s);
			}
			continue;
		}
		if (extract_rtcp(&line, &st->rtcp_port) == 0)
			continue;
		if (with_payloads && extract_fmtp(&line, &pt, &fmtp) == 0) {
			pa = get_sdp_payload4payload(st, &pt);
			if (pa)
				pa->fmtp_string = fmtp;
			continue;
		}
		if (extract_accept_types(&line, &st->accept_types) == 0 ||
				extract_accept_wrapped_types(&line, &st->accept_wrapped_types) == 0 ||
				extract_max_size(&line, &st->max_size) == 0 ||
				extract_path(&line, &st->path) == 0)
			continue;
	}
}

int parse_sdp_session(str *sdp_body, int session_num, str *cnt_disp, sdp_info_t *sdp)
{
	char *limit = sdp_body->s + sdp_body->len, *v, *o, *m, *mnext, *c, *b;
	sdp_session_cell_t *se;
	str t;
	int n;

	v = find_sdp_line(sdp_body->s, limit, 'v');
	if (v == NULL) {
		LM_ERR("no v= line: not an SDP session\n");
		return -1;
	}
	o = find_sdp_line(v, limit, 'o');
	if (o == NULL) {
		LM_ERR("no o= line in the SDP session\n");
		return -1;
	}
	m = find_sdp_line(o, limit, 'm');
	if (m == NULL) {
		LM_ERR("no m= line in the SDP session\n");
		return -1;
	}
	se = zalloc(sizeof(*se));
	if (se == NULL)
		return -1;
	se->session_num = session_num;
	if (cnt_disp)
		se->cnt_disp = *cnt_disp;
	se->next = sdp->sessions;
	sdp->sessions = se;
	sdp->sessions_num++;

	t.s = o;
	t.len = (int)(limit - o);
	if (extract_mediaip(&t, &se->o_ip_addr, &se->o_pf, "o=") == -1) {
		LM_ERR("no address in the o= line\n");
		return -1;
	}
	/* session-level c= and b= lie before the first m= */
	c = find_sdp_line(o, m, 'c');
	if (c) {
		t.s = c;
		t.len = (int)(limit - c);
		if (extract_mediaip(&t, &se->ip_addr, &se->pf, "c=") == -1) {
			LM_ERR("bad session c= line\n");
			return -1;
		}
	}
	b = find_sdp_line(o, m, 'b');
	if (b) {
		t.s = b;
		t.len = (int)(m - b);
		extract_bwidth(&t, &se->bw_type, &se->bw_width);
	}

	for (n = 0; m && m < limit; m = mnext, n++) {
		sdp_stream_cell_t *st;
		char *sc;

		mnext = find_next_sdp_line(m, limit, 'm', limit);
		st = zalloc(sizeof(*st));
		if (st == NULL)
			return -1;
		st->stream_num = n;
		st->next = se->streams;
		se->streams = st;
		se->streams_num++;
		sdp->streams_num++;

		sc = find_sdp_line(m, mnext, 'c');
		if (sc) {
			t.s = sc;
			t.len = (int)(limit - sc);
			if (extract_mediaip(&t, &st->ip_addr, &st->pf, "c=") == -1) {
				LM_ERR("bad media c= line\n");
				return -1;
			}
		} else if (!c) {
			LM_ERR("stream %d has no c= line and the session none either\n", n);
			return -1;
		}
		t.s = m;
		t.len = (int)(mnext - m);
		if (extract_media_attr(&t, &st->media, &st->port, &st->transport, &st->payloads,
				&st->is_rtp) == -1) {
			LM_ERR("bad m= line\n");
			return -1;
		}
		b = find_sdp_line(m, mnext, 'b');
		if (b) {
			t.s = b;
			t.len = (int)(mnext - b);
			extract_bwidth(&t, &st->bw_type, &st->bw_width);
		}
		if (add_payloads(st) < 0)
			return -1;
		parse_attributes(st, m, mnext);
		/* a 0.0.0.0 connection address is the old way of putting media on hold */
		if (!st->is_on_hold) {
			if (st->ip_addr.len)
				st->is_on_hold = is_hold_ip(&st->ip_addr);
			else if (se->ip_addr.len)
				st->is_on_hold = is_hold_ip(&se->ip_addr);
		}
	}
	return 0;
}

/* the application/sdp parts of a multipart/mixed body */
static int parse_mixed(str *body, str delim, sdp_info_t *sdp)
{
	char *limit = body->s + body->len, *d, *dnext, *p;
	int session_num = 0;

	d = find_sdp_line_delimiter(body->s, limit, delim);
	if (d == NULL) {
		LM_ERR("multipart body without its boundary\n");
		return -1;
	}
	for (; d && d < limit; d = dnext) {
		struct hdr_field hf;
		str cnt_disp = { NULL, 0 }, part;
		int is_sdp = 0;

		dnext = find_next_sdp_line_delimiter(d, limit, delim, limit);
		/* skip the boundary line */
		p = d + 2 + delim.len;
		while (p < dnext && *p != '\n')
			p++;
		if (p >= dnext)
			continue;   /* the closing boundary "--x--" */
		p++;
		for (;;) {
			memset(&hf, 0, sizeof(hf));
			p = get_sdp_hdr_field(p, dnext, &hf);
			if (hf.type == HDR_EOH_T)
				break;
			if (hf.type == HDR_ERROR_T)
				return -1;
			if (hf.type == HDR_CONTENTTYPE_T) {
				unsigned int mime;
				char *e = hf.body.s + hf.body.len;
				char *r = decode_mime_type(hf.body.s, e, &mime, NULL);
				if (r == NULL || r != e) {
					LM_ERR("bad part Content-Type <%.*s>\n", hf.body.len, hf.body.s);
					return -1;
				}
				if ((mime >> 16) == TYPE_APPLICATION && (mime & 0xff) == SUBTYPE_SDP)
					is_sdp = 1;
			} else if (hf.type == HDR_CONTENTDISPOSITION_T) {
				cnt_disp = hf.body;
			}
		}
		if (!is_sdp)
			continue;
		part.s = p;
		part.len = (int)(dnext - p);
		if (parse_sdp_session(&part, session_num, &cnt_disp, sdp) != 0)
			return -1;
		session_num++;
	}
	return 0;
}

int parse_sdp(struct sip_msg *msg)
{
	str body, delim;
	int mime, rc;

	if (msg == NULL)
		return -1;
	if (msg->sdp)
		return 0;
	if (get_body(msg, &body) != 0 || body.len == 0) {
		LM_DBG("no message body\n");
		return 1;
	}
	mime = parse_content_type_hdr(msg);
	if (mime <= 0)
		return -1;
	if (((unsigned)mime >> 16) == TYPE_APPLICATION && (mime & 0xff) == SUBTYPE_SDP) {
		delim.s = NULL;
		delim.len = 0;
	} else if (((unsigned)mime >> 16) == TYPE_MULTIPART && (mime & 0xff) == SUBTYPE_MIXED) {
		if (get_mixed_part_delimiter(&msg->content_type->body, &delim) <= 0)
			return -1;
	} else {
		LM_DBG("body type %d/%d is not SDP\n", (unsigned)mime >> 16, mime & 0xff);
		return -1;
	}
	msg->sdp = zalloc(sizeof(sdp_info_t));
	if (msg->sdp == NULL)
		return -1;
	rc = delim.s ? parse_mixed(&body, delim, msg->sdp) :
		parse_sdp_session(&body, 0, NULL, msg->sdp);
	if (rc != 0)
		free_sdp(&msg->sdp);
	return rc;
}

int get_sdp_session_num(struct sip_msg *m)
{
	return m && m->sdp ? m->sdp->sessions_num : 0;
}

int get_sdp_stream_num(struct sip_msg *m)
{
	return m && m->sdp ? m->sdp->streams_num : 0;
}

sdp_session_cell_t *get_sdp_session_sdp(struct sdp_info *sdp, int num)
{
	sdp_session_cell_t *s;
	if (sdp == NULL || num < 0 || num >= sdp->sessions_num)
		return NULL;
	for (s = sdp->sessions; s; s = s->next)
		if (s->session_num == num)
			return s;
	return NULL;
}

sdp_session_cell_t *get_sdp_session(struct sip_msg *m, int num)
{
	return m ? get_sdp_session_sdp(m->sdp, num) : NULL;
}

sdp_stream_cell_t *get_sdp_stream_sdp(struct sdp_info *sdp, int session_num, int stream_num)
{
	sdp_session_cell_t *s = get_sdp_session_sdp(sdp, session_num);
	sdp_stream_cell_t *st;
	if (s == NULL || stream_num < 0 || stream_num >= s->streams_num)
		return NULL;
	for (st = s->streams; st; st = st->next)
		if (st->stream_num == stream_num)
			return st;
	return NULL;
}

sdp_stream_cell_t *get_sdp_stream(struct sip_msg *m, int session_num, int stream_num)
{
	return m ? get_sdp_stream_sdp(m->sdp, session_num, stream_num) : NULL;
}

sdp_payload_attr_t *get_sdp_payload4payload(sdp_stream_cell_t *st, str *pt)
{
	int i;
	if (st == NULL || pt == NULL || st->p_payload_attr == NULL)
		return NULL;
	for (i = 0; i < st->payloads_num; i++) {
		sdp_payload_attr_t *a = st->p_payload_attr[i];
		if (a->rtp_payload.len == pt->len && strncmp(a->rtp_payload.s, pt->s, (size_t)pt->len) == 0)
			return a;
	}
	return NULL;
}

sdp_payload_attr_t *get_sdp_payload4index(sdp_stream_cell_t *st, int index)
{
	if (st == NULL || st->p_payload_attr == NULL || index < 0 || index >= st->payloads_num) {
		LM_ERR("no payload %d in the stream\n", index);
		return NULL;
	}
	return st->p_payload_attr[index];
}

void __free_sdp(sdp_info_t *sdp)
{
	sdp_session_cell_t *s, *sn;
	sdp_stream_cell_t *st, *stn;
	sdp_payload_attr_t *a, *an;

	if (sdp == NULL)
		return;
	for (s = sdp->sessions; s; s = sn) {
		sn = s->next;
		for (st = s->streams; st; st = stn) {
			stn = st->next;
			for (a = st->payload_attr; a; a = an) {
				an = a->next;
				pkg_free(a);
			}
			if (st->p_payload_attr)
				pkg_free(st->p_payload_attr);
			pkg_free(st);
		}
		pkg_free(s);
	}
	sdp->sessions = NULL;
	sdp->sessions_num = sdp->streams_num = 0;
}

void free_sdp(sdp_info_t **sdp)
{
	if (sdp == NULL || *sdp == NULL)
		return;
	__free_sdp(*sdp);
	pkg_free(*sdp);
	*sdp = NULL;
}

#define S(x) (x).len, ZSW((x).s)

void print_sdp_stream(sdp_stream_cell_t *st, int level)
{
	sdp_payload_attr_t *a;
	if (st == NULL)
		return;
	LM_GEN1(level, "  stream %d: media '%.*s' ip '%.*s' port '%.*s' rtcp '%.*s' transport "
			"'%.*s' rtp=%d payloads '%.*s' (%d) mode '%.*s' ptime '%.*s' hold=%d\n",
			st->stream_num, S(st->media), S(st->ip_addr), S(st->port), S(st->rtcp_port),
			S(st->transport), st->is_rtp, S(st->payloads), st->payloads_num,
			S(st->sendrecv_mode), S(st->ptime), st->is_on_hold);
	for (a = st->payload_attr; a; a = a->next)
		LM_GEN1(level, "    payload %d: '%.*s' '%.*s/%.*s/%.*s' fmtp '%.*s'\n", a->payload_num,
				S(a->rtp_payload), S(a->rtp_enc), S(a->rtp_clock), S(a->rtp_params),
				S(a->fmtp_string));
}

void print_sdp_session(sdp_session_cell_t *s, int level)
{
	sdp_stream_cell_t *st;
	if (s == NULL) {
		LM_ERR("NULL session\n");
		return;
	}
	LM_GEN1(level, " session %d: disposition '%.*s' c= '%.*s' o= '%.*s' b= '%.*s:%.*s' "
			"streams %d\n", s->session_num, S(s->cnt_disp), S(s->ip_addr), S(s->o_ip_addr),
			S(s->bw_type), S(s->bw_width), s->streams_num);
	for (st = s->streams; st; st = st->next)
		print_sdp_stream(st, level);
}

void print_sdp(sdp_info_t *sdp, int level)
{
	sdp_session_cell_t *s;
	if (sdp == NULL)
		return;
	LM_GEN1(level, "sdp: %d sessions, %d streams\n", sdp->sessions_num, sdp->streams_num);
	for (s = sdp->sessions; s; s = s->next)
		print_sdp_session(s, level);
}
