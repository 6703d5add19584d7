/* parser/parse_sst.h and parse_min_expires.h: "Session-Expires: 1800;refresher=uac",
 * "Min-SE: 90", "Min-Expires: 60". */
#include <string.h>
#include <strings.h>
#include "sb_msg_int.h"
#pragma GCC visibility push(default)
#include "../../include/parser/parse_sst.h"
#include "../../include/parser/parse_min_expires.h"
#pragma GCC visibility pop

static int blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

struct session_expires *malloc_session_expires(void)
{
	struct session_expires *se = pkg_malloc(sizeof(*se));
	if (se)
		memset(se, 0, sizeof(*se));
	return se;
}

void free_session_expires(struct session_expires *se)
{
	if (se)
		pkg_free(se);
}

enum parse_sst_result parse_session_expires_body(struct hdr_field *hf)
{
	struct session_expires v = { 0, sst_refresher_unspecified };
	char *p, *end, *num;

	if (hf == NULL || hf->body.s == NULL || hf->body.len <= 0) {
		LM_ERR("no Session-Expires body\n");
		return parse_sst_header_not_found;
	}
	p = hf->body.s;
	end = p + hf->body.len;
	while (p < end && blank(*p))
		p++;
	for (num = p; p < end && *p >= '0' && *p <= '9'; p++)
		v.interval = v.interval * 10 + (unsigned)(*p - '0');
	if (p == num) {
		LM_ERR("no interval in Session-Expires\n");
		return parse_sst_no_value;
	}
	while (p < end) {
		char *name;
		while (p < end && blank(*p))
			p++;
		if (p >= end)
			break;
		if (*p != ';') {
			LM_ERR("';' expected between Session-Expires parameters\n");
			return parse_sst_parse_error;
		}
		p++;
		while (p < end && blank(*p))
			p++;
		name = p;
		while (p < end && *p != ';')
			p++;
		/* the only parameter with a meaning: refresher=uac|uas */
		if (p - name >= 10 && strncasecmp(name, "refresher=", 10) == 0) {
			str val;
			val.s = name + 10;
			val.len = (int)(p - val.s);
			trim(&val);
			if (val.len == 3 && strncasecmp(val.s, "uac", 3) == 0)
				v.refresher = sst_refresher_uac;
			else if (val.len == 3 && strncasecmp(val.s, "uas", 3) == 0)
				v.refresher = sst_refresher_uas;
			else {
				LM_ERR("unknown refresher <%.*s>\n", val.len, val.s);
				return parse_sst_parse_error;
			}
		}
	}
	hf->parsed = malloc_session_expires();
	if (hf->parsed == NULL) {
		LM_ERR("no more pkg memory\n");
		return parse_sst_out_of_mem;
	}
	*(struct session_expires *)hf->parsed = v;
	return parse_sst_success;
}

enum parse_sst_result parse_session_expires(struct sip_msg *msg, struct session_expires *se)
{
	enum parse_sst_result r;

	if (msg == NULL)
		return parse_sst_header_not_found;
	if (msg->session_expires == NULL &&
			(parse_headers(msg, HDR_SESSION_EXPIRES_F, 0) != 0 || !msg->session_expires))
		return parse_sst_header_not_found;
	if (msg->session_expires->parsed == NULL &&
			(r = parse_session_expires_body(msg->session_expires)) != parse_sst_success)
		return r;
	if (se)
		*se = *(struct session_expires *)msg->session_expires->parsed;
	return parse_sst_success;
}

enum parse_sst_result parse_min_se_body(struct hdr_field *hf)
{
	unsigned long v = 0;
	char *p, *end;

	if (hf == NULL || hf->body.s == NULL)
		return parse_sst_no_value;
	p = hf->body.s;
	end = p + hf->body.len;
	while (p < end && blank(*p))
		p++;
	if (p == end)
		return parse_sst_no_value;
	for (; p < end && *p >= '0' && *p <= '9'; p++)
		v = (v * 10 + (unsigned long)(*p - '0')) & 0xFFFFFFFFUL;
	while (p < end && blank(*p))
		p++;
	if (p != end)
		return parse_sst_parse_error;
	hf->parsed = (void *)(long)(unsigned int)v;
	return parse_sst_success;
}

enum parse_sst_result parse_min_se(struct sip_msg *msg, unsigned *min_se)
{
	enum parse_sst_result r;

	if (msg == NULL)
		return parse_sst_header_not_found;
	if (msg->min_se == NULL && (parse_headers(msg, HDR_MIN_SE_F, 0) != 0 || !msg->min_se))
		return parse_sst_header_not_found;
	if (msg->min_se->parsed == NULL &&
			(r = parse_min_se_body(msg->min_se)) != parse_sst_success)
		return r;
	if (min_se)
		*min_se = (unsigned)(long)msg->min_se->parsed;
	return parse_sst_success;
}

int parse_min_expires(struct sip_msg *msg)
{
	if (msg == NULL)
		return -1;
	if (msg->min_expires == NULL && parse_headers(msg, HDR_MIN_EXPIRES_F, 0) != 0) {
		LM_ERR("cannot look for Min-Expires\n");
		return -1;
	}
	if (msg->min_expires && msg->min_expires->parsed == NULL &&
			parse_min_se_body(msg->min_expires) != parse_sst_success) {
		LM_ERR("bad Min-Expires <%.*s>\n", msg->min_expires->body.len,
				msg->min_expires->body.s);
		return -1;
	}
	return 0;
}
