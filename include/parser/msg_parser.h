/* sipbridge module SDK: the SIP message as modules see it (OpenSIPS 1.11 names).
 *
 * The Java core owns and parses every message. Before a module function runs, the core
 * builds this view in native memory that belongs to the worker thread:
 *  - buf is a writable, NUL-terminated copy of the message; every str below points into
 *    it (modules may rewrite bytes in place);
 *  - every header is in the headers list already (parsed_flag is HDR_EOH_F), with the
 *    shortcuts, sibling chains, eoh and unparsed set;
 *  - as in OpenSIPS 1.11 parse_headers(), every Via, To and CSeq header is parsed and
 *    Content-Length holds its value, so via1->branch, get_to(msg)->tag_value,
 *    get_cseq(msg)->method and get_content_length(msg) work without a parse call.
 * The structures the core built (headers, via/to/cseq bodies) must never be freed by a
 * module; what a module's parse calls allocate (parse_from_header, parse_contact, ...)
 * and stores in hdr->parsed is freed by the core when the message is done. A message is
 * valid only during the module call that received it. */
#ifndef SB_SDK_MSG_PARSER_H
#define SB_SDK_MSG_PARSER_H

#include <string.h>
#include <strings.h>

#include "../str.h"
#include "../config.h"
#include "../lump_struct.h"
#include "../ip_addr.h"
#include "../dprint.h"
#include "../md5utils.h"
#include "../flags.h"   /* as in 1.11: modules get FLAG_TYPE_* through the message header */
#include "parse_def.h"
#include "parse_cseq.h"
#include "parse_content.h"
#include "parse_via.h"
#include "parse_fline.h"
#include "hf.h"

/* Script flags (flags.h in OpenSIPS). A repeated identical typedef is valid C11. */
typedef unsigned int flag_t;


#define REQ_LINE(_msg) ((_msg)->first_line.u.request)
#define REQ_METHOD first_line.u.request.method_value
#define REPLY_STATUS first_line.u.reply.statuscode
#define REPLY_CLASS(_reply) ((_reply)->REPLY_STATUS / 100)

/* Powers of two so that sets of methods are bit masks. */
enum request_method {
	METHOD_UNDEF = 0,
	METHOD_INVITE = 1,
	METHOD_CANCEL = 2,
	METHOD_ACK = 4,
	METHOD_BYE = 8,
	METHOD_INFO = 16,
	METHOD_OPTIONS = 32,
	METHOD_UPDATE = 64,
	METHOD_REGISTER = 128,
	METHOD_MESSAGE = 256,
	METHOD_SUBSCRIBE = 512,
	METHOD_NOTIFY = 1024,
	METHOD_PRACK = 2048,
	METHOD_REFER = 4096,
	METHOD_PUBLISH = 8192,
	METHOD_OTHER = 16384
};

/* msg_flags */
#define FL_FORCE_RPORT       (1 << 0)
#define FL_FORCE_ACTIVE      (1 << 1)
#define FL_FORCE_LOCAL_RPORT (1 << 2)
#define FL_SDP_IP_AFS        (1 << 3)
#define FL_SDP_PORT_AFS      (1 << 4)
#define FL_SHM_CLONE         (1 << 5)
#define FL_USE_UAC_FROM      (1 << 6)
#define FL_USE_UAC_TO        (1 << 7)
#define FL_USE_UAC_CSEQ      (1 << 8)
#define FL_REQ_UPSTREAM      (1 << 9)
#define FL_DO_KEEPALIVE      (1 << 10)
#define FL_USE_MEDIA_PROXY   (1 << 11)
#define FL_USE_RTPPROXY      (1 << 12)
#define FL_NAT_TRACK_DIALOG  (1 << 13)
#define FL_USE_SIPTRACE      (1 << 14)

#define URI_MAX_U_PARAMS 10

/* The next hop: dst_uri, else new_uri, else the received R-URI. */
#define GET_NEXT_HOP(m) \
	(((m)->dst_uri.s && (m)->dst_uri.len) ? (&(m)->dst_uri) : \
	(((m)->new_uri.s && (m)->new_uri.len) ? (&(m)->new_uri) : \
	(&(m)->first_line.u.request.uri)))

/* The current R-URI: new_uri, else the received one. */
#define GET_RURI(m) \
	(((m)->new_uri.s && (m)->new_uri.len) ? (&(m)->new_uri) : \
	(&(m)->first_line.u.request.uri))

enum _uri_type { ERROR_URI_T = 0, SIP_URI_T, SIPS_URI_T, TEL_URI_T, TELS_URI_T };
typedef enum _uri_type uri_type;

