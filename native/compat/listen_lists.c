/* socket_info.h's listener lists. Empty here; the network layer owns their content. */
#include "../sb_sdk.h"

struct socket_info *udp_listen;
struct socket_info *tcp_listen;
struct socket_info *tls_listen;
struct socket_info *sctp_listen;
