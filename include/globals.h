/* sipbridge module SDK: the core's global settings (OpenSIPS 1.11 globals.h names).
 *
 * Every one is declared whatever USE_TCP/USE_TLS/... a module is built with (the core
 * defines them all). The server writes the ones that describe its configuration before
 * mod_init (docs/core-net.md): children_no (workers), tcp_disable, tcp_children_no,
 * bind_address, sendipv4/sendipv6(_tcp), port_no, cfg_file, config_check,
 * tcp_con_lifetime; the others keep OpenSIPS's defaults (native/compat/globals.c).
 * Modules must not write them. */
#ifndef SB_SDK_GLOBALS_H
#define SB_SDK_GLOBALS_H

#include <time.h>
#include "ip_addr.h"
#include "str.h"
#include "poll_types.h"

#define DO_DNS     1
#define DO_REV_DNS 2

extern char *cfg_file;
extern int config_check;
extern char *stat_file;
extern unsigned short port_no;

extern char *pid_file;
extern char *pgid_file;

extern struct socket_info *bind_address;
extern struct socket_info *sendipv4;
extern struct socket_info *sendipv6;
extern struct socket_info *sendipv4_tcp;
extern struct socket_info *sendipv6_tcp;
extern int unix_tcp_sock;
extern struct socket_info *sendipv4_tls;
extern struct socket_info *sendipv6_tls;
extern struct socket_info *sendipv4_sctp;
extern struct socket_info *sendipv6_sctp;

extern int auto_aliases;

extern unsigned int maxbuffer;
extern int children_no;
extern int tcp_children_no;
extern int tcp_disable;
extern int tcp_accept_aliases;
extern int tcp_connect_timeout;
extern int tcp_send_timeout;
extern int tcp_con_lifetime;
extern int tcp_listen_backlog;
extern enum poll_types tcp_poll_method;
extern int tcp_max_fd_no;
extern int tcp_max_connections;
extern int tcp_crlf_pingpong;
extern int tcp_keepalive;
extern int tcp_keepcount;
extern int tcp_keepidle;
extern int tcp_keepinterval;
extern int tcp_max_msg_chunks;
extern int tcp_max_msg_time;
extern int tcp_async;
extern int tcp_async_local_connect_timeout;
extern int tcp_async_local_write_timeout;
extern int tcp_async_max_postponed_chunks;
extern int tls_disable;
extern unsigned short tls_port_no;
extern int sctp_disable;
extern int dont_fork;
extern int no_daemon_mode;
extern int check_via;
extern int received_dns;
extern int sip_warning;
extern int server_signature;
extern str server_header;
extern str user_agent_header;
extern char *user;
extern char *group;
extern char *sock_user;
extern char *sock_group;
extern int sock_uid;
extern int sock_gid;
extern int sock_mode;
extern char *chroot_dir;
extern char *working_dir;

extern int mcast_loopback;
extern int mcast_ttl;

extern int tos;
extern int pmtu_discovery;

extern int disable_dns_failover;
extern int disable_dns_blacklist;

extern int cfg_errors;

extern unsigned long shm_mem_size;
extern unsigned int shm_hash_split_percentage;
extern unsigned int shm_hash_split_factor;
extern unsigned int shm_secondary_hash_size;
extern unsigned long pkg_mem_size;

extern int reply_to_via;

extern int is_main;

extern int memlog;
extern int memdump;
extern int execmsgthreshold;
extern int execdnsthreshold;
extern int tcpthreshold;
extern int mhomed;

extern int my_argc;
extern char **my_argv;

extern str default_global_address;
extern str default_global_port;

extern int disable_core_dump;
extern int open_files_limit;

extern int dns_retr_time;
extern int dns_retr_no;
extern int dns_servers_no;
extern int dns_search_list;

extern int max_while_loops;

extern int sl_fwd_disabled;

extern time_t startup_time;

extern char *db_version_table;

extern char *db_default_url;

extern int disable_503_translation;

#endif
