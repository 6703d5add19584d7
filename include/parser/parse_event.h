/* sipbridge module SDK: the Event header (OpenSIPS 1.11 parser/parse_event.h).
 * Memory: parse_event stores a pkg event_t (and its parameter list) in hdr->parsed; it
 * belongs to the message and is freed with the header (free_event), as in 1.11. */
#ifndef SB_SDK_PARSE_EVENT_H
#define SB_SDK_PARSE_EVENT_H

#include "../str.h"
#include "hf.h"
#include "parse_param.h"

#define EVENT_OTHER          0
#define EVENT_PRESENCE       1
#define EVENT_PRESENCE_WINFO 2
#define EVENT_SIP_PROFILE    3
#define EVENT_XCAP_DIFF      4
#define EVENT_DIALOG         5
#define EVENT_MWI            6
#define EVENT_DIALOG_SLA     7   /* "dialog" whose first parameter is "sla" */
#define EVENT_CALL_INFO      8
#define EVENT_LINE_SEIZE     9

typedef struct event {
	str text;          /* the event package name */
	int parsed;        /* EVENT_* */
	param_t *params;   /* pkg list of the parameters after ';' */
} event_t;

/* 0 (also when already parsed), -1 out of memory, -2 broken body */
int parse_event(struct hdr_field *_h);
void free_event(event_t **_e);
void print_event(event_t *_e);
/* parses _l bytes at _s into _e (params in pkg memory): 0 or -1 */
int event_parser(char *_s, int _l, event_t *_e);

#endif
