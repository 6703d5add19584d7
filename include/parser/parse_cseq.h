/* sipbridge module SDK: the CSeq header (OpenSIPS 1.11). */
#ifndef SB_SDK_PARSE_CSEQ_H
#define SB_SDK_PARSE_CSEQ_H

#include "../str.h"

struct cseq_body {
	int error;               /* PARSE_OK or PARSE_ERROR */
	str number;
	str method;
	unsigned int method_id;  /* METHOD_* */
};

/* Already parsed by the core for a received message. */
#define get_cseq(p_msg) ((struct cseq_body *)(p_msg)->cseq->parsed)

char *parse_cseq(char *buf, char *end, struct cseq_body *cb);
void free_cseq(struct cseq_body *cb);

#endif
