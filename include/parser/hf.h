/* sipbridge module SDK: header fields (OpenSIPS 1.11 names and values).
 *
 * In sipbridge the Java core parses every header of a message before a module runs, so
 * msg->headers is always the complete list. The hdr_field records of a received message
 * belong to the core (a per-thread arena): never pkg_free one. */
#ifndef SB_SDK_HF_H
#define SB_SDK_HF_H

#include "../str.h"

/* The values are part of the interface (flags are 1 << type); keep them as in 1.11. */
enum _hdr_types_t {
	HDR_ERROR_T = -1,
	HDR_OTHER_T = 0,
	HDR_VIA_T = 1,
	HDR_VIA1_T = 1,
	HDR_VIA2_T = 2,          /* used only as a flag */
	HDR_TO_T,                /* 3 */
	HDR_FROM_T,
	HDR_CSEQ_T,
	HDR_CALLID_T,
	HDR_CONTACT_T,
	HDR_MAXFORWARDS_T,
	HDR_ROUTE_T,
	HDR_RECORDROUTE_T,
	HDR_PATH_T,
	HDR_CONTENTTYPE_T,
	HDR_CONTENTLENGTH_T,
	HDR_AUTHORIZATION_T,
	HDR_EXPIRES_T,
	HDR_PROXYAUTH_T,
	HDR_SUPPORTED_T,
	HDR_PROXYREQUIRE_T,
	HDR_UNSUPPORTED_T,
	HDR_ALLOW_T,
	HDR_EVENT_T,
	HDR_ACCEPT_T,
	HDR_ACCEPTLANGUAGE_T,
	HDR_ORGANIZATION_T,
	HDR_PRIORITY_T,
	HDR_SUBJECT_T,
	HDR_USERAGENT_T,
	HDR_ACCEPTDISPOSITION_T,
	HDR_CONTENTDISPOSITION_T,
	HDR_DIVERSION_T,
	HDR_RPID_T,
	HDR_REFER_TO_T,
	HDR_SESSION_EXPIRES_T,
	HDR_MIN_SE_T,
	HDR_PPI_T,
	HDR_PAI_T,
	HDR_PRIVACY_T,
	HDR_RETRY_AFTER_T,
	HDR_CALL_INFO_T,
	HDR_WWW_AUTHENTICATE_T,
	HDR_PROXY_AUTHENTICATE_T,
	HDR_MIN_EXPIRES_T,
	HDR_EOH_T                /* end of headers; its flag is "all" */
};
typedef enum _hdr_types_t hdr_types_t;

typedef unsigned long long hdr_flags_t;

#define HDR_T2F(type) \
	(((type) != HDR_EOH_T) ? ((hdr_flags_t)1 << (type)) : (~(hdr_flags_t)0))
#define HDR_F_DEF(name) HDR_T2F(HDR_##name##_T)

