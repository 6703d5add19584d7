/* Native helpers of the routing script's Java built-ins: header changes go through the
 * same lump API C modules use, so Java's append_hf/remove_hf and textops's mix freely and
 * appear in order in what is sent. Called from Java with the message view of the worker. */
#include <string.h>
#include <strings.h>
#include "sb_core.h"

/* Compact header forms (RFC 3261 7.3.3 and the extensions' RFCs) and their full names. */
static const char *const compact_names[26] = {
	['a' - 'a'] = "Accept-Contact", ['b' - 'a'] = "Referred-By", ['c' - 'a'] = "Content-Type",
	['d' - 'a'] = "Request-Disposition", ['e' - 'a'] = "Content-Encoding", ['f' - 'a'] = "From",
	['i' - 'a'] = "Call-ID", ['j' - 'a'] = "Reject-Contact", ['k' - 'a'] = "Supported",
	['l' - 'a'] = "Content-Length", ['m' - 'a'] = "Contact", ['n' - 'a'] = "Identity-Info",
	['o' - 'a'] = "Event", ['r' - 'a'] = "Refer-To", ['s' - 'a'] = "Subject", ['t' - 'a'] = "To",
	['u' - 'a'] = "Allow-Events", ['v' - 'a'] = "Via", ['x' - 'a'] = "Session-Expires",
	['y' - 'a'] = "Identity",
};

/* The full name of a header name (a compact form expands, anything else stays). */
static void full_name(const char *name, int len, str *out)
{
	int c;
	out->s = (char *)name;
	out->len = len;
	if (len != 1)
		return;
	c = name[0] | 0x20;
	if (c >= 'a' && c <= 'z' && compact_names[c - 'a'] != NULL) {
		out->s = (char *)compact_names[c - 'a'];
		out->len = (int)strlen(out->s);
	}
}

/* Adds text (a whole header line with its CRLF) after the last header. 1, or -1. */
SB_JAVA_API int sb_script_append_hf(struct sip_msg *msg, const char *text, int len)
{
	struct lump *anchor;
	char *copy;

	if (msg == NULL || text == NULL || len <= 0)
		return -1;
	if (parse_headers(msg, HDR_EOH_F, 0) == -1 || msg->unparsed == NULL) {
		LM_ERR("cannot find the end of the headers\n");
		return -1;
	}
	anchor = anchor_lump(msg, (unsigned int)(msg->unparsed - msg->buf), 0, 0);
	if (anchor == NULL) {
		LM_ERR("cannot anchor a header lump\n");
		return -1;
	}
	if ((copy = pkg_malloc((size_t)len)) == NULL) {
		LM_ERR("no more pkg memory\n");
		return -1;
	}
	memcpy(copy, text, (size_t)len);
	if (insert_new_lump_before(anchor, copy, (unsigned int)len, 0) == NULL) {
		pkg_free(copy);
		LM_ERR("cannot add a header lump\n");
		return -1;
	}
	return 1;
}

/* Removes every header named name (ignoring case; compact forms match their full names).
 * Returns how many were removed, or -1 on error. */
SB_JAVA_API int sb_script_remove_hf(struct sip_msg *msg, const char *name, int len)
{
	struct hdr_field *hf;
	str wanted, have;
	int removed = 0;

	if (msg == NULL || name == NULL || len <= 0)
		return -1;
	if (parse_headers(msg, HDR_EOH_F, 0) == -1)
		return -1;
	full_name(name, len, &wanted);
	for (hf = msg->headers; hf; hf = hf->next) {
		full_name(hf->name.s, hf->name.len, &have);
		if (have.len != wanted.len || strncasecmp(have.s, wanted.s, (size_t)wanted.len) != 0)
			continue;
		if (del_lump(msg, (unsigned int)(hf->name.s - msg->buf), (unsigned int)hf->len, 0) == NULL) {
			LM_ERR("cannot remove header %.*s\n", hf->name.len, hf->name.s);
			return -1;
		}
		removed++;
	}
	return removed;
}
