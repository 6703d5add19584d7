/* sipbridge module SDK: AVP name/value union (OpenSIPS 1.11 shape). AVPs themselves live
 * in the Java script state; modules reach them through pseudo-variables ($avp(x)). */
#ifndef SB_SDK_USR_AVP_H
#define SB_SDK_USR_AVP_H

#include "str.h"

typedef union {
	int n;
	str s;
} int_str;

#define AVP_NAME_STR (1 << 0)
#define AVP_VAL_STR  (1 << 1)

#endif
