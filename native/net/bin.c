/* bin_interface.h: binary replication packets over UDP (usrloc, dialog).
 *
 * The socket is the core's own (bin_listen), separate from the SIP listeners, as in 1.11:
 * sb_bin_configure binds it before mod_init, sb_bin_start runs bin_children receiver
 * threads after child_init, sb_bin_stop ends them before destroy_f. Each thread builds
 * its own outgoing packet and reads its own incoming one (heap blocks of the thread, so
 * the core's small static TLS stays small). */
#define _GNU_SOURCE
#include <errno.h>
#include <semaphore.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <arpa/inet.h>
#include "sb_net.h"

#pragma GCC visibility push(default)
#include "../../include/bin_interface.h"
#include "../../include/config.h"
#include "../../include/sr_module.h"
#pragma GCC visibility pop

#define SB_BIN_MAX_RECEIVERS 16

struct socket_info *bin;
int bin_children = 1;

/* what one thread is building and reading */
struct bin_thread {
	char send[BUF_SIZE];
	char *send_pos;        /* NULL: no packet started */
	char rcv[BUF_SIZE];
	char *rcv_pos;
	char *rcv_end;
	int receiver;          /* 1 on a receiver thread: pops are allowed */
};

struct bin_cb {
	struct packet_cb_list entry;
	int module;            /* who registered, for its lock */
};

static pthread_key_t thread_key;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;
static struct bin_cb *cbs;                 /* prepended, read without a lock */
static pthread_mutex_t cbs_lock = PTHREAD_MUTEX_INITIALIZER;

static struct socket_info bin_socket;
static char bin_sock_text[96], bin_addr_text[64], bin_port_text[8];
static pthread_t receivers[SB_BIN_MAX_RECEIVERS];
static int receivers_running;
static volatile int stopping;
static sem_t receiver_ready;

int sb_procs_child_init(int rank);

static void make_key(void) { pthread_key_create(&thread_key, free); }

static struct bin_thread *self(void)
{
	struct bin_thread *t;
	pthread_once(&key_once, make_key);
	t = pthread_getspecific(thread_key);
	if (t == NULL) {
		t = calloc(1, sizeof(*t));
		if (t != NULL && pthread_setspecific(thread_key, t) != 0) {
			free(t);
			t = NULL;
		}
	}
	return t;
}

int bin_register_cb(char *mod_name, void (*cb)(int packet_type))
{
	struct bin_cb *c;
	if (mod_name == NULL || *mod_name == 0 || cb == NULL) {
		LM_ERR("bin_register_cb: a module name and a callback are needed\n");
		return -1;
	}
	c = calloc(1, sizeof(*c));
	if (c == NULL) {
		LM_ERR("bin_register_cb: no memory\n");
		return -1;
	}
	c->entry.module.s = mod_name;
	c->entry.module.len = (int)strlen(mod_name);
	c->entry.cbf = cb;
	c->module = sb_current_module;
	pthread_mutex_lock(&cbs_lock);
	c->entry.next = cbs ? &cbs->entry : NULL;
	__atomic_store_n(&cbs, c, __ATOMIC_RELEASE);
	pthread_mutex_unlock(&cbs_lock);
	return 0;
}

int bin_init(str *mod_name, int packet_type)
{
	struct bin_thread *t = self();
	char *p;
	if (t == NULL) {
		LM_ERR("bin_init: no memory\n");
		return -1;
	}
	t->send_pos = NULL;
	if (mod_name == NULL || mod_name->s == NULL || mod_name->len <= 0 ||
			HEADER_SIZE + LEN_FIELD_SIZE + (size_t)mod_name->len + CMD_FIELD_SIZE > BUF_SIZE) {
		LM_ERR("bin_init: a module name is needed\n");
		return -1;
	}
	p = t->send;
	memcpy(p, BIN_PACKET_MARKER, BIN_PACKET_MARKER_SIZE);
	p += HEADER_SIZE;   /* the CRC is written by bin_send */
	memcpy(p, &mod_name->len, LEN_FIELD_SIZE);
	p += LEN_FIELD_SIZE;
	memcpy(p, mod_name->s, (size_t)mod_name->len);
	p += mod_name->len;
	memcpy(p, &packet_type, CMD_FIELD_SIZE);
	t->send_pos = p + CMD_FIELD_SIZE;
	return 0;
}

