/* sipbridge module SDK: Session-Expires and Min-SE (RFC 4028, OpenSIPS 1.11
 * parser/parse_sst.h).
 * Memory: Session-Expires' parsed form is a pkg struct session_expires freed with the
 * header (free_session_expires); Min-SE (and Min-Expires) keep the number itself in
 * hdr->parsed (nothing to free; 0 reads as "not parsed yet" and is parsed again). */
#ifndef SB_SDK_PARSE_SST_H
#define SB_SDK_PARSE_SST_H 1

#include "msg_parser.h"
#include "hf.h"

enum sst_refresher {
	sst_refresher_unspecified,
	sst_refresher_uac,
	sst_refresher_uas,
};

struct session_expires {
	unsigned interval;        /* seconds */
	enum sst_refresher refresher;
};

enum parse_sst_result {
	parse_sst_success,
	parse_sst_header_not_found,
	parse_sst_no_value,        /* no number */
	parse_sst_out_of_mem,
	parse_sst_parse_error,
};

struct session_expires *malloc_session_expires(void);
void free_session_expires(struct session_expires *);
/* parses the message's Session-Expires (once) and copies it to *se when se != NULL */
enum parse_sst_result parse_session_expires(struct sip_msg *msg, struct session_expires *se);
enum parse_sst_result parse_session_expires_body(struct hdr_field *hf);
/* parses Min-SE (once) and copies it to *min_se when not NULL */
enum parse_sst_result parse_min_se(struct sip_msg *msg, unsigned *min_se);
enum parse_sst_result parse_min_se_body(struct hdr_field *hf);

#endif
