/*
 * textops: the OpenSIPS 1.11 textops functions the sipbridge tests and benchmarks use,
 * written against the module SDK. Loaded, they shadow the Java core functions of the
 * same names (the newest module is searched first).
 *
 *   append_hf(text)     adds a header line (text with pseudo-variables, fixup_spve) after
 *                       the last header; 1 or -1
 *   remove_hf(name)     removes every header with that name; how many, or -1 if none
 *   is_method(list)     "INVITE|BYE" or "INVITE,BYE": the request method (a reply's CSeq
 *                       method) is in the list; 1 or -1
 *   has_totag()         the To header has a tag; 1 or -1
 *   search(regex)       the regular expression (extended, case-insensitive) matches
 *                       somewhere in the message; 1 or -1
 */
#include <string.h>
#include <strings.h>
#include <regex.h>

#include "../../sr_module.h"
#include "../../dprint.h"
#include "../../mem/mem.h"
#include "../../mod_fix.h"
#include "../../data_lump.h"
#include "../../parser/msg_parser.h"
#include "../../parser/parse_to.h"
#include "../../parser/parse_cseq.h"
#include "../../parser/parse_hname2.h"
#include "../../parser/parse_methods.h"

static int fixup_method(void **param, int param_no);
static int fixup_hname(void **param, int param_no);
static int free_hname(void **param, int param_no);
static int append_hf_f(struct sip_msg *msg, char *text, char *unused);
static int remove_hf_f(struct sip_msg *msg, char *name, char *unused);
static int is_method_f(struct sip_msg *msg, char *methods, char *unused);
static int has_totag_f(struct sip_msg *msg, char *unused1, char *unused2);
static int search_f(struct sip_msg *msg, char *re, char *unused);

#define HEADER_ROUTES (REQUEST_ROUTE | ONREPLY_ROUTE | FAILURE_ROUTE | BRANCH_ROUTE | LOCAL_ROUTE)

static cmd_export_t cmds[] = {
	{"append_hf", (cmd_function)append_hf_f, 1, fixup_spve_null, fixup_free_spve_null, HEADER_ROUTES},
	{"remove_hf", (cmd_function)remove_hf_f, 1, fixup_hname, free_hname, HEADER_ROUTES},
	{"is_method", (cmd_function)is_method_f, 1, fixup_method, 0, ALL_ROUTES},
	{"has_totag", (cmd_function)has_totag_f, 0, 0, 0, ALL_ROUTES},
	{"search", (cmd_function)search_f, 1, fixup_regexp_null, fixup_free_regexp_null, HEADER_ROUTES},
	{0, 0, 0, 0, 0, 0}
};

struct module_exports exports = {
	"textops",
	MODULE_VERSION,
	DEFAULT_DLFLAGS,
	cmds,
	0, 0, 0, 0, 0,
	0, 0, 0, 0
};

/* A header name: its type when the core knows it, else the name itself (compared ignoring case). */
struct hname {
	int type;
	str name;
};

static int fixup_hname(void **param, int param_no)
{
	struct hname *h;
	struct hdr_field hf;
	char *with_colon;
	int len;

	if (param_no != 1)
		return 0;
	len = strlen((char *)*param);
	if (len == 0) {
		LM_ERR("empty header name\n");
		return E_CFG;
	}
	if ((h = pkg_malloc(sizeof(*h))) == NULL || (with_colon = pkg_malloc(len + 2)) == NULL) {
		LM_ERR("no more pkg memory\n");
		if (h)
			pkg_free(h);
		return E_OUT_OF_MEM;
	}
	memcpy(with_colon, *param, len);
	with_colon[len] = ':';
	with_colon[len + 1] = 0;
	memset(&hf, 0, sizeof(hf));
	parse_hname2(with_colon, with_colon + len + 1, &hf);
	pkg_free(with_colon);
	h->type = hf.type == HDR_ERROR_T ? HDR_OTHER_T : hf.type;
	h->name.s = (char *)*param;
	h->name.len = len;
	*param = h;
	return 0;
}

static int free_hname(void **param, int param_no)
{
	struct hname *h = *param;
	if (param_no == 1 && h) {
		pkg_free(h->name.s);
		pkg_free(h);
		*param = NULL;
	}
	return 0;
}

