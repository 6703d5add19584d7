/* The message part of the core sees the SDK through ../sb_sdk.h, like every core source. */
#ifndef SB_MSG_SDK_H
#define SB_MSG_SDK_H
#include "../sb_sdk.h"
#endif
