/* sipbridge module SDK: event interface basics (OpenSIPS 1.11 evi/evi.h). */
#ifndef SB_SDK_EVI_H
#define SB_SDK_EVI_H

#define EVI_ERROR -1
#define MAX_EVENT_NAME 64

typedef int event_id_t;

#endif
