/* sipbridge module SDK: SIP/TEL URIs (OpenSIPS 1.11). struct sip_uri is declared in
 * msg_parser.h, as in OpenSIPS. Every str of a parsed URI points into the parsed text. */
#ifndef SB_SDK_PARSE_URI_H
#define SB_SDK_PARSE_URI_H

#include "../str.h"
#include "msg_parser.h"

#define SIP_SCH   0x3a706973  /* "sip:" */
#define SIPS_SCH  0x73706973  /* "sips" */
#define TEL_SCH   0x3a6c6574  /* "tel:" */
#define TELS_SCH  0x736c6574  /* "tels" */

/* 0 on success, <0 on error (uri->type is then ERROR_URI_T). No allocation. */
int parse_uri(char *buf, int len, struct sip_uri *uri);
/* Parses the current R-URI (new_uri if set) into msg->parsed_uri, once. As in OpenSIPS
 * 1.11: 0 when it parsed it now, 1 when it was already parsed, <0 on error (test < 0). */
int parse_sip_msg_uri(struct sip_msg *msg);
/* Parses the received R-URI into msg->parsed_orig_ruri, once. 0 parsed now, 1 already
 * parsed, <0 on error. */
int parse_orig_ruri(struct sip_msg *msg);

/* RFC 3261 19.1.4 comparison: 0 when equal, 1 when different, -1 on error. Either
 * side may be given parsed (parsed_* non-NULL) or raw. */
int compare_uris(str *raw_uri_a, struct sip_uri *parsed_uri_a,
		str *raw_uri_b, struct sip_uri *parsed_uri_b);

/* "sip"/"sips"/"tel"/"tels" written to result (not NUL-terminated); returns its end. */
char *uri_type2str(const uri_type type, char *result);
int uri_typestrlen(const uri_type type);
uri_type str2uri_type(char *buf);

/* The port and protocol a URI leads to: its transport (UDP by default, TLS for sips/tels)
 * and its port (5060, or 5061 for TLS, when it has none), as 1.11. */
static inline unsigned short get_uri_port(struct sip_uri *_uri, unsigned short *_proto)
{
	unsigned short proto = _uri->proto, port = _uri->port_no;

	if (proto == PROTO_NONE)
		proto = (_uri->type == SIPS_URI_T || _uri->type == TELS_URI_T) ? PROTO_TLS : PROTO_UDP;
	if (port == 0)
		port = proto == PROTO_TLS ? SIPS_PORT : SIP_PORT;
	if (_proto)
		*_proto = proto;
	return port;
}

/* The header part of a URI ("a=b?c=d" as 1.11 splits it; '&' is accepted too) into at
 * most h_size names and values (unused entries zeroed; a header without '=' gets an
 * empty value). 0, or -1 when there are more than h_size headers. */
int parse_uri_headers(str headers, str h_name[], str h_val[], int h_size);

#endif