/* "INVITE|BYE" or "INVITE,BYE" into a METHOD_* mask kept in the pointer. */
static int fixup_method(void **param, int param_no)
{
	char *p, *end, *tok;
	unsigned int mask = 0, m;

	if (param_no != 1)
		return 0;
	p = (char *)*param;
	end = p + strlen(p);
	while (p < end) {
		while (p < end && (*p == ' ' || *p == '|' || *p == ','))
			p++;
		tok = p;
		while (p < end && *p != ' ' && *p != '|' && *p != ',')
			p++;
		if (p == tok)
			break;
		m = 0;
		if (parse_method(tok, p, &m) == NULL || m == 0 || m == METHOD_OTHER) {
			LM_ERR("unknown method <%.*s>\n", (int)(p - tok), tok);
			return E_CFG;
		}
		mask |= m;
	}
	if (mask == 0) {
		LM_ERR("empty method list\n");
		return E_CFG;
	}
	pkg_free(*param);
	*param = (void *)(unsigned long)mask;
	return 0;
}

static int append_hf_f(struct sip_msg *msg, char *text, char *unused)
{
	struct lump *anchor;
	str s;
	char *copy;

	if (fixup_get_svalue(msg, (gparam_p)text, &s) != 0 || s.len == 0) {
		LM_ERR("cannot get the header text\n");
		return -1;
	}
	if (parse_headers(msg, HDR_EOH_F, 0) == -1 || msg->unparsed == NULL) {
		LM_ERR("cannot parse the headers\n");
		return -1;
	}
	anchor = anchor_lump(msg, (unsigned int)(msg->unparsed - msg->buf), 0, 0);
	if (anchor == NULL)
		return -1;
	if ((copy = pkg_malloc(s.len)) == NULL) {
		LM_ERR("no more pkg memory\n");
		return -1;
	}
	memcpy(copy, s.s, s.len);
	if (insert_new_lump_before(anchor, copy, s.len, 0) == NULL) {
		pkg_free(copy);
		return -1;
	}
	return 1;
}

static int remove_hf_f(struct sip_msg *msg, char *name, char *unused)
{
	struct hname *h = (struct hname *)name;
	struct hdr_field *hf;
	int n = 0;

	if (parse_headers(msg, HDR_EOH_F, 0) == -1)
		return -1;
	for (hf = msg->headers; hf; hf = hf->next) {
		if (h->type != HDR_OTHER_T) {
			if (hf->type != h->type)
				continue;
		} else if (hf->type != HDR_OTHER_T || hf->name.len != h->name.len
				|| strncasecmp(hf->name.s, h->name.s, h->name.len) != 0) {
			continue;
		}
		if (del_lump(msg, (unsigned int)(hf->name.s - msg->buf), hf->len, 0) == NULL) {
			LM_ERR("cannot remove header %.*s\n", hf->name.len, hf->name.s);
			return -1;
		}
		n++;
	}
	return n > 0 ? n : -1;
}

static int is_method_f(struct sip_msg *msg, char *methods, char *unused)
{
	unsigned int mask = (unsigned int)(unsigned long)methods;

	if (msg->first_line.type == SIP_REQUEST)
		return (msg->REQ_METHOD & mask) ? 1 : -1;
	if (msg->cseq == NULL || msg->cseq->parsed == NULL)
		return -1;
	return (get_cseq(msg)->method_id & mask) ? 1 : -1;
}

static int has_totag_f(struct sip_msg *msg, char *unused1, char *unused2)
{
	if (msg->to == NULL || msg->to->parsed == NULL)
		return -1;
	return get_to(msg)->tag_value.len > 0 ? 1 : -1;
}

static int search_f(struct sip_msg *msg, char *re, char *unused)
{
	regmatch_t m;
	char saved = msg->buf[msg->len];
	int r;

	/* regexec needs a terminated string; the slot has room for the terminator */
	msg->buf[msg->len] = 0;
	r = regexec((regex_t *)re, msg->buf, 1, &m, 0);
	msg->buf[msg->len] = saved;
	return r == 0 ? 1 : -1;
}
