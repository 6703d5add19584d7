/* sipbridge module SDK: Content-Type / Content-Length / Accept (OpenSIPS 1.11). */
#ifndef SB_SDK_PARSE_CONTENT_H
#define SB_SDK_PARSE_CONTENT_H

#include "../str.h"
#include "parse_param.h"

typedef struct content {
	int type;             /* (TYPE_x << 16) | SUBTYPE_x */
	str boundary;         /* multipart boundary parameter, if any */
	str start;
	param_t *params;
} content_t;

struct mime_type {
	unsigned short type;
	unsigned short subtype;
};

#define TYPE_TEXT         1
#define TYPE_MESSAGE      2
#define TYPE_APPLICATION  3
#define TYPE_MULTIPART    4
#define TYPE_ALL          0xfe
#define TYPE_UNKNOWN      0xff

#define SUBTYPE_PLAIN           1
#define SUBTYPE_CPIM            2
#define SUBTYPE_SDP             3
#define SUBTYPE_CPLXML          4
#define SUBTYPE_PIDFXML         5
#define SUBTYPE_RLMIXML         6
#define SUBTYPE_RELATED         7
#define SUBTYPE_LPIDFXML        8
#define SUBTYPE_XPIDFXML        9
#define SUBTYPE_WATCHERINFOXML  10
#define SUBTYPE_EXTERNAL_BODY   11
#define SUBTYPE_XML_MSRTC_PIDF  12
#define SUBTYPE_SMS             13
#define SUBTYPE_MIXED           14
#define SUBTYPE_ISUP            15
#define SUBTYPE_ALL             0xfe
#define SUBTYPE_UNKNOWN         0xff

#define MAX_MIMES_NR 128

/* Content-Length is parsed by the core: the value is stored as an integer in parsed. */
#define get_content_length(_msg_) \
	((long)((_msg_)->content_length ? (_msg_)->content_length->parsed : 0))
/* Valid after parse_content_type_hdr() returned > 0. */
#define get_content_type(_msg_) (((content_t *)(_msg_)->content_type->parsed)->type)
/* Valid after parse_accept_hdr() returned 1: 0-terminated array of mime ints. */
#define get_accept(_msg_) ((int *)((_msg_)->accept->parsed))

struct sip_msg;

/* >0: the mime (type<<16|subtype); 0: no Content-Type; -1: parse error. */
int parse_content_type_hdr(struct sip_msg *msg);
/* 1: parsed; 0: no Accept; -1: parse error. */
int parse_accept_hdr(struct sip_msg *msg);
/* Parses a Content-Length body; returns the position after the line, NULL on error. */
char *parse_content_length(char *buffer, char *end, int *len);
char *decode_mime_type(char *start, char *end, unsigned int *mime_type, content_t *con);
void free_contenttype(content_t **con);

#endif
