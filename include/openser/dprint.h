/* OpenSER 1.1 dialect: logging. LOG(L_ERR, ...), DBG(...) and the LM_* macros of the main
 * tree all work; OpenSER 1.1 modules also read the core's `debug` level. */
#ifndef SB_SDK_OPENSER_DPRINT_H
#define SB_SDK_OPENSER_DPRINT_H

#include "../dprint.h"

/* The core's log level, mirrored from *sb_log_level. */
extern int debug;

#endif