#define HDR_EOH_F                HDR_F_DEF(EOH)
#define HDR_VIA_F                HDR_F_DEF(VIA)
#define HDR_VIA1_F               HDR_F_DEF(VIA1)
#define HDR_VIA2_F               HDR_F_DEF(VIA2)
#define HDR_TO_F                 HDR_F_DEF(TO)
#define HDR_FROM_F               HDR_F_DEF(FROM)
#define HDR_CSEQ_F               HDR_F_DEF(CSEQ)
#define HDR_CALLID_F             HDR_F_DEF(CALLID)
#define HDR_CONTACT_F            HDR_F_DEF(CONTACT)
#define HDR_MAXFORWARDS_F        HDR_F_DEF(MAXFORWARDS)
#define HDR_ROUTE_F              HDR_F_DEF(ROUTE)
#define HDR_RECORDROUTE_F        HDR_F_DEF(RECORDROUTE)
#define HDR_PATH_F               HDR_F_DEF(PATH)
#define HDR_CONTENTTYPE_F        HDR_F_DEF(CONTENTTYPE)
#define HDR_CONTENTLENGTH_F      HDR_F_DEF(CONTENTLENGTH)
#define HDR_AUTHORIZATION_F      HDR_F_DEF(AUTHORIZATION)
#define HDR_EXPIRES_F            HDR_F_DEF(EXPIRES)
#define HDR_PROXYAUTH_F          HDR_F_DEF(PROXYAUTH)
#define HDR_SUPPORTED_F          HDR_F_DEF(SUPPORTED)
#define HDR_PROXYREQUIRE_F       HDR_F_DEF(PROXYREQUIRE)
#define HDR_UNSUPPORTED_F        HDR_F_DEF(UNSUPPORTED)
#define HDR_ALLOW_F              HDR_F_DEF(ALLOW)
#define HDR_EVENT_F              HDR_F_DEF(EVENT)
#define HDR_ACCEPT_F             HDR_F_DEF(ACCEPT)
#define HDR_ACCEPTLANGUAGE_F     HDR_F_DEF(ACCEPTLANGUAGE)
#define HDR_ORGANIZATION_F       HDR_F_DEF(ORGANIZATION)
#define HDR_PRIORITY_F           HDR_F_DEF(PRIORITY)
#define HDR_SUBJECT_F            HDR_F_DEF(SUBJECT)
#define HDR_USERAGENT_F          HDR_F_DEF(USERAGENT)
#define HDR_ACCEPTDISPOSITION_F  HDR_F_DEF(ACCEPTDISPOSITION)
#define HDR_CONTENTDISPOSITION_F HDR_F_DEF(CONTENTDISPOSITION)
#define HDR_DIVERSION_F          HDR_F_DEF(DIVERSION)
#define HDR_RPID_F               HDR_F_DEF(RPID)
#define HDR_REFER_TO_F           HDR_F_DEF(REFER_TO)
#define HDR_SESSION_EXPIRES_F    HDR_F_DEF(SESSION_EXPIRES)
#define HDR_MIN_SE_F             HDR_F_DEF(MIN_SE)
#define HDR_PPI_F                HDR_F_DEF(PPI)
#define HDR_PAI_F                HDR_F_DEF(PAI)
#define HDR_PRIVACY_F            HDR_F_DEF(PRIVACY)
#define HDR_RETRY_AFTER_F        HDR_F_DEF(RETRY_AFTER)
#define HDR_CALL_INFO_F          HDR_F_DEF(CALL_INFO)
#define HDR_WWW_AUTHENTICATE_F   HDR_F_DEF(WWW_AUTHENTICATE)
#define HDR_PROXY_AUTHENTICATE_F HDR_F_DEF(PROXY_AUTHENTICATE)
#define HDR_MIN_EXPIRES_F        HDR_F_DEF(MIN_EXPIRES)
#define HDR_OTHER_F              HDR_F_DEF(OTHER)

/* name ':' body. body is trimmed on both sides and may span folded lines. */
struct hdr_field {
	hdr_types_t type;
	str name;
	str body;
	int len;                   /* from the name to the end of the line, CRLF included */
	void *parsed;              /* parsed body, or an integer for some types (see below) */
	struct hdr_field *next;    /* next header in the message */
	struct hdr_field *sibling; /* next header of the same type */
};

/* parsed holds a plain integer, never a pointer, for Content-Length and Max-Forwards.
 * For the other types it is a structure allocated by the parse function that filled it;
 * the core frees it when the message is done (see clean_hdr_field). */

/* 1 when parse functions of this type allocate what they store in ->parsed. */
static inline int hdr_allocs_parse(struct hdr_field *hdr)
{
	switch (hdr->type) {
	case HDR_VIA_T: case HDR_TO_T: case HDR_FROM_T: case HDR_CONTACT_T:
	case HDR_ROUTE_T: case HDR_RECORDROUTE_T: case HDR_PATH_T:
	case HDR_AUTHORIZATION_T: case HDR_EXPIRES_T: case HDR_PROXYAUTH_T:
	case HDR_EVENT_T: case HDR_ACCEPT_T: case HDR_CONTENTTYPE_T:
	case HDR_CONTENTDISPOSITION_T: case HDR_DIVERSION_T: case HDR_RPID_T:
	case HDR_REFER_TO_T: case HDR_SESSION_EXPIRES_T: case HDR_PPI_T: case HDR_PAI_T:
	case HDR_CALL_INFO_T: case HDR_WWW_AUTHENTICATE_T: case HDR_PROXY_AUTHENTICATE_T:
	case HDR_ALLOW_T: case HDR_SUPPORTED_T:
		return 1;
	default:
		return 0;
	}
}

/* Frees what hf->parsed points to (by header type) and clears it; never name/body.
 * Structures the core built for a received message are left alone. */
void clean_hdr_field(struct hdr_field *hf);
/* clean_hdr_field + pkg_free of every header of a list a module built itself. */
void free_hdr_field_lst(struct hdr_field *hf);
void dump_hdr_field(struct hdr_field *hf);

#endif
