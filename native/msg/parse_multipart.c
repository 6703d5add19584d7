/* parser/parse_multipart.h: msg->multi, the parts of the body. */
#include <string.h>
#include "sb_msg_int.h"
#pragma GCC visibility push(default)
#include "../../include/parser/parse_multipart.h"
#include "../../include/parser/sdp/sdp_helpr_funcs.h"
#pragma GCC visibility pop

void free_multi_body(struct multi_body *mb)
{
	struct part *p, *n;
	if (mb == NULL)
		return;
	for (p = mb->first; p; p = n) {
		n = p->next;
		pkg_free(p);
	}
	pkg_free(mb);
}

/* one part [start, end): headers, empty line, body; NULL on a broken part */
static struct part *parse_part(char *start, char *end)
{
	struct part *pt = pkg_malloc(sizeof(*pt));
	char *p = start;

	if (pt == NULL) {
		LM_ERR("no more pkg memory\n");
		return NULL;
	}
	memset(pt, 0, sizeof(*pt));
	pt->all_data.s = start;
	pt->all_data.len = (int)(end - start);
	pt->content_type = -1;
	for (;;) {
		struct hdr_field h;
		memset(&h, 0, sizeof(h));
		p = get_sdp_hdr_field(p, end, &h);
		if (h.type == HDR_ERROR_T) {
			pkg_free(pt);
			return NULL;
		}
		if (h.type == HDR_EOH_T)
			break;
		if (h.type == HDR_CONTENTTYPE_T) {
			unsigned int mime;
			if (decode_mime_type(h.body.s, h.body.s + h.body.len, &mime, NULL) == NULL) {
				LM_ERR("bad part Content-Type <%.*s>\n", h.body.len, h.body.s);
				pkg_free(pt);
				return NULL;
			}
			pt->content_type = (int)mime;
		}
	}
	/* skip the empty line */
	if (p < end && *p == '\r')
		p++;
	if (p < end && *p == '\n')
		p++;
	if (pt->content_type < 0)
		pt->content_type = (TYPE_TEXT << 16) + SUBTYPE_PLAIN;
	pt->body.s = p;
	pt->body.len = (int)(end - p);
	return pt;
}

struct multi_body *get_all_bodies(struct sip_msg *msg)
{
	struct multi_body *mb;
	struct part **tail, *pt;
	str body;
	int type;

	if (msg == NULL)
		return NULL;
	if (msg->multi)
		return msg->multi;
	if (get_body(msg, &body) != 0 || body.len == 0)
		return NULL;
	type = parse_content_type_hdr(msg);
	if (type <= 0)
		return NULL;
	mb = pkg_malloc(sizeof(*mb));
	if (mb == NULL) {
		LM_ERR("no more pkg memory\n");
		return NULL;
	}
	memset(mb, 0, sizeof(*mb));
	mb->boundary = ((content_t *)msg->content_type->parsed)->boundary;
	tail = &mb->first;
	if (((unsigned)type >> 16) == TYPE_MULTIPART) {
		char *limit = body.s + body.len, *d, *next;
		mb->from_multi_part = 1;
		d = find_sdp_line_delimiter(body.s, limit, mb->boundary);
		if (mb->boundary.len <= 0 || d == NULL) {
			LM_ERR("multipart body without its boundary\n");
			free_multi_body(mb);
			return NULL;
		}
		for (; (next = find_sdp_line_delimiter(d + 2 + mb->boundary.len, limit,
				mb->boundary)) != NULL; d = next) {
			char *s = d + 2 + mb->boundary.len, *e = next;
			while (s < e && *s != '\n')   /* rest of the boundary line */
				s++;
			if (s < e)
				s++;
			/* the line end before the next boundary belongs to it */
			if (e > s && e[-1] == '\n')
				e--;
			if (e > s && e[-1] == '\r')
				e--;
			pt = parse_part(s, e);
			if (pt == NULL) {
				LM_ERR("bad body part\n");
				free_multi_body(mb);
				return NULL;
			}
			*tail = pt;
			tail = &pt->next;
			mb->part_count++;
		}
	} else {
		pt = pkg_malloc(sizeof(*pt));
		if (pt == NULL) {
			free_multi_body(mb);
			return NULL;
		}
		memset(pt, 0, sizeof(*pt));
		pt->content_type = type;
		pt->body = body;
		pt->all_data = body;
		*tail = pt;
		mb->part_count = 1;
	}
	msg->multi = mb;
	return mb;
}
