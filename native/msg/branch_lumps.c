/* Per-branch header and body changes for the Java transaction layer: lumps added while a
 * branch_route runs are marked LUMPFLAG_BRANCH (init_lump_flags is per thread, and a
 * branch route runs on its worker's thread), the branch is built with them, then they are
 * removed, so the next branch is built from the request and its own changes only. */
#include "sb_msg_int.h"

/* op 1: from now on new lumps carry LUMPFLAG_BRANCH; op 0: no longer; op 2: remove the
 * header and body lumps that carry it from msg (and stop marking). */
SB_JAVA_API void sb_msg_branch_lumps(struct sip_msg *msg, int op)
{
	switch (op) {
	case 1:
		set_init_lump_flags(LUMPFLAG_BRANCH);
		break;
	case 2:
		reset_init_lump_flags();
		if (msg != NULL) {
			del_flaged_lumps(&msg->add_rm, LUMPFLAG_BRANCH);
			del_flaged_lumps(&msg->body_lumps, LUMPFLAG_BRANCH);
		}
		break;
	default:
		reset_init_lump_flags();
		break;
	}
}
