/* sipbridge module SDK: counted strings (OpenSIPS 1.11 interface). */
#ifndef SB_SDK_STR_H
#define SB_SDK_STR_H

/* Not NUL-terminated in general: s points into a buffer, len counts the bytes. */
struct _str {
	char *s;
	int len;
};
typedef struct _str str;

#define str_init(_string) { (char *)(_string), sizeof(_string) - 1 }

#endif
