/* sipbridge module SDK: error codes returned by core and module functions. */
#ifndef SB_SDK_ERROR_H
#define SB_SDK_ERROR_H

#define E_UNSPEC          -1
#define E_OUT_OF_MEM      -2
#define E_BAD_RE          -3
#define E_BAD_ADDRESS   -476
#define E_BUG             -5
#define E_CFG             -6
#define E_NO_SOCKET       -7
#define E_BAD_VIA         -8
#define E_BAD_TUPEL       -9
#define E_SCRIPT         -10
#define E_EXEC           -11
#define E_TOO_MANY_BRANCHES -12
#define E_BAD_TO         -13
#define E_INVALID_PARAMS -14
#define E_Q_INV_CHAR     -15
#define E_Q_EMPTY        -16
#define E_Q_TOO_BIG      -17
#define E_NO_DESTINATION -18
#define E_SEND          -477
#define E_BAD_SERVER    -500   /* as 1.11: err2reason_phrase turns it into a 500 */
#define E_IP_BLOCKED    -473
#define E_BAD_PROTO     -474
#define E_BAD_URI       -475
#define E_BAD_REQ       -400
#define E_UNEXPECTED_STATE -5

#define MAX_REASON_LEN 128

#include "str.h"

struct sip_msg;

/* The status of the last core operation (1.11 keeps one per process; here one per
 * thread, since workers are threads). tm and sl read it to pick a reply code. */
extern __thread int ser_error;
extern __thread int prev_ser_error;

/* Turns a core error (E_*) into a SIP code (*sip_error, 400/500 family or the error's
 * own code for E_BAD_REQ, E_BAD_URI, E_SEND, E_BAD_ADDRESS, E_IP_BLOCKED) and writes
 * "<text> (<-error>/<signature>)" into phrase (etl bytes). Returns what snprintf
 * returns. */
int err2reason_phrase(int ser_error, int *sip_error, char *phrase, int etl,
		char *signature);
/* the standard reason phrase of a SIP code, or its class ("Server Failure"...) */
char *error_text(int code);
/* "<code> <reason>" in pkg memory (status->s NUL-terminated, the caller frees it), the
 * reason from reply or, for FAKED_REPLY, error_text(code); status->s NULL on error */
void get_reply_status(str *status, struct sip_msg *reply, int code);

#endif
