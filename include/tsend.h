/* sipbridge module SDK: writes with a timeout on a module's own descriptors (OpenSIPS
 * 1.11 tsend.h). timeout in milliseconds; the bytes written, or -1 (error or timeout). */
#ifndef SB_SDK_TSEND_H
#define SB_SDK_TSEND_H

#include <sys/types.h>
#include <sys/socket.h>
#include <sys/uio.h>

int tsend_stream(int fd, char *buf, unsigned int len, int timeout);
int tsend_dgram(int fd, char *buf, unsigned int len, const struct sockaddr *to,
		socklen_t tolen, int timeout);
int tsend_dgram_ev(int fd, const struct iovec *v, int count, int timeout);

#endif
