/* error.h: the last-error variables, error texts and reply statuses. */
#include <stdio.h>
#include <string.h>
#include "../sb_sdk.h"
#pragma GCC visibility push(default)
#include "../../include/error.h"
#pragma GCC visibility pop

__thread int ser_error = E_UNSPEC;
__thread int prev_ser_error = E_UNSPEC;

int err2reason_phrase(int err, int *sip_error, char *phrase, int etl, char *signature)
{
	const char *text = "Server error occurred";
	int code = -E_BAD_SERVER;

	switch (err) {
	case E_IP_BLOCKED: text = "Filtered destination"; code = -err; break;
	case E_SEND: text = "Send failed"; code = -err; break;
	case E_BAD_ADDRESS: text = "Unresolvable destination"; code = -err; break;
	case E_BAD_REQ: text = "Bad Request"; code = -err; break;
	case E_BAD_URI: text = "Bad URI"; code = -err; break;
	case E_BAD_TUPEL: text = "Transaction tuple incomplete"; code = -E_BAD_REQ; break;
	case E_BAD_TO: text = "Bad To"; code = -E_BAD_REQ; break;
	case E_EXEC: text = "Error in external logic"; break;
	case E_TOO_MANY_BRANCHES: text = "Forking capacity exceeded"; break;
	case E_Q_INV_CHAR: text = "Invalid character in q parameter"; code = -E_BAD_REQ; break;
	case E_Q_EMPTY: text = "Empty q parameter"; code = -E_BAD_REQ; break;
	case E_Q_TOO_BIG: text = "q parameter too big"; code = -E_BAD_REQ; break;
	case E_NO_DESTINATION: text = "No destination available"; break;
	default: break;   /* out of memory included: not disclosed */
	}
	if (sip_error)
		*sip_error = code;
	return snprintf(phrase, (size_t)(etl > 0 ? etl : 0), "%s (%d/%s)", text, -err,
			signature ? signature : "");
}

static const struct { int code; const char *text; } reasons[] = {
	{ 100, "Trying" }, { 180, "Ringing" }, { 181, "Call is Being Forwarded" },
	{ 182, "Queued" }, { 183, "Session Progress" }, { 200, "OK" }, { 202, "Accepted" },
	{ 300, "Multiple Choices" }, { 301, "Moved Permanently" },
	{ 302, "Moved Temporarily" }, { 305, "Use Proxy" }, { 380, "Alternative Service" },
	{ 400, "Bad Request" }, { 401, "Unauthorized" }, { 402, "Payment Required" },
	{ 403, "Forbidden" }, { 404, "Not Found" }, { 405, "Method not Allowed" },
	{ 406, "Not Acceptable" }, { 407, "Proxy Authentication Required" },
	{ 408, "Request Timeout" }, { 409, "Conflict" }, { 410, "Gone" },
	{ 411, "Length Required" }, { 412, "Conditional Request Failed" },
	{ 413, "Request Entity Too Large" }, { 414, "Request-URI Too Long" },
	{ 415, "Unsupported Media Type" }, { 416, "Unsupported URI Scheme" },
	{ 417, "Unknown Resource-Priority" }, { 420, "Bad Extension" },
	{ 421, "Extension Required" }, { 422, "Session Interval Too Small" },
	{ 423, "Interval Too Brief" }, { 428, "Use Identity Header" },
	{ 429, "Provide Referrer Identity" }, { 436, "Bad Identity-Info" },
	{ 437, "Unsupported Certificate" }, { 438, "Invalid Identity Header" },
	{ 480, "Temporarily Unavailable" }, { 481, "Call/Transaction Does not Exist" },
	{ 482, "Loop Detected" }, { 483, "Too Many Hops" }, { 484, "Address Incomplete" },
	{ 485, "Ambiguous" }, { 486, "Busy Here" }, { 487, "Request Terminated" },
	{ 488, "Not Acceptable Here" }, { 489, "Bad Event" }, { 491, "Request Pending" },
	{ 493, "Undecipherable" }, { 494, "Security Agreement Required" },
	{ 500, "Server Internal Error" }, { 501, "Not Implemented" }, { 502, "Bad Gateway" },
	{ 503, "Service Unavailable" }, { 504, "Server Time-out" },
	{ 505, "Version Not Supported" }, { 513, "Message Too Large" },
	{ 580, "Precondition Failure" }, { 600, "Busy Everywhere" }, { 603, "Decline" },
	{ 604, "Does not Exist Anywhere" }, { 606, "Not Acceptable" },
};

char *error_text(int code)
{
	size_t i;
	for (i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (reasons[i].code == code)
			return (char *)reasons[i].text;
	return code >= 600 ? "Global Failure" : code >= 500 ? "Server Failure" :
		code >= 400 ? "Request Failure" : code >= 300 ? "Redirection" :
		code >= 200 ? "Successful" : code >= 100 ? "Provisional" : "Unspecified";
}

void get_reply_status(str *status, struct sip_msg *reply, int code)
{
	str phrase;

	status->s = NULL;
	status->len = 0;
	if (reply == NULL) {
		LM_CRIT("no reply\n");
		return;
	}
	if (reply == FAKED_REPLY) {
		phrase.s = error_text(code);
		phrase.len = (int)strlen(phrase.s);
	} else {
		phrase = reply->first_line.u.reply.reason;
	}
	status->s = pkg_malloc((size_t)phrase.len + 5);
	if (status->s == NULL) {
		LM_ERR("no more pkg memory\n");
		return;
	}
	status->len = phrase.len + 4;
	status->s[0] = (char)('0' + (code / 100) % 10);
	status->s[1] = (char)('0' + (code / 10) % 10);
	status->s[2] = (char)('0' + code % 10);
	status->s[3] = ' ';
	memcpy(status->s + 4, phrase.s, (size_t)phrase.len);
	status->s[status->len] = 0;
}
