/* sipbridge module SDK: shm copies of parsed SDP (OpenSIPS 1.11
 * parser/sdp/sdp_cloner.h). A clone is self-contained (its strings are copied into the
 * same shm blocks) and belongs to the caller, who frees it with the matching function. */
#ifndef SB_SDK_SDP_CLONER_H
#define SB_SDK_SDP_CLONER_H

#include "sdp.h"

/* one session and its streams (next is NULL); NULL when out of shm memory */
sdp_session_cell_t *clone_sdp_session_cell(sdp_session_cell_t *session);
/* frees a cloned session and every cloned session linked after it */
void free_cloned_sdp_session(sdp_session_cell_t *_session);
/* all of msg->sdp (parse_sdp first); NULL when there is none or out of memory */
sdp_info_t *clone_sdp_info(struct sip_msg *_m);
void free_cloned_sdp(sdp_info_t *sdp);

#endif
