/* sipbridge module SDK: injecting a message (OpenSIPS 1.11 receive.h). receive_msg hands
 * buf (copied) to the server as if it had arrived as ri says: it is queued for the worker
 * its Call-ID picks and processed there, after the call returns. 0 queued, -1 not. */
#ifndef SB_SDK_RECEIVE_H
#define SB_SDK_RECEIVE_H

#include "ip_addr.h"

int receive_msg(char *buf, unsigned int len, struct receive_info *ri);
/* A number unique per message (the id the next message gets). */
unsigned int get_next_msg_no(void);

#endif
