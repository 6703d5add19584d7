/* sipbridge module SDK: lumps, the pending changes of a message (OpenSIPS 1.11).
 *
 * A message keeps two lists sorted by offset: msg->add_rm (headers) and msg->body_lumps
 * (body). A list element is an anchor (LUMP_NOP) or a deletion (LUMP_DEL) at an offset
 * of msg->buf, or a plain addition (LUMP_ADD) emitted where it stands. Each element may
 * carry a chain of additions to emit before it (->before, ->before, ...) and one to
 * emit after it (->after, ...). A conditional lump (LUMP_ADD_OPT) whose condition is
 * false suppresses the rest of its chain.
 *
 * Changes show up only in what is sent (or after msg_apply_changes), never in later
 * reads of the same message: buf and the headers stay as received. */
#ifndef SB_SDK_LUMP_STRUCT_H
#define SB_SDK_LUMP_STRUCT_H

#include "parser/hf.h"

enum lump_op { LUMP_NOP = 0, LUMP_DEL, LUMP_ADD, LUMP_ADD_SUBST, LUMP_ADD_OPT, LUMP_SKIP };

/* RCV = the socket the message came in on, SND = the socket it leaves on.
 * *_ALL is ip[:port][;transport=proto]: the port when it is not 5060, the transport
 * when it is not UDP. IPv6 addresses get brackets in *_IP and *_ALL. */
enum lump_subst {
	SUBST_NOP = 0,
	SUBST_RCV_IP, SUBST_SND_IP,
	SUBST_RCV_PORT, SUBST_SND_PORT,
	SUBST_RCV_PROTO, SUBST_SND_PROTO,
	SUBST_RCV_ALL, SUBST_SND_ALL
};

enum lump_conditions {
	COND_FALSE,
	COND_TRUE,
	COND_IF_DIFF_REALMS,   /* rcv ip:port:proto != snd ip:port:proto */
	COND_IF_DIFF_AF,
	COND_IF_DIFF_PROTO,
	COND_IF_DIFF_PORT,
	COND_IF_DIFF_IP
};

enum lump_flag {
	LUMPFLAG_NONE = 0, LUMPFLAG_DUPED = 1, LUMPFLAG_SHMEM = 2, LUMPFLAG_BRANCH = 4,
	LUMPFLAG_COND_TRUE = 8, LUMPFLAG_CODEC = 16
};

struct lump {
	enum _hdr_types_t type;   /* header type the lump is about (HDR_OTHER_T if none) */
	enum lump_op op;
	union {
		unsigned int offset;       /* LUMP_NOP, LUMP_DEL: offset in msg->buf */
		enum lump_subst subst;     /* LUMP_ADD_SUBST */
		enum lump_conditions cond; /* LUMP_ADD_OPT */
		char *value;               /* LUMP_ADD: pkg text, owned by the lump */
	} u;
	unsigned int len;         /* LUMP_DEL: bytes removed; LUMP_ADD: text length */
	struct lump *before;
	struct lump *after;
	struct lump *next;
	enum lump_flag flags;
};

/* Frees what l owns (the text of a LUMP_ADD), not l itself. */
void free_lump(struct lump *l);
/* Frees a whole list: every element, its before/after chains, their texts. */
void free_lump_list(struct lump *lump_list);

#endif
