/* parser/parse_privacy.h: "Privacy: id; header" into a bit set. */
#include <string.h>
#include <strings.h>
#include "sb_msg_int.h"
#pragma GCC visibility push(default)
#include "../../include/parser/parse_privacy.h"
#pragma GCC visibility pop

static const struct { const char *name; unsigned int bit; } priv_values[] = {
	{ "user", PRIVACY_USER }, { "header", PRIVACY_HEADER }, { "session", PRIVACY_SESSION },
	{ "none", PRIVACY_NONE }, { "critical", PRIVACY_CRITICAL }, { "id", PRIVACY_ID },
	{ "history", PRIVACY_HISTORY },
};

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

unsigned int parse_priv_value(char *start, unsigned int max_len, unsigned int *value)
{
	size_t i;

	if (start == NULL || value == NULL) {
		LM_ERR("invalid parameter\n");
		return 0;
	}
	for (i = 0; i < sizeof(priv_values) / sizeof(priv_values[0]); i++) {
		unsigned int n = (unsigned int)strlen(priv_values[i].name);
		if (n > max_len || strncasecmp(start, priv_values[i].name, n) != 0)
			continue;
		/* the value must end there */
		if (n < max_len && start[n] != '\0' && start[n] != ';' && !is_blank(start[n]))
			continue;
		*value = priv_values[i].bit;
		return n;
	}
	return 0;
}

int parse_privacy(struct sip_msg *msg)
{
	unsigned int values = 0, v, n;
	char *p, *end;

	if (msg == NULL)
		return -1;
	if (msg->privacy && msg->privacy->parsed)
		return 0;
	if (!msg->privacy && (parse_headers(msg, HDR_PRIVACY_F, 0) == -1 || !msg->privacy))
		return -1;
	p = msg->privacy->body.s;
	end = p + msg->privacy->body.len;
	while (p < end && is_blank(*p))
		p++;
	if (p >= end) {
		LM_ERR("empty Privacy header\n");
		return -1;
	}
	for (;;) {
		n = parse_priv_value(p, (unsigned int)(end - p), &v);
		if (n == 0) {
			LM_ERR("bad privacy value in <%.*s>\n", msg->privacy->body.len,
					msg->privacy->body.s);
			return -1;
		}
		values |= v;
		p += n;
		while (p < end && is_blank(*p))
			p++;
		if (p >= end)
			break;
		if (*p != ';') {
			LM_ERR("';' expected between privacy values\n");
			return -1;
		}
		p++;
		while (p < end && is_blank(*p))
			p++;
		if (p >= end) {
			LM_ERR("no privacy value after ';'\n");
			return -1;
		}
	}
	if ((values & PRIVACY_NONE) && values != PRIVACY_NONE) {
		LM_ERR("'none' cannot be combined with other privacy values\n");
		return -1;
	}
	msg->privacy->parsed = (void *)(long)values;
	return 0;
}
