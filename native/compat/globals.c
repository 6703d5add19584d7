/* Definitions of the 1.11 core globals (include/globals.h) with static defaults, and the
 * ticks of include/timer.h. The Java core writes the Server/User-Agent settings
 * (sb_set_signature); the rest keep these defaults unless native/net sets them. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "sb_compat.h"

/* Every global is declared (and so exported) whatever a module is built with. */
#define USE_TCP
#define USE_TLS
#define USE_SCTP
#define USE_MCAST

#pragma GCC visibility push(default)
#include "../../include/config.h"
#include "../../include/globals.h"
#include "../../include/timer.h"
#pragma GCC visibility pop

char *cfg_file = CFG_FILE;
int config_check;
char *stat_file;
unsigned short port_no;

char *pid_file;
char *pgid_file;

struct socket_info *bind_address;
struct socket_info *sendipv4;
struct socket_info *sendipv6;
struct socket_info *sendipv4_tcp;
struct socket_info *sendipv6_tcp;
int unix_tcp_sock = -1;
struct socket_info *sendipv4_tls;
struct socket_info *sendipv6_tls;
struct socket_info *sendipv4_sctp;
struct socket_info *sendipv6_sctp;

int auto_aliases = 1;

unsigned int maxbuffer = 262144;
int children_no = CHILD_NO;
int tcp_children_no = CHILD_NO;
int tcp_disable;
int tcp_accept_aliases;
int tcp_connect_timeout = 100;
int tcp_send_timeout = 100;
int tcp_con_lifetime = 120;
int tcp_listen_backlog = 10;
enum poll_types tcp_poll_method = POLL_NONE;
int tcp_max_fd_no;
int tcp_max_connections = 2048;
int tcp_crlf_pingpong = 1;
int tcp_keepalive = 1;
int tcp_keepcount;
int tcp_keepidle;
int tcp_keepinterval;
int tcp_max_msg_chunks = 4;
int tcp_max_msg_time = 4;
int tcp_async;
int tcp_async_local_connect_timeout = 100;
int tcp_async_local_write_timeout = 10;
int tcp_async_max_postponed_chunks = 32;
int tls_disable = 1;
unsigned short tls_port_no;
int sctp_disable = 1;
int dont_fork;
int no_daemon_mode;
int check_via;
int received_dns;
int sip_warning;
int server_signature = 1;
str server_header = { SERVER_HDR, sizeof(SERVER_HDR) - 1 };
str user_agent_header = { USER_AGENT, sizeof(USER_AGENT) - 1 };

/* server_signature, server_header, user_agent_header from the configuration (the Java
 * core calls this before mod_init). The texts are copied; a previous copy is not freed,
 * since a module may have kept the pointer (one small leak per configuration loaded). */
SB_JAVA_API void sb_set_signature(int on, const char *server, const char *user_agent)
{
	char *c;
	server_signature = on;
	if (server && (c = strdup(server)) != NULL) {
		server_header.s = c;
		server_header.len = (int)strlen(c);
	}
	if (user_agent && (c = strdup(user_agent)) != NULL) {
		user_agent_header.s = c;
		user_agent_header.len = (int)strlen(c);
	}
}
char *user;
char *group;
char *sock_user;
char *sock_group;
int sock_uid = -1;
int sock_gid = -1;
int sock_mode;
char *chroot_dir;
char *working_dir;

int mcast_loopback;
int mcast_ttl = -1;

int tos = 0x10;            /* IPTOS_LOWDELAY */
int pmtu_discovery;

int disable_dns_failover;
int disable_dns_blacklist = 1;

int cfg_errors;

unsigned long shm_mem_size = SHM_MEM_SIZE * 1024UL * 1024UL;
unsigned int shm_hash_split_percentage = DEFAULT_SHM_HASH_SPLIT_PERCENTAGE;
unsigned int shm_hash_split_factor;
unsigned int shm_secondary_hash_size = DEFAULT_SHM_SECONDARY_HASH_SIZE;
unsigned long pkg_mem_size = PKG_MEM_SIZE * 1024UL * 1024UL;

int reply_to_via;

int is_main;

int memlog = L_DBG;
int memdump = L_DBG;
int execmsgthreshold;
int execdnsthreshold;
int tcpthreshold;
int mhomed;

int my_argc;
char **my_argv;

str default_global_address = { 0, 0 };
str default_global_port = { 0, 0 };

int disable_core_dump;
int open_files_limit = -1;

int dns_retr_time = -1;
int dns_retr_no = -1;
int dns_servers_no = -1;
int dns_search_list = -1;

int max_while_loops = 10000;

int sl_fwd_disabled = -1;

time_t startup_time;

char *db_version_table = VERSION_TABLE;

char *db_default_url;

int disable_503_translation;

static struct timespec start_mono;

__attribute__((constructor)) static void sb_globals_init(void)
{
	startup_time = time(NULL);
	clock_gettime(CLOCK_MONOTONIC, &start_mono);
}

utime_t get_uticks(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (utime_t)(now.tv_sec - start_mono.tv_sec) * 1000000ULL +
		(utime_t)((now.tv_nsec - start_mono.tv_nsec) / 1000);
}

unsigned int get_ticks(void)
{
	return (unsigned int)(get_uticks() / 1000000ULL);
}
