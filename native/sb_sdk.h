/* Every native source of the core includes the SDK through this header: the core is
 * compiled with -fvisibility=hidden, and the pragma gives the SDK's declarations default
 * visibility, so exactly the SDK's functions and variables are exported to modules and
 * every other core symbol stays hidden (modules define globals of their own with common
 * names; they must never bind to core internals). */
#ifndef SB_NATIVE_SDK_H
#define SB_NATIVE_SDK_H

#pragma GCC visibility push(default)
#include "../include/sr_module.h"
#include "../include/mod_fix.h"
#include "../include/ut.h"
#include "../include/mem/shm_mem.h"
#include "../include/usr_avp.h"
#pragma GCC visibility pop

/* Functions the Java side calls (through jnr-ffi or JNA): exported, but not part of the
 * module SDK. Their names start with sb_. */
#define SB_JAVA_API __attribute__((visibility("default")))

#endif
