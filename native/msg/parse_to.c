/* To-style bodies: [display] <uri> *(;param) or uri *(;param), and the per-header
 * entry points (To, From, Diversion, RPID, PAI, PPI, Refer-To). */
#include <string.h>
#include <strings.h>
#include "sb_msg_int.h"

static int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static char *skip_ws(char *p, char *end)
{
	while (p < end && is_ws(*p))
		p++;
	return p;
}

/* Position of the closing quote of a quoted string starting at p (honours \x). */
static char *quoted_end(char *p, char *end)
{
	for (p++; p < end; p++) {
		if (*p == '\\' && p + 1 < end)
			p++;
		else if (*p == '"')
			return p;
	}
	return NULL;
}

/* Each parameter is parsed first and allocated only once it is valid (a pkg one that
 * failed half-way would be linked nowhere and leak). */
static char *parse_to_params(char *p, char *end, struct to_body *tb, const struct sb_mem *m)
{
	while (p < end && *p == ';') {
		struct to_param pv, *tp;
		char *q;

		memset(&pv, 0, sizeof(pv));
		p = skip_ws(p + 1, end);
		q = p;
		while (q < end && !is_ws(*q) && *q != '=' && *q != ';' && *q != ',')
			q++;
		if (q == p)
			return NULL;
		pv.name.s = p;
		pv.name.len = (int)(q - p);
		pv.type = (pv.name.len == 3 && strncasecmp(p, "tag", 3) == 0) ?
			TAG_PARAM : GENERAL_PARAM;
		p = skip_ws(q, end);
		if (p < end && *p == '=') {
			p = skip_ws(p + 1, end);
			if (p < end && *p == '"') {
				q = quoted_end(p, end);
				if (q == NULL)
					return NULL;
				pv.value.s = p;          /* quotes kept, as OpenSIPS does */
				pv.value.len = (int)(q + 1 - p);
				p = q + 1;
			} else {
				q = p;
				while (q < end && !is_ws(*q) && *q != ';' && *q != ',')
					q++;
				pv.value.s = p;
				pv.value.len = (int)(q - p);
				p = q;
			}
		}
		if ((tp = sb_mem_alloc(m, sizeof(*tp))) == NULL)
			return NULL;
		*tp = pv;
		if (tp->type == TAG_PARAM)
			tb->tag_value = tp->value;
		if (tb->last_param)
			tb->last_param->next = tp;
		else
			tb->param_lst = tp;
		tb->last_param = tp;
		p = skip_ws(p, end);
	}
	return p;
}

char *sb_parse_to(char *buffer, char *end, struct to_body *tb, const struct sb_mem *m)
{
	char *p, *q, *lt;
	char *bend = end;

	tb->error = PARSE_ERROR;
	p = skip_ws(buffer, end);
	while (bend > p && is_ws(bend[-1]))
		bend--;
	if (p >= bend)
		return end;
	tb->body.s = p;
	tb->body.len = (int)(bend - p);

	/* a name-addr has a '<' outside quotes */
	lt = NULL;
	for (q = p; q < bend; q++) {
		if (*q == '"') {
			q = quoted_end(q, bend);
			if (q == NULL)
				return end;
		} else if (*q == '<') {
			lt = q;
			break;
		} else if (*q == ';' || *q == ',') {
			break;
		}
	}
	if (lt) {
		char *gt = memchr(lt, '>', (size_t)(bend - lt));
		if (gt == NULL)
			return end;
		if (lt > p) {
			char *de = lt;
			while (de > p && is_ws(de[-1]))
				de--;
			tb->display.s = p;
			tb->display.len = (int)(de - p);
		}
		tb->uri.s = lt + 1;
		tb->uri.len = (int)(gt - lt - 1);
		p = skip_ws(gt + 1, bend);
	} else {
		/* addr-spec: parameters after it belong to the header */
		q = p;
		while (q < bend && *q != ';' && !is_ws(*q))
			q++;
		tb->uri.s = p;
		tb->uri.len = (int)(q - p);
		p = skip_ws(q, bend);
	}
	if (tb->uri.len <= 0)
		return end;
	p = parse_to_params(p, bend, tb, m);
	if (p == NULL || p != bend)
		return end;
	tb->error = PARSE_OK;
	return end;
}

