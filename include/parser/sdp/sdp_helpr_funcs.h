/* sipbridge module SDK: SDP text helpers (OpenSIPS 1.11 parser/sdp/sdp_helpr_funcs.h),
 * as nathelper, rtpproxy and sipmsgops use them on raw bodies. Lines are found only at
 * a line start (the character before must be CR or LF: the body always follows the
 * header's empty line). The extract_* functions return 0 on success (extract_mediaip:
 * 1) and -1 when the line is not the one asked for; results point into the input. */
#ifndef SB_SDK_SDP_HLPR_FUNCS_H
#define SB_SDK_SDP_HLPR_FUNCS_H

#include "../../str.h"
#include "../msg_parser.h"

/* boundary of a multipart Content-Type body: 1, or -1 */
int get_mixed_part_delimiter(str *body, str *mp_delimiter);
/* value of a line starting with field (e.g. "a=ptime:"), trimmed, up to the line end */
int extract_field(str *body, str *value, str field);
int extract_rtpmap(str *body, str *rtpmap_payload, str *rtpmap_encoding,
		str *rtpmap_clockrate, str *rtpmap_parmas);
int extract_fmtp(str *body, str *fmtp_payload, str *fmtp_string);
int extract_ptime(str *body, str *ptime);
int extract_rtcp(str *body, str *rtcp);
/* a=sendrecv / a=recvonly: 0 and the mode; a=sendonly / a=inactive: -1 and
 * *is_on_hold = 1 (as 1.11) */
int extract_sendrecv_mode(str *body, str *sendrecv_mode, int *is_on_hold);
/* address of the first line starting with line ("c=" or "o=") in body: 1 and *pf, or -1 */
int extract_mediaip(str *body, str *mediaip, int *pf, char *line);
int extract_media_attr(str *body, str *mediamedia, str *mediaport, str *mediatransport,
		str *mediapayload, int *is_rtp);
int extract_bwidth(str *body, str *bwtype, str *bwwitdth);
int extract_accept_types(str *body, str *accept_types);
int extract_accept_wrapped_types(str *body, str *accept_wrapped_types);
int extract_max_size(str *body, str *max_size);
int extract_path(str *body, str *path);
/* first line "<linechar>=" in [p, plimit), or NULL */
char *find_sdp_line(char *p, char *plimit, char linechar);
/* the next such line after the one at p, or defptr */
char *find_next_sdp_line(char *p, char *plimit, char linechar, char *defptr);
/* first line starting with name, or NULL */
char *find_sdp_line_complex(char *p, char *plimit, char *name);
/* one header of a body part at buf (hdr filled, HDR_EOH_T at the empty line); returns
 * where the next header starts */
char *get_sdp_hdr_field(char *, char *, struct hdr_field *);
/* first line starting with "--" + delimiter, or NULL; the next one, or defptr */
char *find_sdp_line_delimiter(char *p, char *plimit, str delimiter);
char *find_next_sdp_line_delimiter(char *p, char *plimit, str delimiter, char *defptr);

#endif
