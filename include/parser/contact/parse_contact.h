/* sipbridge module SDK: Contact headers (OpenSIPS 1.11). */
#ifndef SB_SDK_PARSE_CONTACT_H
#define SB_SDK_PARSE_CONTACT_H

#include <stdio.h>
#include "../hf.h"
#include "../msg_parser.h"
#include "contact.h"

typedef struct contact_body {
	unsigned char star;   /* 1 for "Contact: *" */
	contact_t *contacts;
} contact_body_t;

/* Parses one Contact header into a pkg contact_body_t in _h->parsed (once; the core
 * frees it with the message). 0 on success, <0 on error. */
int parse_contact(struct hdr_field *_h);
void free_contact(contact_body_t **_c);
void log_contact(contact_body_t *_c);

/* Iterates over the contacts of all Contact headers: pass prev=NULL for the first.
 * Returns 0 and sets *c (NULL at the end), or -1 on a parse error. */
int contact_iterator(contact_t **c, struct sip_msg *msg, contact_t *prev);

#endif
