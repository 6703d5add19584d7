/* sipbridge module SDK: parser return codes and line-ending constants (OpenSIPS 1.11). */
#ifndef SB_SDK_PARSE_DEF_H
#define SB_SDK_PARSE_DEF_H

#define PARSE_ERROR -1
#define PARSE_OK     1

#ifndef CRLF
#define CRLF "\r\n"
#define CRLF_LEN (sizeof(CRLF) - 1)
#endif

#endif
