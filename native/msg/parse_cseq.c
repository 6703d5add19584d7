/* CSeq: number LWS method. */
#include <string.h>
#include <strings.h>
#include "sb_msg_int.h"

unsigned int sb_method_of(const char *s, int len)
{
	static const struct { const char *name; unsigned int m; } methods[] = {
		{ "INVITE", METHOD_INVITE }, { "CANCEL", METHOD_CANCEL }, { "ACK", METHOD_ACK },
		{ "BYE", METHOD_BYE }, { "INFO", METHOD_INFO }, { "OPTIONS", METHOD_OPTIONS },
		{ "UPDATE", METHOD_UPDATE }, { "REGISTER", METHOD_REGISTER },
		{ "MESSAGE", METHOD_MESSAGE }, { "SUBSCRIBE", METHOD_SUBSCRIBE },
		{ "NOTIFY", METHOD_NOTIFY }, { "PRACK", METHOD_PRACK }, { "REFER", METHOD_REFER },
		{ "PUBLISH", METHOD_PUBLISH },
	};
	for (size_t i = 0; i < sizeof(methods) / sizeof(methods[0]); i++)
		if ((size_t)len == strlen(methods[i].name) &&
				strncasecmp(s, methods[i].name, (size_t)len) == 0)
			return methods[i].m;
	return METHOD_OTHER;
}

char *sb_parse_cseq(char *buf, char *end, struct cseq_body *cb)
{
	char *p = buf, *q;

	cb->error = PARSE_ERROR;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	for (q = p; q < end && *q >= '0' && *q <= '9'; q++);
	if (q == p || q - p > 10)
		return end;
	cb->number.s = p;
	cb->number.len = (int)(q - p);
	p = eat_lws_end(q, end);
	if (p == q)
		return end;
	for (q = p; q < end && *q != ' ' && *q != '\t' && *q != '\r' && *q != '\n'; q++);
	if (q == p)
		return end;
	cb->method.s = p;
	cb->method.len = (int)(q - p);
	cb->method_id = sb_method_of(p, (int)(q - p));
	p = q;
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
		p++;
	if (p != end)
		return end;
	cb->error = PARSE_OK;
	return end;
}

char *parse_cseq(char *buf, char *end, struct cseq_body *cb)
{
	if (buf == NULL || end == NULL || cb == NULL || end < buf) {
		if (cb) cb->error = PARSE_ERROR;
		return buf;
	}
	memset(cb, 0, sizeof(*cb));
	return sb_parse_cseq(buf, eat_line(buf, (unsigned int)(end - buf)), cb);
}

void free_cseq(struct cseq_body *cb)
{
	if (cb && !sb_mem_is_core(cb))
		pkg_free(cb);
}
