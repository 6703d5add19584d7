/* sipbridge module SDK: the start line of a SIP message (OpenSIPS 1.11 names). */
#ifndef SB_SDK_PARSE_FLINE_H
#define SB_SDK_PARSE_FLINE_H

#include "../str.h"

#define SIP_INVALID 0
#define SIP_REQUEST 1
#define SIP_REPLY   2

#define SIP_VERSION     "SIP/2.0"
#define SIP_VERSION_LEN 7

#define INVITE    "INVITE"
#define CANCEL    "CANCEL"
#define ACK       "ACK"
#define BYE       "BYE"
#define INFO      "INFO"
#define OPTIONS   "OPTIONS"
#define UPDATE    "UPDATE"
#define REGISTER  "REGISTER"
#define MESSAGE   "MESSAGE"
#define SUBSCRIBE "SUBSCRIBE"
#define NOTIFY    "NOTIFY"
#define PRACK     "PRACK"
#define REFER     "REFER"
#define PUBLISH   "PUBLISH"

#define INVITE_LEN    6
#define CANCEL_LEN    6
#define ACK_LEN       3
#define BYE_LEN       3
#define INFO_LEN      4
#define OPTIONS_LEN   7
#define UPDATE_LEN    6
#define REGISTER_LEN  8
#define MESSAGE_LEN   7
#define SUBSCRIBE_LEN 9
#define NOTIFY_LEN    6
#define PRACK_LEN     5
#define REFER_LEN     5
#define PUBLISH_LEN   7

struct msg_start {
	int type;   /* SIP_REQUEST or SIP_REPLY */
	int len;    /* length of the start line, CRLF included */
	union {
		struct {
			str method;
			str uri;        /* the R-URI as received */
			str version;
			int method_value;  /* METHOD_* */
		} request;
		struct {
			str version;
			str status;     /* the three digits */
			str reason;
			unsigned int statuscode;
		} reply;
	} u;
};

/* Parses the start line at buffer (len bytes) into fl (type SIP_INVALID when it is not a
 * request or reply line); returns where the next line starts. */
char *parse_first_line(char *buffer, unsigned int len, struct msg_start *fl);

#endif