static struct bin_thread *building(size_t more)
{
	struct bin_thread *t = pthread_getspecific(thread_key);
	if (t == NULL || t->send_pos == NULL) {
		LM_ERR("bin: no packet started (bin_init) on this thread\n");
		return NULL;
	}
	if ((size_t)(t->send_pos - t->send) + more > BUF_SIZE) {
		LM_ERR("bin: packet would exceed %d bytes\n", BUF_SIZE);
		return NULL;
	}
	return t;
}

int bin_push_str(const str *info)
{
	int len = (info && info->s && info->len > 0) ? info->len : 0;
	struct bin_thread *t;
	pthread_once(&key_once, make_key);
	if ((t = building(LEN_FIELD_SIZE + (size_t)len)) == NULL)
		return -1;
	memcpy(t->send_pos, &len, LEN_FIELD_SIZE);
	t->send_pos += LEN_FIELD_SIZE;
	if (len) {
		memcpy(t->send_pos, info->s, (size_t)len);
		t->send_pos += len;
	}
	return 0;
}

int bin_push_int(int info)
{
	struct bin_thread *t;
	pthread_once(&key_once, make_key);
	if ((t = building(sizeof(int))) == NULL)
		return -1;
	memcpy(t->send_pos, &info, sizeof(int));
	t->send_pos += sizeof(int);
	return 0;
}

static struct bin_thread *reading(const char *what)
{
	struct bin_thread *t;
	pthread_once(&key_once, make_key);
	t = pthread_getspecific(thread_key);
	if (t == NULL || !t->receiver || t->rcv_pos == NULL) {
		LM_ERR("%s: only a BIN receiver reads packets (in its callback)\n", what);
		return NULL;
	}
	return t;
}

int bin_pop_str(str *info)
{
	struct bin_thread *t = reading("bin_pop_str");
	int len;
	if (t == NULL)
		return -2;
	if (info == NULL || t->rcv_pos + LEN_FIELD_SIZE > t->rcv_end)
		goto overflow;
	memcpy(&len, t->rcv_pos, LEN_FIELD_SIZE);
	if (len < 0 || len > t->rcv_end - t->rcv_pos - (long)LEN_FIELD_SIZE)
		goto overflow;
	t->rcv_pos += LEN_FIELD_SIZE;
	info->len = len;
	info->s = len ? t->rcv_pos : NULL;
	t->rcv_pos += len;
	return 0;
overflow:
	LM_ERR("bin_pop_str: past the end of the packet\n");
	return -1;
}

int bin_pop_int(void *info)
{
	struct bin_thread *t = reading("bin_pop_int");
	if (t == NULL)
		return -2;
	if (info == NULL || t->rcv_pos + sizeof(int) > t->rcv_end) {
		LM_ERR("bin_pop_int: past the end of the packet\n");
		return -1;
	}
	memcpy(info, t->rcv_pos, sizeof(int));
	t->rcv_pos += sizeof(int);
	return 0;
}

int bin_skip_int(int count)
{
	struct bin_thread *t = reading("bin_skip_int");
	if (t == NULL)
		return -2;
	if (count < 0 || (long)count * (long)sizeof(int) > t->rcv_end - t->rcv_pos) {
		LM_ERR("bin_skip_int: past the end of the packet\n");
		return -1;
	}
	t->rcv_pos += (long)count * (long)sizeof(int);
	return 0;
}

int bin_skip_str(int count)
{
	str s;
	int i, r;
	if (reading("bin_skip_str") == NULL)
		return -2;
	for (i = 0; i < count; i++)
		if ((r = bin_pop_str(&s)) != 0)
			return r;
	return count < 0 ? -1 : 0;
}

int bin_send(union sockaddr_union *dest)
{
	struct bin_thread *t;
	str body;
	unsigned int crc;
	ssize_t n;

	if (bin == NULL) {
		LM_ERR("bin_send: no bin_listen socket configured, nothing is replicated\n");
		return -1;
	}
	if (dest == NULL)
		return 0;
	pthread_once(&key_once, make_key);
	t = pthread_getspecific(thread_key);
	if (t == NULL || t->send_pos == NULL) {
		LM_ERR("bin_send: no packet started (bin_init) on this thread\n");
		return -1;
	}
	if (dest->s.sa_family != AF_INET && dest->s.sa_family != AF_INET6) {
		LM_ERR("bin_send: bad destination (family %d)\n", dest->s.sa_family);
		return -1;
	}
	body.s = t->send + HEADER_SIZE;
	body.len = (int)(t->send_pos - body.s);
	crc32_uint(&body, &crc);
	memcpy(t->send + BIN_PACKET_MARKER_SIZE, &crc, CRC_FIELD_SIZE);
	n = sendto(bin->socket, t->send, (size_t)(t->send_pos - t->send), MSG_DONTWAIT, &dest->s,
		dest->s.sa_family == AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in));
	if (n < 0) {
		LM_ERR("bin_send: sendto failed: %s\n", strerror(errno));
		return -1;
	}
	return (int)n;
}

