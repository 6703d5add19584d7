/* A worker's own UDP receive (Java: transport.InlineReceiver, udp_receive_mode = inline): the
 * worker waits on its sockets and an eventfd in one poll, and reads a batch of datagrams with
 * one recvmmsg into buffers the Java side owns. Nothing of the datagram becomes a Java object:
 * the source address is written as numbers next to each length.
 *
 * Memory: struct sb_rx and its iovec/mmsghdr/address arrays are allocated here (sb_rx_open)
 * and freed by sb_rx_close. bufs (batch x slot bytes) and meta (batch x SB_RX_META ints)
 * belong to the caller (direct buffers kept alive as long as the context) and are written
 * only during sb_rx_read. One context is used by one thread at a time, except sb_rx_wake,
 * which any thread may call (a write to the eventfd).
 *
 * meta per datagram: [0] length (the bytes written; a datagram longer than slot is cut and
 * flagged), [1] 1 when cut (MSG_TRUNC), [2] family (4 or 6; an IPv4-mapped IPv6 source is
 * reported as 4), [3] source port, [4] IPv4 address (first octet in the high byte), [5..8] the
 * IPv6 address as four big-endian ints. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE   /* recvmmsg */
#endif
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>
#include "sb_net.h"

#define SB_RX_META 9
#define SB_RX_MAX_FDS 30

struct sb_rx {
	int efd;
	int nfds;
	int fds[SB_RX_MAX_FDS];
	int batch;
	int slot;
	unsigned char *bufs;
	int32_t *meta;
	struct mmsghdr *msgs;
	struct iovec *iov;
	struct sockaddr_storage *from;
};

SB_JAVA_API void sb_rx_close(void *p)
{
	struct sb_rx *rx = p;
	if (rx == NULL)
		return;
	if (rx->efd >= 0)
		close(rx->efd);
	free(rx->msgs);
	free(rx->iov);
	free(rx->from);
	free(rx);
}

/* A context reading up to batch datagrams of at most slot bytes each into bufs; NULL on failure. */
SB_JAVA_API void *sb_rx_open(int batch, int slot, void *bufs, void *meta)
{
	struct sb_rx *rx;
	if (batch < 1 || slot < 1 || bufs == NULL || meta == NULL)
		return NULL;
	rx = calloc(1, sizeof(*rx));
	if (rx == NULL)
		return NULL;
	rx->batch = batch;
	rx->slot = slot;
	rx->bufs = bufs;
	rx->meta = meta;
	rx->msgs = calloc((size_t)batch, sizeof(*rx->msgs));
	rx->iov = calloc((size_t)batch, sizeof(*rx->iov));
	rx->from = calloc((size_t)batch, sizeof(*rx->from));
	rx->efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (rx->msgs == NULL || rx->iov == NULL || rx->from == NULL || rx->efd < 0) {
		sb_rx_close(rx);
		return NULL;
	}
	return rx;
}

/* The sockets to wait on and read (replaces the previous set); -EINVAL when too many. */
SB_JAVA_API int sb_rx_set_fds(void *p, const int *fds, int n)
{
	struct sb_rx *rx = p;
	if (n < 0 || n > SB_RX_MAX_FDS)
		return -EINVAL;
	memcpy(rx->fds, fds, (size_t)n * sizeof(int));
	rx->nfds = n;
	return 0;
}

/* Any thread: makes the owner's current or next sb_rx_wait return. */
SB_JAVA_API int sb_rx_wake(void *p)
{
	struct sb_rx *rx = p;
	uint64_t one = 1;
	ssize_t n;
	do {
		n = write(rx->efd, &one, sizeof(one));
	} while (n < 0 && errno == EINTR);
	/* EAGAIN: the counter is at its maximum, i.e. a wake-up is pending anyway */
	return n < 0 && errno != EAGAIN ? -errno : 0;
}

/* Waits until a socket is readable, a wake-up came or timeout_ms passed (0: just look).
 * Returns a bit mask of the readable sockets (bit i: fds[i]; bit 30: woken), 0 on timeout,
 * or -errno. A wake-up is consumed. */
