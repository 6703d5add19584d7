/* sipbridge module SDK: the parsed SDP body of a message (OpenSIPS 1.11
 * parser/sdp/sdp.h), reached through msg->sdp after parse_sdp(msg).
 *
 * Layout as in 1.11: sessions (one per application/sdp part; numbered 0.. in body order)
 * and, in each, streams (m= lines, numbered 0..) and payloads (numbered 0.. in m= order).
 * Each list is linked newest first (the last session/stream/payload of the body is the
 * head); use get_sdp_session / get_sdp_stream / p_payload_attr[i] for body order. Every
 * str points into the message buffer.
 *
 * Memory: parse_sdp allocates msg->sdp and everything under it in pkg memory; it belongs
 * to the message and is freed with it (free_sdp at the next message, or by free_sip_msg
 * for a message a module built), as in 1.11. Modules only read it. */
#ifndef SB_SDK_SDP_H
#define SB_SDK_SDP_H

#include "../../str.h"

struct sip_msg;
/* as 1.11: including sdp.h alone gives struct sip_msg too (msg_parser.h includes this
 * file before it defines sip_msg; the guards make either order work) */
#include "../msg_parser.h"

typedef struct sdp_payload_attr {
	struct sdp_payload_attr *next;
	int payload_num;          /* index inside the stream */
	str rtp_payload;          /* payload type number as text */
	str rtp_enc;              /* a=rtpmap encoding */
	str rtp_clock;
	str rtp_params;
	str fmtp_string;          /* a=fmtp parameters */
} sdp_payload_attr_t;

typedef struct sdp_stream_cell {
	struct sdp_stream_cell *next;
	int pf;                   /* AF_INET/AF_INET6 of the stream's own c= line */
	str ip_addr;              /* the stream's own c= address (empty: the session's) */
	int stream_num;
	int is_rtp;               /* RTP/AVP, RTP/AVPF, RTP/SAVP, RTP/SAVPF */
	int is_on_hold;           /* a=sendonly/inactive or c= 0.0.0.0 */
	str media;                /* m=<media> <port> <transport> <payloads> */
	str port;
	str transport;
	str sendrecv_mode;        /* "sendrecv" or "recvonly" when present */
	str ptime;
	str payloads;
	int payloads_num;
	str bw_type;              /* b=<type>:<width> */
	str bw_width;
	str rtcp_port;            /* a=rtcp (RFC 3605) */
	str path;                 /* RFC 4975 attributes */
	str max_size;
	str accept_types;
	str accept_wrapped_types;
	struct sdp_payload_attr **p_payload_attr;   /* payloads by index */
	struct sdp_payload_attr *payload_attr;
} sdp_stream_cell_t;

typedef struct sdp_session_cell {
	struct sdp_session_cell *next;
	int session_num;
	str cnt_disp;             /* the part's Content-Disposition (multipart bodies) */
	int pf;                   /* session-level c= */
	str ip_addr;
	int o_pf;                 /* o= address */
	str o_ip_addr;
	str bw_type;
	str bw_width;
	int streams_num;
	struct sdp_stream_cell *streams;
} sdp_session_cell_t;

typedef struct sdp_info {
	int sessions_num;
	int streams_num;          /* over all sessions */
	struct sdp_session_cell *sessions;
} sdp_info_t;

/* 0 parsed (or already), 1 no body, -1 not SDP (application/sdp or multipart/mixed
 * with SDP parts) or broken SDP */
int parse_sdp(struct sip_msg *_m);
/* parses one SDP session text into _sdp as session session_num: 0 or -1 */
int parse_sdp_session(str *sdp_body, int session_num, str *cnt_disp, sdp_info_t *_sdp);
int get_sdp_session_num(struct sip_msg *_m);
int get_sdp_stream_num(struct sip_msg *_m);
sdp_session_cell_t *get_sdp_session(struct sip_msg *_m, int session_num);
sdp_session_cell_t *get_sdp_session_sdp(struct sdp_info *sdp, int session_num);
sdp_stream_cell_t *get_sdp_stream(struct sip_msg *_m, int session_num, int stream_num);
sdp_stream_cell_t *get_sdp_stream_sdp(struct sdp_info *sdp, int session_num, int stream_num);
sdp_payload_attr_t *get_sdp_payload4payload(sdp_stream_cell_t *stream, str *rtp_payload);
sdp_payload_attr_t *get_sdp_payload4index(sdp_stream_cell_t *stream, int index);
/* frees *sdp entirely and NULLs it */
void free_sdp(sdp_info_t **sdp);
/* frees what sdp holds, not sdp itself */
void __free_sdp(sdp_info_t *sdp);
void print_sdp(sdp_info_t *sdp, int log_level);
void print_sdp_session(sdp_session_cell_t *sdp_session, int log_level);
void print_sdp_stream(sdp_stream_cell_t *stream, int log_level);

#endif
