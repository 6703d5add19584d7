/* parse_msg: a whole SIP message in a module's buffer (tm's faked replies, messages a
 * module receives itself) into a struct sip_msg of its own. Unlike the core's view, all
 * of it is pkg memory the message owns: headers, the eagerly parsed Via/To/CSeq bodies
 * and Content-Length, as 1.11's parse_msg + parse_headers(HDR_EOH_F) leave them.
 * free_sip_msg releases it. */
#include <string.h>
#include <strings.h>
#include "sb_msg_int.h"
#pragma GCC visibility push(default)
#include "../../include/parser/parse_fline.h"
#include "../../include/parser/parse_hname2.h"
#pragma GCC visibility pop

static char *line_end(char *p, char *end)
{
	char *lf = memchr(p, '\n', (size_t)(end - p));
	return lf ? lf + 1 : end;
}

/* next space-separated token of [*p, le) */
static int take_token(char **p, char *le, str *tok)
{
	char *s = *p;
	while (s < le && *s == ' ')
		s++;
	tok->s = s;
	while (s < le && *s != ' ' && *s != '\r' && *s != '\n')
		s++;
	tok->len = (int)(s - tok->s);
	*p = s;
	return tok->len > 0 ? 0 : -1;
}

char *parse_first_line(char *buffer, unsigned int len, struct msg_start *fl)
{
	char *end = buffer + len, *le, *p = buffer, *r;
	str a, b, c;

	memset(fl, 0, sizeof(*fl));
	fl->type = SIP_INVALID;
	if (buffer == NULL || len == 0)
		return buffer;
	le = line_end(buffer, end);
	fl->len = (int)(le - buffer);
	if (take_token(&p, le, &a) < 0 || take_token(&p, le, &b) < 0)
		goto bad;
	if (a.len == SIP_VERSION_LEN && strncasecmp(a.s, SIP_VERSION, SIP_VERSION_LEN) == 0) {
		/* reply: the reason phrase is the rest of the line (may hold spaces) */
		if (b.len != 3 || b.s[0] < '1' || b.s[0] > '6' || b.s[1] < '0' || b.s[1] > '9' ||
				b.s[2] < '0' || b.s[2] > '9')
			goto bad;
		while (p < le && *p == ' ')
			p++;
		r = le;
		while (r > p && (r[-1] == '\n' || r[-1] == '\r'))
			r--;
		fl->type = SIP_REPLY;
		fl->u.reply.version = a;
		fl->u.reply.status = b;
		fl->u.reply.reason.s = p;
		fl->u.reply.reason.len = (int)(r - p);
		fl->u.reply.statuscode = (unsigned)((b.s[0] - '0') * 100 + (b.s[1] - '0') * 10 +
				(b.s[2] - '0'));
		return le;
	}
	if (take_token(&p, le, &c) < 0 || c.len != SIP_VERSION_LEN ||
			strncasecmp(c.s, SIP_VERSION, SIP_VERSION_LEN) != 0)
		goto bad;
	while (p < le && *p == ' ')
		p++;
	if (p < le && *p != '\r' && *p != '\n')
		goto bad;
	fl->type = SIP_REQUEST;
	fl->u.request.method = a;
	fl->u.request.uri = b;
	fl->u.request.version = c;
	fl->u.request.method_value = (int)sb_method_of(a.s, a.len);
	return le;
bad:
	LM_DBG("bad start line <%.*s>\n", (int)(le - buffer), buffer);
	fl->type = SIP_INVALID;
	return le;
}

