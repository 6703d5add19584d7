/* sipbridge module SDK: name-addr ("Display" <uri>) (OpenSIPS 1.11). */
#ifndef SB_SDK_PARSE_NAMEADDR_H
#define SB_SDK_PARSE_NAMEADDR_H

#include <stdio.h>
#include "../str.h"

typedef struct name_addr {
	str name;   /* display name */
	str uri;
	int len;    /* whole name-addr */
} name_addr_t;

/* Finds the URI of a name-addr or addr-spec in _s. 0 on success, <0 on error. */
int parse_nameaddr(str *_s, name_addr_t *_a);
void print_nameaddr(FILE *_o, name_addr_t *_a);

#endif
