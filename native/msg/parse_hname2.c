/* Header names to hdr_types_t (full and compact forms). The Java parser must map names
 * the same way; sb_hdr_type_of_name is exported for its tests. */
#include <string.h>
#include <strings.h>
#include "sb_msg_int.h"

static const struct { const char *name; hdr_types_t type; } hdr_names[] = {
	{ "Via", HDR_VIA_T }, { "v", HDR_VIA_T },
	{ "To", HDR_TO_T }, { "t", HDR_TO_T },
	{ "From", HDR_FROM_T }, { "f", HDR_FROM_T },
	{ "CSeq", HDR_CSEQ_T },
	{ "Call-ID", HDR_CALLID_T }, { "i", HDR_CALLID_T },
	{ "Contact", HDR_CONTACT_T }, { "m", HDR_CONTACT_T },
	{ "Max-Forwards", HDR_MAXFORWARDS_T },
	{ "Route", HDR_ROUTE_T },
	{ "Record-Route", HDR_RECORDROUTE_T },
	{ "Path", HDR_PATH_T },
	{ "Content-Type", HDR_CONTENTTYPE_T }, { "c", HDR_CONTENTTYPE_T },
	{ "Content-Length", HDR_CONTENTLENGTH_T }, { "l", HDR_CONTENTLENGTH_T },
	{ "Authorization", HDR_AUTHORIZATION_T },
	{ "Expires", HDR_EXPIRES_T },
	{ "Proxy-Authorization", HDR_PROXYAUTH_T },
	{ "Supported", HDR_SUPPORTED_T }, { "k", HDR_SUPPORTED_T },
	{ "Proxy-Require", HDR_PROXYREQUIRE_T },
	{ "Unsupported", HDR_UNSUPPORTED_T },
	{ "Allow", HDR_ALLOW_T },
	{ "Event", HDR_EVENT_T }, { "o", HDR_EVENT_T },
	{ "Accept", HDR_ACCEPT_T },
	{ "Accept-Language", HDR_ACCEPTLANGUAGE_T },
	{ "Organization", HDR_ORGANIZATION_T },
	{ "Priority", HDR_PRIORITY_T },
	{ "Subject", HDR_SUBJECT_T }, { "s", HDR_SUBJECT_T },
	{ "User-Agent", HDR_USERAGENT_T },
	{ "Content-Disposition", HDR_CONTENTDISPOSITION_T },
	{ "Accept-Disposition", HDR_ACCEPTDISPOSITION_T },
	{ "Diversion", HDR_DIVERSION_T },
	{ "Remote-Party-ID", HDR_RPID_T },
	{ "Refer-To", HDR_REFER_TO_T }, { "r", HDR_REFER_TO_T },
	{ "Session-Expires", HDR_SESSION_EXPIRES_T }, { "x", HDR_SESSION_EXPIRES_T },
	{ "Min-SE", HDR_MIN_SE_T },
	{ "P-Preferred-Identity", HDR_PPI_T },
	{ "P-Asserted-Identity", HDR_PAI_T },
	{ "Privacy", HDR_PRIVACY_T },
	{ "Retry-After", HDR_RETRY_AFTER_T },
	{ "Call-Info", HDR_CALL_INFO_T },
	{ "WWW-Authenticate", HDR_WWW_AUTHENTICATE_T },
	{ "Proxy-Authenticate", HDR_PROXY_AUTHENTICATE_T },
	{ "Min-Expires", HDR_MIN_EXPIRES_T },
};

SB_JAVA_API int sb_hdr_type_of_name(const char *name, int len)
{
	for (size_t i = 0; i < sizeof(hdr_names) / sizeof(hdr_names[0]); i++)
		if ((size_t)len == strlen(hdr_names[i].name) &&
				strncasecmp(name, hdr_names[i].name, (size_t)len) == 0)
			return hdr_names[i].type;
	return HDR_OTHER_T;
}

char *parse_hname2(char *begin, char *end, struct hdr_field *hdr)
{
	char *p = begin, *colon;

	if (begin == NULL || end == NULL || hdr == NULL || begin >= end) {
		if (hdr)
			hdr->type = HDR_ERROR_T;
		return NULL;
	}
	while (p < end && *p != ':' && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
		p++;
	hdr->name.s = begin;
	hdr->name.len = (int)(p - begin);
	colon = p;
	while (colon < end && (*colon == ' ' || *colon == '\t'))
		colon++;
	if (hdr->name.len == 0 || colon >= end || *colon != ':') {
		hdr->type = HDR_ERROR_T;
		return NULL;
	}
	hdr->type = (hdr_types_t)sb_hdr_type_of_name(begin, hdr->name.len);
	return colon + 1;
}
