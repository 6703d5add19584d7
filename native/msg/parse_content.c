/* Content-Length, Content-Type and Accept. */
#include <string.h>
#include <strings.h>
#include "sb_msg_int.h"

char *parse_content_length(char *buffer, char *end, int *len)
{
	char *p = buffer;
	long n = 0;
	int digits = 0;

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	for (; p < end && *p >= '0' && *p <= '9'; p++, digits++) {
		n = n * 10 + (*p - '0');
		if (n > 0x7fffffffL)
			return NULL;
	}
	if (digits == 0)
		return NULL;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	/* only the end of the line may follow */
	if (p < end && *p == '\r')
		p++;
	if (p < end) {
		if (*p != '\n')
			return NULL;
		p++;
	}
	*len = (int)n;
	return p;
}

static const struct { const char *name; unsigned short v; } mime_types[] = {
	{ "text", TYPE_TEXT }, { "message", TYPE_MESSAGE },
	{ "application", TYPE_APPLICATION }, { "multipart", TYPE_MULTIPART }, { "*", TYPE_ALL },
};
static const struct { const char *name; unsigned short v; } mime_subtypes[] = {
	{ "plain", SUBTYPE_PLAIN }, { "cpim", SUBTYPE_CPIM }, { "sdp", SUBTYPE_SDP },
	{ "cpl+xml", SUBTYPE_CPLXML }, { "pidf+xml", SUBTYPE_PIDFXML },
	{ "rlmi+xml", SUBTYPE_RLMIXML }, { "related", SUBTYPE_RELATED },
	{ "lpidf+xml", SUBTYPE_LPIDFXML }, { "xpidf+xml", SUBTYPE_XPIDFXML },
	{ "watcherinfo+xml", SUBTYPE_WATCHERINFOXML },
	{ "external-body", SUBTYPE_EXTERNAL_BODY },
	{ "xml+msrtc.pidf", SUBTYPE_XML_MSRTC_PIDF },
	{ "simple-message-summary", SUBTYPE_SMS }, { "mixed", SUBTYPE_MIXED },
	{ "isup", SUBTYPE_ISUP }, { "*", SUBTYPE_ALL },
};

#define LOOKUP(table, s, n, dflt) ({ \
	unsigned short _v = (dflt); \
	for (size_t _i = 0; _i < sizeof(table) / sizeof(table[0]); _i++) \
		if (strlen(table[_i].name) == (size_t)(n) && \
				strncasecmp((s), table[_i].name, (size_t)(n)) == 0) { \
			_v = table[_i].v; break; } \
	_v; })

static int is_tok(char c)
{
	return c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '/' && c != ';' &&
		c != ',';
}

char *decode_mime_type(char *start, char *end, unsigned int *mime_type, content_t *con)
{
	char *p = start, *q;
	unsigned short type, subtype;

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	for (q = p; q < end && is_tok(*q); q++);
	if (q == p)
		return NULL;
	type = LOOKUP(mime_types, p, q - p, TYPE_UNKNOWN);
	p = q;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p >= end || *p != '/')
		return NULL;
	p++;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	for (q = p; q < end && is_tok(*q); q++);
	if (q == p)
		return NULL;
	subtype = LOOKUP(mime_subtypes, p, q - p, SUBTYPE_UNKNOWN);
	p = q;
	*mime_type = ((unsigned int)type << 16) | subtype;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p < end && *p == ';') {
		str params = { p + 1, (int)(end - p - 1) };
		param_t *list = NULL, *par;
		if (parse_params(&params, CLASS_ANY, NULL, &list) < 0)
			return NULL;
		if (con) {
			con->params = list;
			for (par = list; par; par = par->next) {
				if (par->name.len == 8 && strncasecmp(par->name.s, "boundary", 8) == 0)
					con->boundary = par->body;
				else if (par->name.len == 5 && strncasecmp(par->name.s, "start", 5) == 0)
					con->start = par->body;
			}
		} else {
			free_params(list);
		}
		p = params.s;
	}
	return p;
}

int parse_content_type_hdr(struct sip_msg *msg)
{
	content_t *con;
	unsigned int mime;
	char *end, *p;

	if (msg == NULL || msg->content_type == NULL)
		return 0;
	if (msg->content_type->parsed)
		return get_content_type(msg);
	con = pkg_malloc(sizeof(*con));
	if (con == NULL) {
		LM_ERR("no more pkg memory\n");
		return -1;
	}
	memset(con, 0, sizeof(*con));
	end = msg->content_type->body.s + msg->content_type->body.len;
	p = decode_mime_type(msg->content_type->body.s, end, &mime, con);
	if (p == NULL || p != end) {
		LM_ERR("bad Content-Type <%.*s>\n", msg->content_type->body.len,
				msg->content_type->body.s);
		free_contenttype(&con);
		return -1;
	}
	con->type = (int)mime;
	msg->content_type->parsed = con;
	return con->type;
}

void free_contenttype(content_t **con)
{
	if (con == NULL || *con == NULL || sb_mem_is_core(*con))
		return;
	free_params((*con)->params);
	pkg_free(*con);
	*con = NULL;
}

int parse_accept_hdr(struct sip_msg *msg)
{
	int mimes[MAX_MIMES_NR];
	int n = 0;
	char *p, *end;
	unsigned int mime;

	if (msg == NULL || msg->accept == NULL)
		return 0;
	if (msg->accept->parsed)
		return 1;
	p = msg->accept->body.s;
	end = p + msg->accept->body.len;
	while (p < end) {
		if (n == MAX_MIMES_NR - 1)
			return -1;
		p = decode_mime_type(p, end, &mime, NULL);
		if (p == NULL)
			return -1;
		mimes[n++] = (int)mime;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (p < end) {
			if (*p != ',')
				return -1;
			p++;
		}
	}
	msg->accept->parsed = pkg_malloc((size_t)(n + 1) * sizeof(int));
	if (msg->accept->parsed == NULL)
		return -1;
	memcpy(msg->accept->parsed, mimes, (size_t)n * sizeof(int));
	((int *)msg->accept->parsed)[n] = 0;
	return 1;
}
