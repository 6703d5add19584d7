/* sipbridge module SDK: the core's own events (OpenSIPS 1.11 evi/evi_core.h names).
 * sipbridge raises none of the threshold events; the ids exist so 1.11 code compiles. */
#ifndef SB_SDK_EVI_CORE_H
#define SB_SDK_EVI_CORE_H

#define EVI_THRESHOLD_ID      0
#define EVI_SHM_THRESHOLD_ID  1
#define EVI_PKG_THRESHOLD_ID  2

#define EVI_CORE_PREFIX "E_CORE_"
/* the str of a core event's name: CORE_EVENT_STR(THRESHOLD) is "E_CORE_THRESHOLD" */
#define CORE_EVENT_STR(_event) \
	{ EVI_CORE_PREFIX #_event, sizeof(EVI_CORE_PREFIX #_event) - 1 }

#endif
