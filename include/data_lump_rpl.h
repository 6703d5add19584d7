/* sipbridge module SDK: text to add to a reply the core generates for a request
 * (OpenSIPS 1.11).
 *
 * OWNERSHIP
 *  - add_lump_rpl copies the text into pkg memory the core owns, unless LUMP_RPL_NODUP:
 *    then the lump keeps the module's pointer, and the core pkg_frees it with the lump
 *    unless LUMP_RPL_NOFREE is set too (then the text stays the module's, and must live
 *    until the reply is sent).
 *  - The struct lump_rpl is the core's; the core frees every reply lump when the message
 *    is done. LUMP_RPL_HDR text is whole header lines (CRLF included); the first
 *    LUMP_RPL_BODY lump is the body. */
#ifndef SB_SDK_DATA_LUMP_RPL_H
#define SB_SDK_DATA_LUMP_RPL_H

#include "parser/msg_parser.h"

#define LUMP_RPL_HDR    (1 << 1)
#define LUMP_RPL_BODY   (1 << 2)
#define LUMP_RPL_NODUP  (1 << 3)
#define LUMP_RPL_NOFREE (1 << 4)
#define LUMP_RPL_SHMEM  (1 << 5)

struct lump_rpl {
	str text;
	int flags;
	struct lump_rpl *next;
};

/* NULL on error (bad flags, a second body, no memory). */
struct lump_rpl *add_lump_rpl(struct sip_msg *msg, char *s, int len, int flags);
/* Frees the text (per the flags) and the lump. */
void free_lump_rpl(struct lump_rpl *lump);
/* Unlinks lump from msg->reply_lump (does not free it). */
void unlink_lump_rpl(struct sip_msg *msg, struct lump_rpl *lump);
/* Frees every lump of the list that is not LUMP_RPL_SHMEM. */
void del_nonshm_lump_rpl(struct lump_rpl **list);

#endif