int start_bin_receivers(void)
{
	LM_ERR("start_bin_receivers: the core starts the BIN receivers itself (bin_listen)\n");
	return -1;
}

/* One datagram: checked (size, marker, CRC), then the callbacks of its module name run
 * under their module's lock. 1 when a callback ran, 0 when the packet was dropped. */
SB_JAVA_API int sb_bin_dispatch(const char *buf, int len)
{
	struct bin_thread *t = self();
	struct bin_cb *c;
	unsigned int crc, want;
	str body, name;
	int type, ran = 0;

	if (t == NULL || buf == NULL || len < (int)MIN_BIN_PACKET_SIZE || len > BUF_SIZE) {
		LM_INFO("bin: dropped a packet of %d bytes\n", len);
		return 0;
	}
	if (!is_valid_bin_packet(buf)) {
		LM_WARN("bin: dropped a packet without the %s marker\n", BIN_PACKET_MARKER);
		return 0;
	}
	memcpy(t->rcv, buf, (size_t)len);
	body.s = t->rcv + HEADER_SIZE;
	body.len = len - HEADER_SIZE;
	crc32_uint(&body, &crc);
	memcpy(&want, t->rcv + BIN_PACKET_MARKER_SIZE, CRC_FIELD_SIZE);
	if (crc != want) {
		LM_WARN("bin: dropped a packet with a bad checksum\n");
		return 0;
	}
	get_name(t->rcv, name);
	if (name.len <= 0 || name.len > len - (int)(HEADER_SIZE + LEN_FIELD_SIZE + CMD_FIELD_SIZE)) {
		LM_WARN("bin: dropped a packet with a bad module name length %d\n", name.len);
		return 0;
	}
	memcpy(&type, name.s + name.len, CMD_FIELD_SIZE);
	t->rcv_end = t->rcv + len;
	for (c = __atomic_load_n(&cbs, __ATOMIC_ACQUIRE); c;
			c = (struct bin_cb *)c->entry.next) {
		struct sb_module *m;
		struct sb_entry e;
		int was_receiver = t->receiver;
		if (c->entry.module.len != name.len || memcmp(c->entry.module.s, name.s, (size_t)name.len))
			continue;
		t->rcv_pos = name.s + name.len + CMD_FIELD_SIZE;
		t->receiver = 1;
		m = sb_module_at(c->module);
		if (m)
			e = sb_enter(m);
		c->entry.cbf(type);
		if (m)
			sb_leave(e);
		t->receiver = was_receiver;
		ran = 1;
	}
	t->rcv_pos = NULL;
	if (!ran)
		LM_DBG("bin: no receiver for module %.*s\n", name.len, name.s);
	return ran;
}

static void *receiver_main(void *arg)
{
	char *buf = malloc(BUF_SIZE);
	int *init_status = arg;
	*init_status = buf == NULL ? -1 : sb_procs_child_init(PROC_BIN);
	sem_post(&receiver_ready);
	if (*init_status < 0) {
		LM_ERR("bin receiver: %s\n", buf ? "child_init(PROC_BIN) failed" : "no memory");
		free(buf);
		return NULL;
	}
	while (!__atomic_load_n(&stopping, __ATOMIC_ACQUIRE)) {
		ssize_t n = recv(bin_socket.socket, buf, BUF_SIZE, 0);
		if (n < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
				continue;   /* the receive timeout: look at the stop flag */
			LM_ERR("bin receiver: recv failed: %s\n", strerror(errno));
			break;
		}
		sb_bin_dispatch(buf, (int)n);
	}
	free(buf);
	return NULL;
}

/* bin_listen: binds host:port (an IPv4 or IPv6 address) and points bin at it; host NULL
 * turns replication off. 0, or -1 (logged). Before mod_init. */
