/* sipbridge module SDK: adding and removing data in a message (OpenSIPS 1.11).
 *
 * OWNERSHIP
 *  - Every struct lump is allocated (pkg) and owned by the core: a module only keeps
 *    the pointers it gets back, to chain further lumps, until the call returns. The core
 *    frees all lumps when the message is done (or applied).
 *  - The text passed to insert_new_lump_* / append_new_lump / insert_new_lump must be
 *    pkg_malloc'd by the module; on success the lump owns it and the core pkg_frees it.
 *    On failure (NULL returned) the text stays the module's, as in OpenSIPS.
 *  - offsets are offsets in msg->buf. Lumps past the end of the headers go to
 *    msg->body_lumps, the others to msg->add_rm.
 * See lump_struct.h for how lumps are applied. */
#ifndef SB_SDK_DATA_LUMP_H
#define SB_SDK_DATA_LUMP_H

#include "lump_struct.h"
#include "parser/msg_parser.h"
#include "parser/hf.h"

/* Flags given to every new lump (tm sets LUMPFLAG_BRANCH around branch routes).
 * Per worker thread in sipbridge. */
extern __thread int init_lump_flags;
#define set_init_lump_flags(_flags) do { init_lump_flags = (_flags); } while (0)
#define reset_init_lump_flags()     do { init_lump_flags = 0; } while (0)

/* Plain additions at the end / the start of a list (emitted where they stand). */
struct lump *append_new_lump(struct lump **list, char *new_hdr, unsigned int len,
		enum _hdr_types_t type);
struct lump *insert_new_lump(struct lump **list, char *new_hdr, unsigned int len,
		enum _hdr_types_t type);
/* Text emitted right after / right before an existing lump. */
struct lump *insert_new_lump_after(struct lump *after, char *new_hdr, unsigned int len,
		enum _hdr_types_t type);
struct lump *insert_new_lump_before(struct lump *before, char *new_hdr, unsigned int len,
		enum _hdr_types_t type);
/* Addresses, ports, protocols of the sockets, resolved when the message is built. */
struct lump *insert_subst_lump_after(struct lump *after, enum lump_subst subst,
		enum _hdr_types_t type);
struct lump *insert_subst_lump_before(struct lump *before, enum lump_subst subst,
		enum _hdr_types_t type);
/* The rest of the chain is emitted only if the condition holds. */
struct lump *insert_cond_lump_after(struct lump *after, enum lump_conditions c,
		enum _hdr_types_t type);
struct lump *insert_cond_lump_before(struct lump *before, enum lump_conditions c,
		enum _hdr_types_t type);
/* A marker that emits nothing; present for source compatibility. */
struct lump *insert_skip_lump_after(struct lump *after);
struct lump *insert_skip_lump_before(struct lump *before);

/* Removes len bytes at offset. NULL on error (bad range, no memory). */
struct lump *del_lump(struct sip_msg *msg, unsigned int offset, unsigned int len,
		enum _hdr_types_t type);
/* A position at offset to hang additions on (len is ignored). */
struct lump *anchor_lump(struct sip_msg *msg, unsigned int offset, unsigned int len,
		enum _hdr_types_t type);

/* Shallow pkg copy of a list (texts shared) and its release. */
struct lump *dup_lump_list(struct lump *l);
void free_duped_lump_list(struct lump *l);

/* Drops the lumps that have any of flags / that lack any of not_flags, as OpenSIPS
 * does: a top-level lump that matches goes with its before/after chains; the chains of
 * one that stays are filtered element by element. */
void del_flaged_lumps(struct lump **lump_list, enum lump_flag flags);
void del_notflaged_lumps(struct lump **lump_list, enum lump_flag not_flags);

#endif
