/* sipbridge module SDK: header name recognition (OpenSIPS 1.11). */
#ifndef SB_SDK_PARSE_HNAME2_H
#define SB_SDK_PARSE_HNAME2_H

#include "hf.h"

/* Recognises the header name at begin (full and compact forms, any case), sets
 * hdr->type and hdr->name, and returns the position after the ':' (NULL and
 * HDR_ERROR_T when there is no ':' before end). */
char *parse_hname2(char *begin, char *end, struct hdr_field *hdr);

#endif
