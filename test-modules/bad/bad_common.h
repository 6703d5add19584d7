/* Shared pieces of the deliberately broken test modules: each .c file is one way a module
 * can be wrong, and the loader tests assert the exact error a user sees for it. */
#ifndef BAD_COMMON_H
#define BAD_COMMON_H

#include "../../sr_module.h"

static inline int bad_ok_function(struct sip_msg *msg)
{
	return 1;
}

#endif
