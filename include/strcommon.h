/* sipbridge module SDK: string escaping helpers (OpenSIPS 1.11 strcommon.h). */
#ifndef SB_SDK_STRCOMMON_H
#define SB_SDK_STRCOMMON_H

#include "str.h"
#include "md5.h"
#include "crc.h"

/* backslash before ' " \ and NUL (as \0); dst needs 2*src_len bytes; returns the
 * length written (0 on bad arguments) */
int escape_common(char *dst, char *src, int src_len);
/* the reverse of escape_common; returns the length written */
int unescape_common(char *dst, char *src, int src_len);
/* "&#NN;" (two decimal digits) to the character; returns the length written */
int unescape_xml(char *dst, char *src, int src_len);
/* MD5 of src as 32 lower-case hex characters in dst (no NUL) */
void compute_md5(char *dst, char *src, int src_len);
/* %-escaping of URI user parts and parameters (the core's, also declared in ut.h):
 * sout needs room for 3*sin->len bytes; 0 or -1 */
int escape_user(str *sin, str *sout);
int unescape_user(str *sin, str *sout);
int escape_param(str *sin, str *sout);
int unescape_param(str *sin, str *sout);

#endif
