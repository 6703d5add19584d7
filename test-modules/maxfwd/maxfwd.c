/*
 * maxfwd: Max-Forwards handling as the OpenSIPS 1.11 module does it, written for the
 * sipbridge tests and benchmarks against the module SDK.
 *
 *   mf_process_maxfwd_header(max)  2: the header was missing and "Max-Forwards: max" was
 *                                  added (a lump before the first header);
 *                                  1: the value was decremented in place in msg->buf
 *                                  (right-aligned, space-padded, same length);
 *                                  -1: the value is 0 (limit reached); -2: error.
 *   is_maxfwd_lt(n)                1 when the value is below n, -1 when not,
 *                                  -2 without the header, -3 on error.
 *   modparam("maxfwd", "max_limit", n)  larger received values are lowered to n.
 *
 * The parsed value is kept in hdr->parsed as value + 1 (0 means "not parsed yet"), as
 * OpenSIPS does, so a second call on the same message does not parse again.
 */
#include <string.h>

#include "../../sr_module.h"
#include "../../dprint.h"
#include "../../mem/mem.h"
#include "../../ut.h"
#include "../../trim.h"
#include "../../data_lump.h"
#include "../../parser/msg_parser.h"

#define MAXFWD_UPPER_LIMIT 255

static int max_limit = MAXFWD_UPPER_LIMIT;

static int fixup_maxfwd(void **param, int param_no);
static int w_process_maxfwd_header(struct sip_msg *msg, char *max, char *unused);
static int w_is_maxfwd_lt(struct sip_msg *msg, char *limit, char *unused);
static int mod_init(void);

static cmd_export_t cmds[] = {
	{"mf_process_maxfwd_header", (cmd_function)w_process_maxfwd_header, 1,
		fixup_maxfwd, 0, REQUEST_ROUTE},
	{"is_maxfwd_lt", (cmd_function)w_is_maxfwd_lt, 1,
		fixup_maxfwd, 0, REQUEST_ROUTE | FAILURE_ROUTE | BRANCH_ROUTE},
	{0, 0, 0, 0, 0, 0}
};

static param_export_t params[] = {
	{"max_limit", INT_PARAM, &max_limit},
	{0, 0, 0}
};

struct module_exports exports = {
	"maxfwd",
	MODULE_VERSION,
	DEFAULT_DLFLAGS,
	cmds,
	params,
	0, 0, 0, 0,
	mod_init,
	0, 0, 0
};

static int mod_init(void)
{
	if (max_limit < 1 || max_limit > MAXFWD_UPPER_LIMIT) {
		LM_ERR("invalid max_limit %d, expected 1..%d\n", max_limit, MAXFWD_UPPER_LIMIT);
		return -1;
	}
	return 0;
}

/* "70" -> the number 70 kept in the pointer; the string is freed. */
static int fixup_maxfwd(void **param, int param_no)
{
	str s;
	int err = 0;
	unsigned short code;

	if (param_no != 1)
		return 0;
	s.s = (char *)*param;
	s.len = strlen(s.s);
	code = str2s(s.s, s.len, &err);
	if (err || code > MAXFWD_UPPER_LIMIT) {
		LM_ERR("invalid MAX-FORWARDS value <%s>, expected 0..%d\n", s.s, MAXFWD_UPPER_LIMIT);
		return E_CFG;
	}
	pkg_free(*param);
	*param = (void *)(unsigned long)code;
	return 0;
}

/* The header's value, or -1 when there is none, -2 when it is not a number. */
static int maxfwd_value(struct sip_msg *msg, str *body)
{
	int err = 0;
	int x;

	if (msg->maxforwards == NULL) {
		if (parse_headers(msg, HDR_MAXFORWARDS_F, 0) == -1) {
			LM_ERR("parsing the headers failed\n");
			return -2;
		}
		if (msg->maxforwards == NULL)
			return -1;
	}
	*body = msg->maxforwards->body;
	trim_len(body->len, body->s, msg->maxforwards->body);
	if ((long)msg->maxforwards->parsed > 0)
		return (int)(long)msg->maxforwards->parsed - 1;
	x = str2s(body->s, body->len, &err);
	if (err) {
		LM_ERR("bad Max-Forwards value <%.*s>\n", body->len, body->s);
		return -2;
	}
	msg->maxforwards->parsed = (void *)(long)(x + 1);
	return x;
}

/* Writes x over the digits, right-aligned, spaces in front: the length does not change. */
static void rewrite_value(struct sip_msg *msg, int x, str *body)
{
	int i;

	msg->maxforwards->parsed = (void *)(long)(x + 1);
	for (i = body->len - 1; i >= 0; i--) {
		body->s[i] = (char)('0' + x % 10);
		x /= 10;
		if (x == 0) {
			i--;
			break;
		}
	}
	for (; i >= 0; i--)
		body->s[i] = ' ';
}

/* A new "Max-Forwards: max" line before the first header. */
static int add_maxfwd_header(struct sip_msg *msg, unsigned int max)
{
	struct lump *anchor;
	char *line;
	char *digits;
	int dlen, len;

	if (msg->headers == NULL) {
		LM_ERR("message without headers\n");
		return -1;
	}
	anchor = anchor_lump(msg, (unsigned int)(msg->headers->name.s - msg->buf), 0, 0);
	if (anchor == NULL) {
		LM_ERR("cannot anchor the new header\n");
		return -1;
	}
	digits = int2str(max, &dlen);
	len = (int)(sizeof("Max-Forwards: ") - 1) + dlen + 2;
	if ((line = pkg_malloc(len)) == NULL) {
		LM_ERR("no more pkg memory\n");
		return -1;
	}
	memcpy(line, "Max-Forwards: ", sizeof("Max-Forwards: ") - 1);
	memcpy(line + sizeof("Max-Forwards: ") - 1, digits, dlen);
	memcpy(line + len - 2, "\r\n", 2);
	if (insert_new_lump_before(anchor, line, len, HDR_MAXFORWARDS_T) == NULL) {
		LM_ERR("cannot add the new header\n");
		pkg_free(line);
		return -1;
	}
	return 0;
}

static int w_process_maxfwd_header(struct sip_msg *msg, char *max, char *unused)
{
	str body;
	int val = maxfwd_value(msg, &body);

	switch (val) {
	case -1:
		return add_maxfwd_header(msg, (unsigned int)(unsigned long)max) == 0 ? 2 : -2;
	case -2:
		return -2;
	case 0:
		return -1;
	default:
		if (val > max_limit) {
			LM_DBG("value %d lowered to %d\n", val, max_limit);
			val = max_limit + 1;
		}
		rewrite_value(msg, val - 1, &body);
		return 1;
	}
}

static int w_is_maxfwd_lt(struct sip_msg *msg, char *limit, char *unused)
{
	str body;
	int val = maxfwd_value(msg, &body);

	if (val < 0)
		return val - 1;
	return val < (int)(long)limit ? 1 : -1;
}
