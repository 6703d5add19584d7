/* sipbridge module SDK, OpenSER 1.1 dialect: version strings MODULE_VERSION embeds. */
#ifndef SB_SDK_OPENSER_VERSION_H
#define SB_SDK_OPENSER_VERSION_H

#include "../version.h"

#define OPENSER_FULL_VERSION "openser 1.1.1-sipbridge (" ARCH "/" OS_QUOTED ")"
#define OPENSER_COMPILE_FLAGS \
	"STATS: On, SIPBRIDGE_SDK_ABI=" SIPBRIDGE_SDK_ABI ", PKG_MALLOC, SHM_MEM, OPENSER_1_1"

#endif
