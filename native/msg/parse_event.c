/* parser/parse_event.h: "Event: package[;params]". */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "sb_msg_int.h"
#pragma GCC visibility push(default)
#include "../../include/parser/parse_event.h"
#pragma GCC visibility pop

static const struct { const char *name; int code; } event_names[] = {
	{ "presence", EVENT_PRESENCE }, { "presence.winfo", EVENT_PRESENCE_WINFO },
	{ "sip-profile", EVENT_SIP_PROFILE }, { "xcap-diff", EVENT_XCAP_DIFF },
	{ "dialog", EVENT_DIALOG }, { "message-summary", EVENT_MWI },
	{ "call-info", EVENT_CALL_INFO }, { "line-seize", EVENT_LINE_SEIZE },
};

int event_parser(char *s, int len, event_t *e)
{
	str t;
	char *p, *end;
	size_t i;
	param_hooks_t hooks;

	t.s = s;
	t.len = len;
	trim_leading(&t);
	if (t.len <= 0) {
		LM_ERR("empty Event body\n");
		return -1;
	}
	end = t.s + t.len;
	for (p = t.s; p < end && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n' &&
			*p != ';'; p++)
		;
	e->text.s = t.s;
	e->text.len = (int)(p - t.s);
	e->parsed = EVENT_OTHER;
	for (i = 0; i < sizeof(event_names) / sizeof(event_names[0]); i++)
		if ((int)strlen(event_names[i].name) == e->text.len &&
				strncasecmp(event_names[i].name, e->text.s, (size_t)e->text.len) == 0)
			e->parsed = event_names[i].code;
	e->params = NULL;
	/* parameters only right after the name, as 1.11 */
	if (p < end && *p == ';') {
		str ps;
		ps.s = p + 1;
		ps.len = (int)(end - ps.s);
		if (parse_params(&ps, CLASS_ANY, &hooks, &e->params) < 0) {
			if (e->params)
				free_params(e->params);
			e->params = NULL;
			return -1;
		}
		if (e->parsed == EVENT_DIALOG && e->params && e->params->name.len == 3 &&
				strncasecmp(e->params->name.s, "sla", 3) == 0)
			e->parsed = EVENT_DIALOG_SLA;
	}
	return 0;
}

int parse_event(struct hdr_field *h)
{
	event_t *e;

	if (h == NULL)
		return -1;
	if (h->parsed)
		return 0;
	e = pkg_malloc(sizeof(*e));
	if (e == NULL) {
		LM_ERR("no more pkg memory\n");
		return -1;
	}
	memset(e, 0, sizeof(*e));
	if (event_parser(h->body.s, h->body.len, e) < 0) {
		LM_ERR("bad Event header <%.*s>\n", h->body.len, ZSW(h->body.s));
		pkg_free(e);
		return -2;
	}
	h->parsed = e;
	return 0;
}

void free_event(event_t **e)
{
	if (e == NULL)
		return;
	if (*e) {
		if ((*e)->params)
			free_params((*e)->params);
		pkg_free(*e);
	}
	*e = NULL;
}

void print_event(event_t *e)
{
	printf("Event: '%.*s' (%d)\n", e->text.len, ZSW(e->text.s), e->parsed);
}