void free_to_params(struct to_body *tb)
{
	struct to_param *tp, *n;
	if (tb == NULL || (tb->param_lst && sb_mem_is_core(tb->param_lst)))
		return;
	for (tp = tb->param_lst; tp; tp = n) {
		n = tp->next;
		pkg_free(tp);
	}
	tb->param_lst = tb->last_param = NULL;
}

void free_to(struct to_body *tb)
{
	if (tb == NULL || sb_mem_is_core(tb))
		return;
	free_to_params(tb);
	pkg_free(tb);
}

char *parse_to(char *buffer, char *end, struct to_body *to_b)
{
	char *ret;
	if (to_b == NULL)
		return buffer;
	memset(to_b, 0, sizeof(*to_b));
	if (buffer == NULL || end == NULL || end < buffer) {
		to_b->error = PARSE_ERROR;
		return buffer;
	}
	ret = sb_parse_to(buffer, end, to_b, &sb_pkg_mem);
	if (to_b->error != PARSE_OK) {
		free_to_params(to_b);
		to_b->error = PARSE_ERROR;
	}
	return ret;
}

/* Parses hf (once) into a pkg to_body in hf->parsed. 0 / -1. */
static int parse_to_style(struct hdr_field *hf)
{
	struct to_body *tb;
	if (hf == NULL)
		return -1;
	if (hf->parsed)
		return 0;
	tb = pkg_malloc(sizeof(*tb));
	if (tb == NULL) {
		LM_ERR("no more pkg memory\n");
		return -1;
	}
	parse_to(hf->body.s, hf->body.s + hf->body.len, tb);
	if (tb->error != PARSE_OK) {
		LM_ERR("bad %.*s header\n", hf->name.len, hf->name.s);
		pkg_free(tb);
		return -1;
	}
	hf->parsed = tb;
	return 0;
}

int parse_from_header(struct sip_msg *msg)
{
	if (msg == NULL || msg->from == NULL)
		return -1;
	return parse_to_style(msg->from);
}

int parse_diversion_header(struct sip_msg *msg)
{
	return msg ? parse_to_style(msg->diversion) : -1;
}

int parse_rpid_header(struct sip_msg *msg)
{
	return msg ? parse_to_style(msg->rpid) : -1;
}

int parse_pai_header(struct sip_msg *msg)
{
	return msg ? parse_to_style(msg->pai) : -1;
}

int parse_ppi_header(struct sip_msg *msg)
{
	return msg ? parse_to_style(msg->ppi) : -1;
}

int parse_refer_to_header(struct sip_msg *msg)
{
	return msg ? parse_to_style(msg->refer_to) : -1;
}

static struct sip_uri *body_uri(struct to_body *tb)
{
	if (tb == NULL)
		return NULL;
	if (tb->parsed_uri.type != ERROR_URI_T)
		return &tb->parsed_uri;
	if (parse_uri(tb->uri.s, tb->uri.len, &tb->parsed_uri) < 0) {
		LM_ERR("bad URI <%.*s>\n", tb->uri.len, ZSW(tb->uri.s));
		return NULL;
	}
	return &tb->parsed_uri;
}

struct sip_uri *parse_to_uri(struct sip_msg *msg)
{
	if (msg == NULL || msg->to == NULL || msg->to->parsed == NULL)
		return NULL;
	return body_uri(get_to(msg));
}

struct sip_uri *parse_from_uri(struct sip_msg *msg)
{
	if (msg == NULL || parse_from_header(msg) < 0)
		return NULL;
	return body_uri(get_from(msg));
}
