/* sipbridge module SDK: the type names of the RSA MD5 interface (OpenSIPS 1.11
 * md5global.h). */
#ifndef SB_SDK_MD5GLOBAL_H
#define SB_SDK_MD5GLOBAL_H

#include <stdint.h>

typedef unsigned char *POINTER;
typedef uint16_t UINT2;
typedef uint32_t UINT4;

/* Old-style prototype wrapper: PROTO_LIST((a, b)) is (a, b). */
#define PROTO_LIST(list) list

#endif
