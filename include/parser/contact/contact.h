/* sipbridge module SDK: one Contact (OpenSIPS 1.11). */
#ifndef SB_SDK_CONTACT_H
#define SB_SDK_CONTACT_H

#include <stdio.h>
#include "../../str.h"
#include "../parse_param.h"

typedef struct contact {
	str name;             /* display name */
	str uri;
	param_t *q;
	param_t *expires;
	param_t *methods;
	param_t *received;
	param_t *instance;
	param_t *params;      /* every parameter */
	int len;              /* the whole contact */
	struct contact *next;
} contact_t;

/* Parses the comma-separated contacts of _s into a pkg list. 0 / <0. */
int parse_contacts(str *_s, contact_t **_c);
void free_contacts(contact_t **_c);
void print_contacts(FILE *_o, contact_t *_c);

#endif
