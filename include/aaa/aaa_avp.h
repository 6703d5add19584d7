/* sipbridge module SDK: the indexes of the AAA attribute and value tables (OpenSIPS 1.11
 * interface). A module that talks AAA keeps two arrays, aaa_map attrs[A_MAX] and
 * vals[V_MAX], fills their names and asks the protocol module for the codes (INIT_AV in
 * aaa.h). The numbers only index those arrays; they are 1.11's. */
#ifndef SB_SDK_AAA_AVP_H
#define SB_SDK_AAA_AVP_H

/* attributes */
#define A_USER_NAME              0
#define A_SERVICE_TYPE           1
#define A_CALLED_STATION_ID      2
#define A_CALLING_STATION_ID     3
#define A_ACCT_STATUS_TYPE       4
#define A_ACCT_SESSION_ID        5
#define A_SIP_METHOD             6
#define A_SIP_RESPONSE_CODE      7
#define A_SIP_CSEQ               8
#define A_SIP_TO_TAG             9
#define A_SIP_FROM_TAG           10
#define A_DIGEST_RESPONSE        11
#define A_DIGEST_ATTRIBUTES      12
#define A_SIP_URI_USER           13
#define A_SIP_URI_HOST           14
#define A_DIGEST_REALM           15
#define A_DIGEST_NONCE           16
#define A_DIGEST_METHOD          17
#define A_DIGEST_URI             18
#define A_DIGEST_QOP             19
#define A_DIGEST_ALGORITHM       20
#define A_DIGEST_BODY_DIGEST     21
#define A_DIGEST_CNONCE          22
#define A_DIGEST_NONCE_COUNT     23
#define A_DIGEST_USER_NAME       24
#define A_SIP_GROUP              25
#define A_CISCO_AVPAIR           26
#define A_SIP_AVP                27
#define A_TIME_STAMP             28
#define A_SIP_CALL_ID            29
#define A_SIP_REQUEST_HASH       30
#define A_MAX                    31

/* values */
#define V_STATUS_START           0
#define V_STATUS_STOP            1
#define V_STATUS_FAILED          2
#define V_CALL_CHECK             3
#define V_SIP_SESSION            4
#define V_GROUP_CHECK            5
#define V_SIP_CALLER_AVPS        6
#define V_SIP_CALLEE_AVPS        7
#define V_SIP_VERIFY_DESTINATION 8
#define V_SIP_VERIFY_SOURCE      9
#define V_MAX                    10

#endif
