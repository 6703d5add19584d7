/* Method lists (Allow) and option-tag lists (Supported). */
#include <string.h>
#include <strings.h>
#include "sb_msg_int.h"

static int is_sep(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',';
}

char *parse_method(char *start, char *end, unsigned int *method)
{
	char *q = start;
	if (start == NULL || end == NULL || method == NULL || start >= end)
		return NULL;
	while (q < end && !is_sep(*q))
		q++;
	if (q == start)
		return NULL;
	*method = sb_method_of(start, (int)(q - start));
	return q;
}

/* Calls f(token) for each comma-separated token of body; -1 on an empty element. */
static int for_each_token(str *body, unsigned int *mask,
		unsigned int (*f)(const char *, int))
{
	char *p = body->s, *end = body->s + body->len, *q;
	*mask = 0;
	while (p < end) {
		while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
			p++;
		if (p >= end)
			break;
		for (q = p; q < end && !is_sep(*q); q++);
		if (q == p)
			return -1;
		*mask |= f(p, (int)(q - p));
		p = q;
		while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
			p++;
		if (p < end) {
			if (*p != ',')
				return -1;
			p++;
		}
	}
	return 0;
}

int parse_methods(str *_body, unsigned int *_methods)
{
	if (_body == NULL || _methods == NULL || (_body->len && _body->s == NULL))
		return -1;
	return for_each_token(_body, _methods, sb_method_of);
}

int parse_allow(struct sip_msg *msg)
{
	struct hdr_field *h;
	unsigned int all = 0;

	if (msg == NULL || msg->allow == NULL)
		return -1;
	if (msg->allow->parsed)
		return 0;
	for (h = msg->allow; h; h = h->sibling) {
		struct allow_body *ab;
		unsigned int m;
		if (h->parsed) {
			all |= ((struct allow_body *)h->parsed)->allow;
			continue;
		}
		if (parse_methods(&h->body, &m) < 0) {
			LM_ERR("bad Allow <%.*s>\n", h->body.len, h->body.s);
			return -1;
		}
		ab = pkg_malloc(sizeof(*ab));
		if (ab == NULL)
			return -1;
		ab->allow = m;
		ab->allow_all = 0;
		h->parsed = ab;
		all |= m;
	}
	((struct allow_body *)msg->allow->parsed)->allow_all = all;
	return 0;
}

void free_allow(struct allow_body **ab)
{
	if (ab && *ab && !sb_mem_is_core(*ab)) {
		pkg_free(*ab);
		*ab = NULL;
	}
}

static unsigned int option_of(const char *s, int len)
{
	static const struct { const char *name; unsigned int f; } opts[] = {
		{ SUPPORTED_PATH_STR, F_SUPPORTED_PATH }, { SUPPORTED_100REL_STR, F_SUPPORTED_100REL },
		{ SUPPORTED_TIMER_STR, F_SUPPORTED_TIMER },
		{ SUPPORTED_EVENTLIST_STR, F_SUPPORTED_EVENTLIST },
		{ SUPPORTED_GRUU_STR, F_SUPPORTED_GRUU },
	};
	for (size_t i = 0; i < sizeof(opts) / sizeof(opts[0]); i++)
		if ((size_t)len == strlen(opts[i].name) &&
				strncasecmp(s, opts[i].name, (size_t)len) == 0)
			return opts[i].f;
	return 0;
}

int parse_supported(struct sip_msg *msg)
{
	struct hdr_field *h;
	unsigned int all = 0;

	if (msg == NULL || msg->supported == NULL)
		return -1;
	if (msg->supported->parsed)
		return 0;
	for (h = msg->supported; h; h = h->sibling) {
		struct supported_body *sb;
		unsigned int m;
		if (h->parsed) {
			all |= ((struct supported_body *)h->parsed)->supported;
			continue;
		}
		if (for_each_token(&h->body, &m, option_of) < 0) {
			LM_ERR("bad Supported <%.*s>\n", h->body.len, h->body.s);
			return -1;
		}
		sb = pkg_malloc(sizeof(*sb));
		if (sb == NULL)
			return -1;
		sb->supported = m;
		sb->supported_all = 0;
		h->parsed = sb;
		all |= m;
	}
	((struct supported_body *)msg->supported->parsed)->supported_all = all;
	return 0;
}

void free_supported(struct supported_body **sb)
{
	if (sb && *sb && !sb_mem_is_core(*sb)) {
		pkg_free(*sb);
		*sb = NULL;
	}
}
