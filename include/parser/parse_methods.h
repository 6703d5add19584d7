/* sipbridge module SDK: method names to METHOD_* bits (OpenSIPS 1.11). */
#ifndef SB_SDK_PARSE_METHODS_H
#define SB_SDK_PARSE_METHODS_H

#include "../str.h"
#include "msg_parser.h"

/* every method bit (a missing Allow header means "all", as in 1.11) */
#define ALL_METHODS (0xFFFFFFFF)

/* Parses one method token at [start, end) into *method (METHOD_OTHER when unknown);
 * returns the position after the token, NULL on error. */
char *parse_method(char *start, char *end, unsigned int *method);
/* Comma-separated method list to a bit mask. 0 on success, <0 on error. */
int parse_methods(str *_body, unsigned int *_methods);

#endif
