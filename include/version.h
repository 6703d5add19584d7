/* sipbridge module SDK: the version and compile-flags strings a module is built with.
 * MODULE_VERSION (sr_module.h) copies both into the module's exports; the core refuses
 * a module whose strings differ from its own (a different SDK means a different ABI). */
#ifndef SB_SDK_VERSION_H
#define SB_SDK_VERSION_H

/* OpenSIPS 1.11's Makefile.defs passes NAME, VERSION, ARCH (and OS) with -D on every
 * module's command line. The SDK decides these strings, not the build: a module compiled
 * with the 1.11 flags must still carry the version this core accepts, so any value given
 * on the command line is replaced here. */
#undef NAME
#undef VERSION
#undef ARCH
#undef OS_QUOTED
#define NAME "opensips"
#define VERSION "1.11.0-sipbridge"
#define ARCH "x86_64"
#define OS_QUOTED "linux"

/* Bump SIPBRIDGE_SDK_ABI whenever a struct that crosses the core/module boundary changes. */
#define SIPBRIDGE_SDK_ABI "1"

#define OPENSIPS_FULL_VERSION NAME " " VERSION " (" ARCH "/" OS_QUOTED ")"
#define OPENSIPS_COMPILE_FLAGS \
	"STATS: On, SIPBRIDGE_SDK_ABI=" SIPBRIDGE_SDK_ABI ", PKG_MALLOC, SHM_MEM, USE_IPV6, " \
	"USE_TCP, CHANGEABLE_DEBUG_LEVEL, THREADED_WORKERS"

#endif
