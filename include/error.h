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
#define E_BAD_SERVER    -478
#define E_BAD_PROTO     -474
#define E_BAD_URI       -475
#define E_BAD_REQ       -400
#define E_UNEXPECTED_STATE -5

#define MAX_REASON_LEN 128

#endif
