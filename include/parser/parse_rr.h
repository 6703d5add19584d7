/* sipbridge module SDK: Route, Record-Route and Path bodies (OpenSIPS 1.11). */
#ifndef SB_SDK_PARSE_RR_H
#define SB_SDK_PARSE_RR_H

#include <stdio.h>
#include "msg_parser.h"
#include "parse_nameaddr.h"
#include "parse_param.h"
#include "hf.h"

typedef struct rr {
	name_addr_t nameaddr;
	param_t *r2;          /* r2 parameter hook */
	param_t *params;      /* parameters after the name-addr */
	int len;              /* the whole element */
	int deleted;          /* 1.11: set by modules that remove this route (dialog) */
	struct rr *next;
} rr_t;

/* Parses a Route/Record-Route/Path header into a pkg rr_t list in _r->parsed (once; the
 * core frees it with the message). 0 on success, <0 on error. */
int parse_rr(struct hdr_field *_r);
/* Parses an rr list out of a buffer into *head (pkg). 0 / <0. */
int parse_rr_body(char *buf, int len, rr_t **head);
void free_rr(rr_t **_r);
void shm_free_rr(rr_t **_r);
void print_rr(FILE *_o, rr_t *_r);
/* Copies the list (only its first element when _first) with its text into pkg / shm
 * blocks the caller owns (free_rr / shm_free_rr); the copy outlives the message. 0 / -1. */
int duplicate_rr(rr_t **_new, rr_t *_r, int _first);
int shm_duplicate_rr(rr_t **_new, rr_t *_r, int _first);
/* Ensures every Route/Record-Route of msg (by type) is parsed. 0 / -1. */
int parse_route_headers(struct sip_msg *msg);
int parse_record_route_headers(struct sip_msg *msg);

/* The route set of iroute and its siblings as one comma-separated pkg string (the caller
 * frees oroute->s; NULL and len 0 when nothing is left). order 0 keeps the header order
 * and skips the first *nb_recs elements; order 1 reverses it and skips the last *nb_recs.
 * *nb_recs (when given) is then set to the number of elements. 0, or -1. */
int print_rr_body(struct hdr_field *iroute, str *oroute, int order, unsigned int *nb_recs);
/* The URI of the first element of a Path value (*_dst points into _p). 0, or -1. */
int get_path_dst_uri(str *_p, str *_dst);

#endif