/* what 1.11 parses while it reads the headers; -1 when that body is broken */
static int parse_eager(struct hdr_field *hf)
{
	char *end = hf->body.s + hf->body.len;
	int clen;

	switch (hf->type) {
	case HDR_VIA_T: {
		struct via_body *vb = pkg_malloc(sizeof(*vb));
		if (vb == NULL)
			return -1;
		memset(vb, 0, sizeof(*vb));
		hf->parsed = vb;     /* owned by the header even when it fails half-way */
		sb_parse_via(hf->body.s, end, vb, &sb_pkg_mem);
		if (vb->error != PARSE_OK)
			return -1;
		vb->hdr = hf->name;
		return 0;
	}
	case HDR_TO_T: {
		struct to_body *tb = pkg_malloc(sizeof(*tb));
		if (tb == NULL)
			return -1;
		memset(tb, 0, sizeof(*tb));
		hf->parsed = tb;
		sb_parse_to(hf->body.s, end, tb, &sb_pkg_mem);
		return tb->error == PARSE_OK ? 0 : -1;
	}
	case HDR_CSEQ_T: {
		struct cseq_body *cb = pkg_malloc(sizeof(*cb));
		if (cb == NULL)
			return -1;
		memset(cb, 0, sizeof(*cb));
		hf->parsed = cb;
		sb_parse_cseq(hf->body.s, end, cb);
		return cb->error == PARSE_OK ? 0 : -1;
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

int parse_msg(char *buf, unsigned int len, struct sip_msg *msg)
{
	char *p, *end, *le;
	struct hdr_field *hf, **tails[HDR_EOH_T];

	if (buf == NULL || msg == NULL) {
		LM_ERR("no message to parse\n");
		return -1;
	}
	if (msg->sb_slot != NULL) {
		LM_BUG("parse_msg() on a message of the core\n");
		return -1;
	}
	if (msg->buf == NULL) {
		msg->buf = buf;
		msg->len = len;
	}
	end = buf + len;
	for (p = buf; p < end && (*p == '\r' || *p == '\n'); p++)
		;
	p = parse_first_line(p, (unsigned int)(end - p), &msg->first_line);
	if (msg->first_line.type == SIP_INVALID) {
		msg->unparsed = end;
		LM_ERR("not a SIP message: <%.*s>\n", (int)len > 64 ? 64 : (int)len, buf);
		return -1;
	}
	memset(tails, 0, sizeof(tails));
	msg->headers = msg->last_header = NULL;
	while (p < end && *p != '\r' && *p != '\n') {
		char *body;
		struct hdr_field **hook;

		/* the header line and its continuation lines */
		le = line_end(p, end);
		while (le < end && (*le == ' ' || *le == '\t'))
			le = line_end(le, end);
		hf = pkg_malloc(sizeof(*hf));
		if (hf == NULL) {
			LM_ERR("no more pkg memory\n");
			goto error;
		}
		memset(hf, 0, sizeof(*hf));
		if (msg->last_header)
			msg->last_header->next = hf;
		else
			msg->headers = hf;
		msg->last_header = hf;
		body = parse_hname2(p, le, hf);
		if (body == NULL || hf->type == HDR_ERROR_T) {
			LM_ERR("bad header line <%.*s>\n", (int)(le - p), p);
			goto error;
		}
		while (body < le && (*body == ' ' || *body == '\t'))
			body++;
		hf->body.s = body;
		hf->body.len = (int)(le - body);
		trim_r(hf->body);
		hf->len = (int)(le - p);
		if (parse_eager(hf) < 0) {
			LM_ERR("bad %.*s header\n", hf->name.len, hf->name.s);
			goto error;
		}
		hook = sb_hdr_shortcut(msg, hf->type);
		if (hook) {
			if (sb_hdr_has_siblings(hf->type)) {
				if (*hook == NULL)
					*hook = hf;
				else
					*tails[hf->type] = hf;
				tails[hf->type] = &hf->sibling;
			} else if (*hook == NULL) {
				*hook = hf;
			}
		}
		if (hf->type == HDR_VIA_T) {
			struct via_body *vb = hf->parsed;
			if (hf == msg->h_via1) {
				msg->via1 = vb;
				if (vb->next) {
					msg->via2 = vb->next;
					msg->h_via2 = hf;
				}
			} else if (msg->h_via2 == NULL) {
				msg->via2 = vb;
				msg->h_via2 = hf;
			}
		}
		p = le;
	}
	msg->eoh = p;
	msg->unparsed = p;
	msg->parsed_flag = HDR_EOH_F;
	return 0;
error:
	msg->unparsed = end;
	return -1;
}