SB_JAVA_API int sb_rx_wait(void *p, int timeout_ms)
{
	struct sb_rx *rx = p;
	struct pollfd pf[SB_RX_MAX_FDS + 1];
	int i, n, mask = 0;
	for (i = 0; i < rx->nfds; i++) {
		pf[i].fd = rx->fds[i];
		pf[i].events = POLLIN;
		pf[i].revents = 0;
	}
	pf[rx->nfds].fd = rx->efd;
	pf[rx->nfds].events = POLLIN;
	pf[rx->nfds].revents = 0;
	n = poll(pf, (nfds_t)rx->nfds + 1, timeout_ms);
	if (n < 0)
		return errno == EINTR ? 0 : -errno;
	for (i = 0; i < rx->nfds; i++) {
		if (pf[i].revents & (POLLIN | POLLERR))
			mask |= 1 << i;
	}
	if (pf[rx->nfds].revents & POLLIN) {
		uint64_t v;
		ssize_t r = read(rx->efd, &v, sizeof(v));
		(void)r;
		mask |= 1 << SB_RX_MAX_FDS;
	}
	return mask;
}

static void describe_source(int32_t *m, const struct sockaddr_storage *ss)
{
	memset(&m[2], 0, (SB_RX_META - 2) * sizeof(int32_t));
	if (ss->ss_family == AF_INET) {
		const struct sockaddr_in *a = (const struct sockaddr_in *)ss;
		m[2] = 4;
		m[3] = ntohs(a->sin_port);
		m[4] = (int32_t)ntohl(a->sin_addr.s_addr);
	} else if (ss->ss_family == AF_INET6) {
		const struct sockaddr_in6 *a = (const struct sockaddr_in6 *)ss;
		uint32_t w[4];
		int k;
		memcpy(w, a->sin6_addr.s6_addr, 16);
		m[3] = ntohs(a->sin6_port);
		if (IN6_IS_ADDR_V4MAPPED(&a->sin6_addr)) {
			m[2] = 4;
			m[4] = (int32_t)ntohl(w[3]);
		} else {
			m[2] = 6;
			for (k = 0; k < 4; k++)
				m[5 + k] = (int32_t)ntohl(w[k]);
		}
	}
}

/* Reads what fds[index] holds, up to batch datagrams, without blocking: the count (0: none),
 * or -errno. Datagram i is at bufs + i * slot, its meta at meta + i * SB_RX_META. */
SB_JAVA_API int sb_rx_read(void *p, int index)
{
	struct sb_rx *rx = p;
	int i, n;
	if (index < 0 || index >= rx->nfds)
		return -EINVAL;
	for (i = 0; i < rx->batch; i++) {
		rx->iov[i].iov_base = rx->bufs + (size_t)i * (size_t)rx->slot;
		rx->iov[i].iov_len = (size_t)rx->slot;
		memset(&rx->msgs[i].msg_hdr, 0, sizeof(rx->msgs[i].msg_hdr));
		rx->msgs[i].msg_hdr.msg_iov = &rx->iov[i];
		rx->msgs[i].msg_hdr.msg_iovlen = 1;
		rx->msgs[i].msg_hdr.msg_name = &rx->from[i];
		rx->msgs[i].msg_hdr.msg_namelen = sizeof(rx->from[i]);
		rx->msgs[i].msg_len = 0;
	}
	do {
		n = recvmmsg(rx->fds[index], rx->msgs, (unsigned int)rx->batch, MSG_DONTWAIT, NULL);
	} while (n < 0 && errno == EINTR);
	if (n < 0)
		return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -errno;
	for (i = 0; i < n; i++) {
		int32_t *m = rx->meta + (size_t)i * SB_RX_META;
		m[0] = (int32_t)rx->msgs[i].msg_len;
		m[1] = (rx->msgs[i].msg_hdr.msg_flags & MSG_TRUNC) ? 1 : 0;
		describe_source(m, &rx->from[i]);
	}
	return n;
}
