/* Counters of the stub allocators (test/core_stubs.c). */
#ifndef SB_TEST_CORE_STUBS_H
#define SB_TEST_CORE_STUBS_H

#include "sb_msg_int.h"

extern long stub_pkg_live;   /* pkg blocks allocated and not freed */
extern long stub_shm_live;
extern long stub_pkg_total;  /* pkg_malloc calls so far */
extern int server_signature;  /* globals.h; 0 unless a test turns it on */

#endif
