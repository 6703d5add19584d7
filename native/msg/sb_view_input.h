/* The VIEW INPUT: what the Java core writes for each message into the slot's int32 area
 * (sb_slot_input) after copying the message bytes into the slot's buffer
 * (sb_slot_buf). Words are native-endian int32. Offsets are byte offsets into the
 * message buffer; lengths are byte counts.
 *
 * Protocol per message, on the slot's own thread:
 *   1. copy the bytes to sb_slot_buf(slot) (at most sb_slot_buf_capacity(slot));
 *   2. fill words SBV_MSG_LEN .. the last header record;
 *   3. write SBV_DIRTY = 1 last.
 * The first sb_msg_ensure() after that rebuilds the view and writes SBV_DIRTY = 0.
 * SBV_MAGIC is written by sb_slot_new(): Java checks it once (it is the version). */
#ifndef SB_VIEW_INPUT_H
#define SB_VIEW_INPUT_H

#define SBV_MAGIC_VALUE 0x53425631  /* "SBV1": bump the last byte with every change */

enum sb_view_word {
	SBV_MAGIC = 0,      /* SBV_MAGIC_VALUE, set by C, read by Java to check the format */
	SBV_DIRTY = 1,      /* Java: 1 = a new message is in the slot; C: 0 once built */
	SBV_MSG_LEN = 2,    /* message length in bytes (C adds the terminating NUL) */
	SBV_MSG_ID = 3,     /* msg->id: unique per message */
	SBV_STATUS = 4,     /* bit SBV_ST_BROKEN: the Java parser rejected the message */
	SBV_TYPE = 5,       /* SIP_REQUEST (1) or SIP_REPLY (2) */
	SBV_FL_LEN = 6,     /* start line length, CRLF included */
	SBV_T1_OFF = 7,     /* request: method offset      | reply: version offset */
	SBV_T1_LEN = 8,     /*          method length       |        version length */
	SBV_T2_OFF = 9,     /* request: R-URI offset        | reply: status (3 digits) offset */
	SBV_T2_LEN = 10,    /*          R-URI length        |        status length */
	SBV_T3_OFF = 11,    /* request: version offset      | reply: reason offset */
	SBV_T3_LEN = 12,    /*          version length      |        reason length */
	SBV_CODE = 13,      /* request: METHOD_* value      | reply: status code */
	SBV_EOH_OFF = 14,   /* offset of the empty line ending the headers (its CR or LF);
	                     * the message length when there is none */
	SBV_BODY_OFF = 15,  /* offset of the first body byte (after the empty line);
	                     * the message length when there is no body */
	SBV_PROTO = 16,     /* PROTO_UDP 1, PROTO_TCP 2, PROTO_TLS 3, PROTO_SCTP 4, PROTO_WS 5 */
	SBV_AF = 17,        /* 4 (IPv4) or 6 (IPv6) */
	SBV_SRC_PORT = 18,  /* source port, host order */
	SBV_DST_PORT = 19,  /* local (receiving) port, host order */
	SBV_SRC_IP = 20,    /* words 20..23: 16 raw bytes, network order (IPv4: first 4) */
	SBV_DST_IP = 24,    /* words 24..27: local address, same encoding */
	SBV_CONN_ID = 28,   /* stream connection id (rcv.proto_reserved1), 0 for UDP */
	SBV_HDR_COUNT = 29, /* number of header records that follow */
	SBV_RESERVED1 = 30, /* 0 */
	SBV_RESERVED2 = 31, /* 0 */
	SBV_HDRS = 32       /* first header record */
};

#define SBV_ST_BROKEN 1

/* One header record: SBV_HDR_WORDS words, in message order. */
enum sb_view_hdr_word {
	SBVH_TYPE = 0,      /* hdr_types_t value (HDR_OTHER_T 0, HDR_VIA_T 1, HDR_TO_T 3...);
	                     * the C header type of the name, full or compact form */
	SBVH_NAME_OFF = 1,  /* header name offset */
	SBVH_NAME_LEN = 2,  /* header name length (without the ':' and spaces before it) */
	SBVH_BODY_OFF = 3,  /* body offset: first byte after ':' and leading spaces/tabs
	                     * (and folds) */
	SBVH_BODY_LEN = 4,  /* body length, trailing spaces/tabs/CR/LF removed; a folded
	                     * body spans its continuation lines */
	SBVH_LINE_LEN = 5,  /* from the name to the end of the last line of the header,
	                     * its CRLF (or LF) included: hdr->len */
	SBV_HDR_WORDS = 6
};

/* Words needed for a slot of max_headers headers. */
#define SBV_INPUT_WORDS(max_headers) (SBV_HDRS + (max_headers) * SBV_HDR_WORDS)

#endif
