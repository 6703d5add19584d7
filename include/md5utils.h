/* sipbridge module SDK: MD5 helpers (OpenSIPS 1.11 md5utils.h). Digests are written as
 * MD5_LEN lower-case hex characters, not NUL-terminated. */
#ifndef SB_SDK_MD5UTILS_H
#define SB_SDK_MD5UTILS_H

#include "str.h"

#define MD5_LEN 32

/* MD5 over the elements of src (each trimmed as trim_len does), into dest. */
void MD5StringArray(char *dest, str src[], unsigned int size);
/* MD5 over a file's content into dest: 0, or -1 when it cannot be read. */
int MD5File(char *dest, const char *file_name);

#endif