SB_JAVA_API int sb_bin_configure(const char *host, int port, int children)
{
	struct addrinfo hints, *ai = NULL;
	struct timeval tv = { 0, 200000 };
	char service[8];
	int fd;

	bin = NULL;
	if (bin_socket.socket > 0)
		close(bin_socket.socket);
	memset(&bin_socket, 0, sizeof(bin_socket));
	bin_socket.socket = -1;
	bin_children = 1;
	if (host == NULL)
		return 0;
	if (port <= 0 || port > 65535 || children < 1 || children > SB_BIN_MAX_RECEIVERS) {
		LM_ERR("bin_listen %s:%d with %d children: port 1..65535, 1..%d children\n",
			host, port, children, SB_BIN_MAX_RECEIVERS);
		return -1;
	}
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_DGRAM;
	hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV | AI_PASSIVE;
	snprintf(service, sizeof(service), "%d", port);
	if (getaddrinfo(host, service, &hints, &ai) != 0 || ai == NULL) {
		LM_ERR("bin_listen: %s is not an IP address\n", host);
		return -1;
	}
	fd = socket(ai->ai_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || bind(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
		LM_ERR("bin_listen %s:%d: cannot bind: %s\n", host, port, strerror(errno));
		if (fd >= 0)
			close(fd);
		freeaddrinfo(ai);
		return -1;
	}
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	bin_socket.socket = fd;
	bin_socket.proto = PROTO_UDP;
	bin_socket.port_no = (unsigned short)port;
	memcpy(&bin_socket.su, ai->ai_addr, ai->ai_addrlen);
	bin_socket.address.af = ai->ai_family;
	bin_socket.address.len = ai->ai_family == AF_INET6 ? 16 : 4;
	if (ai->ai_family == AF_INET6)
		memcpy(bin_socket.address.u.addr, &((struct sockaddr_in6 *)ai->ai_addr)->sin6_addr, 16);
	else
		memcpy(bin_socket.address.u.addr, &((struct sockaddr_in *)ai->ai_addr)->sin_addr, 4);
	freeaddrinfo(ai);
	snprintf(bin_addr_text, sizeof(bin_addr_text), "%s", host);
	snprintf(bin_port_text, sizeof(bin_port_text), "%d", port);
	snprintf(bin_sock_text, sizeof(bin_sock_text), "udp:%s:%d", host, port);
	bin_socket.name.s = bin_socket.address_str.s = bin_addr_text;
	bin_socket.name.len = bin_socket.address_str.len = (int)strlen(bin_addr_text);
	bin_socket.port_no_str.s = bin_port_text;
	bin_socket.port_no_str.len = (int)strlen(bin_port_text);
	bin_socket.sock_str.s = bin_sock_text;
	bin_socket.sock_str.len = (int)strlen(bin_sock_text);
	bin_children = children;
	bin = &bin_socket;
	return 0;
}

/* The receivers, after every child_init: each runs child_init(PROC_BIN) on its thread,
 * then reads packets. 0 (also when replication is off), or -1 (logged). */
SB_JAVA_API int sb_bin_start(void)
{
	int i;
	if (bin == NULL)
		return 0;
	__atomic_store_n(&stopping, 0, __ATOMIC_RELEASE);
	sem_init(&receiver_ready, 0, 0);
	for (i = 0; i < bin_children; i++) {
		int status = 0;
		if (pthread_create(&receivers[i], NULL, receiver_main, &status) != 0) {
			LM_ERR("bin: cannot start receiver %d\n", i + 1);
			return -1;
		}
		receivers_running = i + 1;
		while (sem_wait(&receiver_ready) != 0 && errno == EINTR)
			;
		if (status < 0)
			return -1;
	}
	LM_INFO("bin: %d receiver(s) on %s\n", bin_children, bin_sock_text);
	return 0;
}

/* Ends the receivers (within the 200 ms receive timeout), forgets the callbacks and
 * closes the socket: replication is off until the next sb_bin_configure. */
SB_JAVA_API void sb_bin_stop(void)
{
	int i;
	__atomic_store_n(&stopping, 1, __ATOMIC_RELEASE);
	for (i = 0; i < receivers_running; i++)
		pthread_join(receivers[i], NULL);
	receivers_running = 0;
	pthread_mutex_lock(&cbs_lock);
	__atomic_store_n(&cbs, NULL, __ATOMIC_RELEASE);   /* records leak: a few per server */
	pthread_mutex_unlock(&cbs_lock);
	bin = NULL;
	if (bin_socket.socket > 0)
		close(bin_socket.socket);
	bin_socket.socket = -1;
}