struct sip_uri {
	str user;
	str passwd;
	str host;              /* IPv6 references keep their brackets */
	str port;
	str params;
	str headers;
	unsigned short port_no;
	unsigned short proto;  /* from ;transport=, PROTO_NONE when absent */
	uri_type type;
	/* well-known parameters: the whole "name[=value]" ... */
	str transport;
	str ttl;
	str user_param;
	str maddr;
	str method;
	str lr;
	str r2;
	str gr;
	/* ... and their values */
	str transport_val;
	str ttl_val;
	str user_param_val;
	str maddr_val;
	str method_val;
	str lr_val;
	str r2_val;
	str gr_val;
	/* the first URI_MAX_U_PARAMS other parameters */
	str u_name[URI_MAX_U_PARAMS];
	str u_val[URI_MAX_U_PARAMS];
	unsigned short u_params_no;
};

#include "parse_to.h"

struct msg_callback;
/* the parsed body forms (msg->sdp, msg->multi), as 1.11's msg_parser.h includes them */
#include "parse_multipart.h"
#include "sdp/sdp.h"
struct lump;
struct lump_rpl;

struct sip_msg {
	unsigned int id;               /* unique per message */
	struct msg_start first_line;
	struct via_body *via1;         /* the first Via body */
	struct via_body *via2;         /* the second Via body (maybe in the same header) */
	struct hdr_field *headers;     /* every header, in order */
	struct hdr_field *last_header;
	hdr_flags_t parsed_flag;       /* always HDR_EOH_F for a message of the core */

	/* first header of each type (sibling chains link the others) */
	struct hdr_field *h_via1;
	struct hdr_field *h_via2;
	struct hdr_field *callid;
	struct hdr_field *to;
	struct hdr_field *cseq;
	struct hdr_field *from;
	struct hdr_field *contact;
	struct hdr_field *maxforwards;
	struct hdr_field *route;
	struct hdr_field *record_route;
	struct hdr_field *path;
	struct hdr_field *content_type;
	struct hdr_field *content_length;
	struct hdr_field *authorization;
	struct hdr_field *expires;
	struct hdr_field *proxy_auth;
	struct hdr_field *supported;
	struct hdr_field *proxy_require;
	struct hdr_field *unsupported;
	struct hdr_field *allow;
	struct hdr_field *event;
	struct hdr_field *accept;
	struct hdr_field *accept_language;
	struct hdr_field *organization;
	struct hdr_field *priority;
	struct hdr_field *subject;
	struct hdr_field *user_agent;
	struct hdr_field *content_disposition;
	struct hdr_field *accept_disposition;
	struct hdr_field *diversion;
	struct hdr_field *rpid;
	struct hdr_field *refer_to;
	struct hdr_field *session_expires;
	struct hdr_field *min_se;
	struct hdr_field *ppi;
	struct hdr_field *pai;
	struct hdr_field *privacy;
	struct hdr_field *call_info;
	struct hdr_field *www_authenticate;
	struct hdr_field *proxy_authenticate;
	struct hdr_field *min_expires;

	struct sdp_info *sdp;          /* parse_sdp(); pkg, owned by the message */
	struct multi_body *multi;      /* get_all_bodies(); pkg, owned by the message */

	char *eoh;                     /* the empty line that ends the headers */
	char *unparsed;                /* where header parsing stopped (== eoh) */

	struct receive_info rcv;

	char *buf;                     /* writable copy of the message, NUL-terminated */
	unsigned int len;

	/* changes */
	str new_uri;                   /* pkg memory; set parsed_uri_ok=0 when changing it */
	str dst_uri;                   /* pkg memory */

	int parsed_uri_ok;
	struct sip_uri parsed_uri;     /* of new_uri if set, else of the R-URI */
	int parsed_orig_ruri_ok;
	struct sip_uri parsed_orig_ruri;

	struct lump *add_rm;           /* changes to the headers */
	struct lump *body_lumps;       /* changes to the body */
	struct lump_rpl *reply_lump;   /* for replies generated locally */

	char add_to_branch_s[MAX_BRANCH_PARAM_LEN];
	int add_to_branch_len;

	unsigned int hash_index;
	flag_t flags;                  /* script flags */
	unsigned int msg_flags;        /* FL_* */

	str set_global_address;
	str set_global_port;

	struct socket_info *force_send_socket;

	str path_vec;                  /* pkg memory */

	struct msg_callback *msg_cb;

	/* ---- sipbridge private: not part of the OpenSIPS interface; modules must not
	 * touch these ---- */
	void *sb_slot;                 /* the native slot that owns this message view */
	unsigned int sb_state;         /* SB_MSG_* bits, see native/msg */
};

/* A reply built from the request's transaction, not received. */
#define FAKED_REPLY ((struct sip_msg *)-1)

