/* Writes with a timeout on a module's own descriptors (tsend.h). */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "sb_net.h"

#pragma GCC visibility push(default)
#include "../../include/tsend.h"
#pragma GCC visibility pop

static long now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000L + t.tv_nsec / 1000000L;
}

/* waits until fd is writable before deadline: 1, 0 on timeout, -1 on error */
static int wait_writable(int fd, long deadline)
{
	struct pollfd p = { fd, POLLOUT, 0 };
	for (;;) {
		long left = deadline - now_ms();
		int r;
		if (left <= 0)
			return 0;
		r = poll(&p, 1, (int)left);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 || (p.revents & (POLLERR | POLLNVAL)))
			return -1;
		return r > 0;
	}
}

int tsend_stream(int fd, char *buf, unsigned int len, int timeout)
{
	long deadline = now_ms() + (timeout > 0 ? timeout : 0);
	unsigned int done = 0;

	if (fd < 0 || (buf == NULL && len)) {
		LM_ERR("bad descriptor or buffer\n");
		return -1;
	}
	while (done < len) {
		ssize_t n = send(fd, buf + done, len - done, MSG_DONTWAIT | MSG_NOSIGNAL);
		if (n < 0 && errno == ENOTSOCK)
			n = write(fd, buf + done, len - done);
		if (n > 0) {
			done += (unsigned int)n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
			LM_ERR("send on fd %d failed: %s\n", fd, strerror(errno));
			return -1;
		}
		if (wait_writable(fd, deadline) <= 0) {
			LM_ERR("send on fd %d timed out after %d ms (%u of %u bytes)\n", fd, timeout, done, len);
			return -1;
		}
	}
	return (int)done;
}

int tsend_dgram(int fd, char *buf, unsigned int len, const struct sockaddr *to,
		socklen_t tolen, int timeout)
{
	long deadline = now_ms() + (timeout > 0 ? timeout : 0);
	if (fd < 0 || buf == NULL) {
		LM_ERR("bad descriptor or buffer\n");
		return -1;
	}
	for (;;) {
		ssize_t n = sendto(fd, buf, len, MSG_DONTWAIT | MSG_NOSIGNAL, to, tolen);
		if (n >= 0)
			return (int)n;
		if (errno == EINTR)
			continue;
		if (errno != EAGAIN && errno != EWOULDBLOCK) {
			LM_ERR("sendto on fd %d failed: %s\n", fd, strerror(errno));
			return -1;
		}
		if (wait_writable(fd, deadline) <= 0) {
			LM_ERR("sendto on fd %d timed out after %d ms\n", fd, timeout);
			return -1;
		}
	}
}

int tsend_dgram_ev(int fd, const struct iovec *v, int count, int timeout)
{
	long deadline = now_ms() + (timeout > 0 ? timeout : 0);
	struct msghdr m;
	if (fd < 0 || v == NULL || count <= 0) {
		LM_ERR("bad descriptor or vector\n");
		return -1;
	}
	memset(&m, 0, sizeof(m));
	m.msg_iov = (struct iovec *)v;
	m.msg_iovlen = (size_t)count;
	for (;;) {
		ssize_t n = sendmsg(fd, &m, MSG_DONTWAIT | MSG_NOSIGNAL);
		if (n >= 0)
			return (int)n;
		if (errno == EINTR)
			continue;
		if (errno != EAGAIN && errno != EWOULDBLOCK) {
			LM_ERR("sendmsg on fd %d failed: %s\n", fd, strerror(errno));
			return -1;
		}
		if (wait_writable(fd, deadline) <= 0) {
			LM_ERR("sendmsg on fd %d timed out after %d ms\n", fd, timeout);
			return -1;
		}
	}
}
