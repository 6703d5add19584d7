/* parser/parse_call_info.h: every Call-Info header, each value a to_body. */
#include <string.h>
#include "sb_msg_int.h"
#pragma GCC visibility push(default)
#include "../../include/parser/parse_call_info.h"
#pragma GCC visibility pop

void free_call_info(struct call_info_body *b)
{
	struct call_info_body *next;
	for (; b; b = next) {
		next = b->next;
		free_to_params(&b->call_info_body);
		pkg_free(b);
	}
}

/* the values of one header, split at commas outside quotes and <> */
static int parse_one(struct hdr_field *h)
{
	struct call_info_body *head = NULL, **tail = &head, *b;
	char *p = h->body.s, *end = h->body.s + h->body.len, *start = p;
	int quoted = 0, angle = 0;

	for (;; p++) {
		if (p < end) {
			if (*p == '"' && (p == h->body.s || p[-1] != '\\'))
				quoted = !quoted;
			else if (!quoted && *p == '<')
				angle = 1;
			else if (!quoted && *p == '>')
				angle = 0;
			if (*p != ',' || quoted || angle)
				continue;
		}
		b = pkg_malloc(sizeof(*b));
		if (b == NULL) {
			LM_ERR("no more pkg memory\n");
			goto error;
		}
		memset(b, 0, sizeof(*b));
		*tail = b;
		tail = &b->next;
		/* parse_to wants the value followed by a line end; the header body is */
		parse_to(start, p, &b->call_info_body);
		if (b->call_info_body.error == PARSE_ERROR) {
			LM_ERR("bad Call-Info value <%.*s>\n", (int)(p - start), start);
			goto error;
		}
		if (p >= end)
			break;
		start = p + 1;
	}
	h->parsed = head;
	return 0;
error:
	free_call_info(head);
	return -1;
}

int parse_call_info_header(struct sip_msg *msg)
{
	struct hdr_field *h;

	if (msg == NULL)
		return -1;
	if (!msg->call_info && (parse_headers(msg, HDR_CALL_INFO_F, 0) == -1 || !msg->call_info))
		return -1;
	if (msg->call_info->parsed)
		return 0;
	for (h = msg->call_info; h; h = h->sibling)
		if (h->parsed == NULL && parse_one(h) < 0)
			return -1;
	return 0;
}
