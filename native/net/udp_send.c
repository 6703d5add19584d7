/* The transport's UDP send from a worker thread (Java: transport.NativeUdpSend): one sendto
 * of bytes already in native memory to an IPv4 address given as numbers. Netty's own
 * Socket.sendTo does the same system call but allocates two arrays per datagram to pass the
 * address; here the socket address is built on the stack, so a send allocates nothing in Java.
 * Memory: buf belongs to the caller (its direct buffer) and is only read during the call.
 *
 * Netty opens its datagram sockets as AF_INET6 (dual stack) when the host has IPv6, and such
 * a socket wants an IPv4-mapped IPv6 address; an AF_INET socket wants a sockaddr_in. The
 * family of each descriptor is looked up once (getsockname) and remembered; a descriptor
 * closed and reused for the other family fails the send with EAFNOSUPPORT/EINVAL, which
 * looks it up again and retries once. */
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include "sb_net.h"

#define FAMILY_SLOTS 4096
static unsigned char fd_family[FAMILY_SLOTS];   /* 0 unknown, 4 AF_INET, 6 AF_INET6 */

static int lookup_family(int fd)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	int f;
	if (getsockname(fd, (struct sockaddr *)&ss, &len) != 0)
		return 0;
	f = ss.ss_family == AF_INET6 ? 6 : 4;
	if (fd >= 0 && fd < FAMILY_SLOTS)
		__atomic_store_n(&fd_family[fd], (unsigned char)f, __ATOMIC_RELAXED);
	return f;
}

static ssize_t send_as(int family, int fd, const void *buf, size_t len, uint32_t ip, int port)
{
	ssize_t n;
	if (family == 6) {
		struct sockaddr_in6 to;
		memset(&to, 0, sizeof(to));
		to.sin6_family = AF_INET6;
		to.sin6_port = htons((uint16_t)port);
		to.sin6_addr.s6_addr[10] = 0xff;   /* ::ffff:a.b.c.d */
		to.sin6_addr.s6_addr[11] = 0xff;
		memcpy(&to.sin6_addr.s6_addr[12], &ip, 4);
		do {
			n = sendto(fd, buf, len, MSG_DONTWAIT | MSG_NOSIGNAL, (struct sockaddr *)&to, sizeof(to));
		} while (n < 0 && errno == EINTR);
	} else {
		struct sockaddr_in to;
		memset(&to, 0, sizeof(to));
		to.sin_family = AF_INET;
		to.sin_port = htons((uint16_t)port);
		to.sin_addr.s_addr = ip;
		do {
			n = sendto(fd, buf, len, MSG_DONTWAIT | MSG_NOSIGNAL, (struct sockaddr *)&to, sizeof(to));
		} while (n < 0 && errno == EINTR);
	}
	return n;
}

/* ip: the IPv4 address as an int, first octet in the high byte (as Inet4Address holds it).
 * Returns the bytes sent, or -errno (-EAGAIN: the socket's send buffer is full). */
SB_JAVA_API long sb_udp_send4(int fd, const void *buf, long len, int ip, int port)
{
	uint32_t net_ip = htonl((uint32_t)ip);
	int family = fd >= 0 && fd < FAMILY_SLOTS ? __atomic_load_n(&fd_family[fd], __ATOMIC_RELAXED) : 0;
	ssize_t n;
	if (family == 0 && (family = lookup_family(fd)) == 0)
		return -(long)errno;
	n = send_as(family, fd, buf, (size_t)len, net_ip, port);
	if (n < 0 && (errno == EAFNOSUPPORT || errno == EINVAL)) {
		int again = lookup_family(fd);   /* the descriptor was reused for the other family */
		if (again != 0 && again != family)
			n = send_as(again, fd, buf, (size_t)len, net_ip, port);
	}
	return n < 0 ? -(long)errno : (long)n;
}