/* Always 0 for a message of the core (all headers are there), -1 when the core found
 * the message broken. next=1 asks for further occurrences: they are all in the list. */
int parse_headers(struct sip_msg *msg, hdr_flags_t flags, int next);

/* Parses len bytes at buf (a whole message) into msg, which the caller zeroed and
 * whose buf/len it set (they are set to buf/len when msg->buf is NULL): start line,
 * every header (Via, To, CSeq and Content-Length bodies parsed, as 1.11 does while
 * reading headers), shortcuts and sibling chains. 0, or -1 on a broken message. The
 * headers and parsed bodies are pkg memory msg owns: release them with free_sip_msg
 * (also after a failure). Not for the core's own messages. */
int parse_msg(char *buf, unsigned int len, struct sip_msg *msg);

/* Frees what a module-built message owns (headers, parsed bodies, lumps, new_uri...).
 * On a message of the core it does nothing: the core reuses that memory. */
void free_sip_msg(struct sip_msg *msg);

/* 1 when From, To, Call-ID and CSeq are all present, else 0. */
int check_transaction_quadruple(struct sip_msg *msg);

/* The body (s=NULL, len=0 when there is none). 0, or -1 on error. */
static inline int get_body(struct sip_msg *msg, str *body)
{
	unsigned int hdrs_len;
	long ct_len;

	if (parse_headers(msg, HDR_EOH_F, 0) == -1)
		return -1;
	if (msg->unparsed == NULL)
		return -1;
	hdrs_len = (unsigned int)(msg->unparsed - msg->buf);
	if (hdrs_len + 2 <= msg->len && strncmp(CRLF, msg->unparsed, CRLF_LEN) == 0) {
		body->s = msg->unparsed + CRLF_LEN;
	} else if (hdrs_len + 1 <= msg->len &&
			(*msg->unparsed == '\n' || *msg->unparsed == '\r')) {
		body->s = msg->unparsed + 1;
	} else {
		body->s = NULL;
		body->len = 0;
		return 0;
	}
	body->len = (int)(msg->buf + msg->len - body->s);
	if (msg->content_length) {
		ct_len = get_content_length(msg);
		if (ct_len < body->len)
			body->len = (int)ct_len;
	} else {
		body->s = NULL;
		body->len = 0;
	}
	return 0;
}

/* First header named name (any type), or NULL. */
#define get_header_by_static_name(_msg, _name) \
	get_header_by_name(_msg, _name, sizeof(_name) - 1)
static inline struct hdr_field *get_header_by_name(struct sip_msg *msg, char *s,
		unsigned int len)
{
	struct hdr_field *hdr;
	for (hdr = msg->headers; hdr; hdr = hdr->next)
		if (len == (unsigned int)hdr->name.len && strncasecmp(hdr->name.s, s, len) == 0)
			return hdr;
	return NULL;
}

/* Copy uri into pkg memory as new_uri / dst_uri / path_vec (the old value is freed).
 * 0 on success, -1 on error. */
int set_ruri(struct sip_msg *msg, str *uri);
int set_dst_uri(struct sip_msg *msg, str *uri);
int set_path_vector(struct sip_msg *msg, str *path);

/* tm's transaction key of a request: MD5_LEN hex characters of From, To, Call-ID,
 * R-URI, CSeq number and the first Via's host, port and branch. 1, or 0 (cv filled
 * with '0') when the message lacks one of the four transaction headers. */
static inline int char_msg_val(struct sip_msg *msg, char *cv)
{
	str src[8];
	int n = 7;

	if (!check_transaction_quadruple(msg) || msg->via1 == NULL) {
		LM_ERR("cannot compute the key of a message without From/To/Call-ID/CSeq/Via\n");
		memset(cv, '0', MD5_LEN);
		return 0;
	}
	src[0] = msg->from->body;
	src[1] = msg->to->body;
	src[2] = msg->callid->body;
	src[3] = msg->first_line.u.request.uri;
	src[4] = get_cseq(msg)->number;
	src[5] = msg->via1->host;
	src[6] = msg->via1->port_str;
	if (msg->via1->branch)
		src[n++] = msg->via1->branch->value;
	MD5StringArray(cv, src, (unsigned int)n);
	return 1;
}

/* Finds From, To, CSeq and Call-ID (full or compact names) in a raw message buffer, for
 * the arguments that are not NULL: From/To/Call-ID get the whole header line(s) from
 * the name to the start of the next header (line end included), CSeq the text from its
 * name to the end of its number. 0 when every one asked for was found, -1 otherwise. */
int extract_ftc_hdrs(char *buf, int len, str *from, str *to, str *cseq, str *callid);

#endif
