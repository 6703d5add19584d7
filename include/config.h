/* sipbridge module SDK: compile-time constants (OpenSIPS 1.11 config.h names and
 * values). They describe OpenSIPS' own limits; sipbridge keeps them so that modules
 * size their buffers the way they did in 1.11. */
#ifndef SB_SDK_CONFIG_H
#define SB_SDK_CONFIG_H

#include "version.h"
#include "md5utils.h"

#define SIP_PORT  5060
#define SIPS_PORT 5061

/* 1.11's Makefile.defs passes CFG_DIR; this is its default install location. */
#ifndef CFG_DIR
#define CFG_DIR "/usr/local/etc/opensips/"
#endif
#define CFG_FILE CFG_DIR "opensips.cfg"
#define MEM_WARMING_DEFAULT_PATTERN_FILE CFG_DIR "mem_warming_pattern"
#define MEM_WARMING_DEFAULT_PERCENTAGE 75

#define TLS_PKEY_FILE CFG_DIR "tls/cert.pem"
#define TLS_CERT_FILE CFG_DIR "tls/cert.pem"
#define TLS_CA_FILE 0
#define TLS_CA_DIRECTORY "/etc/pki/CA/"
#define TLS_DH_PARAMS_FILE 0

#define MAX_LISTEN 16
#define CHILD_NO   8

/* Route tables of each kind. */
#define RT_NO         100
#define FAILURE_RT_NO RT_NO
#define ONREPLY_RT_NO RT_NO
#define BRANCH_RT_NO  RT_NO
#define TIMER_RT_NO   RT_NO
#define EVENT_RT_NO   RT_NO
#define DEFAULT_RT    0

#define MAX_REC_LEV       100
#define ROUTE_MAX_REC_LEV 100

#define MAX_URI_SIZE  1024
#define MAX_PATH_SIZE 255

#define MY_VIA "Via: SIP/2.0/UDP "
#define MY_VIA_LEN (sizeof(MY_VIA) - 1)

#define CONTENT_LENGTH "Content-Length: "
#define CONTENT_LENGTH_LEN (sizeof(CONTENT_LENGTH) - 1)

/* Default User-Agent and Server headers (OS_QUOTED stands for 1.11's -DOS). */
#define USER_AGENT "User-Agent: OpenSIPS (" VERSION " (" ARCH "/" OS_QUOTED "))"
#define USER_AGENT_LEN (sizeof(USER_AGENT) - 1)
#define SERVER_HDR "Server: OpenSIPS (" VERSION " (" ARCH "/" OS_QUOTED "))"
#define SERVER_HDR_LEN (sizeof(SERVER_HDR) - 1)

#define MAX_WARNING_LEN 256

#define MY_BRANCH ";branch="
#define MY_BRANCH_LEN (sizeof(MY_BRANCH) - 1)

#define MAX_PORT_LEN 7   /* ':' + 5 digits + NUL */
#define CRLF "\r\n"
#define CRLF_LEN (sizeof(CRLF) - 1)

#define RECEIVED ";received="
#define RECEIVED_LEN (sizeof(RECEIVED) - 1)
#define TRANSPORT_PARAM ";transport="
#define TRANSPORT_PARAM_LEN (sizeof(TRANSPORT_PARAM) - 1)
#define TOTAG_TOKEN ";tag="
#define TOTAG_TOKEN_LEN (sizeof(TOTAG_TOKEN) - 1)
#define RPORT ";rport="
#define RPORT_LEN (sizeof(RPORT) - 1)
#define ID_PARAM ";i="
#define ID_PARAM_LEN (sizeof(ID_PARAM) - 1)

#define SRV_UDP_PREFIX "_sip._udp."
#define SRV_UDP_PREFIX_LEN (sizeof(SRV_UDP_PREFIX) - 1)
#define SRV_TCP_PREFIX "_sip._tcp."
#define SRV_TCP_PREFIX_LEN (sizeof(SRV_TCP_PREFIX) - 1)
#define SRV_SCTP_PREFIX "_sip._sctp."
#define SRV_SCTP_PREFIX_LEN (sizeof(SRV_SCTP_PREFIX) - 1)
#define SRV_TLS_PREFIX "_sips._tcp."
#define SRV_TLS_PREFIX_LEN (sizeof(SRV_TLS_PREFIX) - 1)
#define SRV_MAX_PREFIX_LEN SRV_TLS_PREFIX_LEN

/* Memory pool sizes in MB (informational: sipbridge pools have no fixed size). */
#define PKG_MEM_SIZE 2
#define SHM_MEM_SIZE 32
#define SHM_MAX_SECONDARY_HASH_SIZE 32
#define DEFAULT_SHM_HASH_SPLIT_PERCENTAGE 1
#define DEFAULT_SHM_SECONDARY_HASH_SIZE 8

#define TIMER_TICK  1             /* seconds */
#define UTIMER_TICK 100 * 1000    /* microseconds */

#define MAX_FIXED_BLOCK 3072
#define BLOCK_STEP      512
#define MAX_BUCKET      15

#define BUF_SIZE 65535

#define MAX_VIA_LINE_SIZE 240
#define MAX_RECEIVED_SIZE 57
#define MAX_RPORT_SIZE    13

#define MAX_BRANCHES 12   /* the R-URI and 11 added branches, as in 1.11 */

#define MCOOKIE "z9hG4bK"
#define MCOOKIE_LEN 7            /* strlen(MCOOKIE) */

/* magic cookie + hash (hex) + separator + MD5 + separator + branch (hex) + 1 */
#define MAX_BRANCH_PARAM_LEN (MCOOKIE_LEN + 8 + 1 + MD5_LEN + 1 + 8 + 1)

#define PATH_MAX_GUESS 1024

#define VERSION_TABLE    "version"
#define VERSION_COLUMN   "table_version"
#define TABLENAME_COLUMN "table_name"

#define MIN_UDP_PACKET 20

#define OPENSER_OID 1, 3, 6, 1, 4, 1, 27483

#endif
