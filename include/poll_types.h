/* sipbridge module SDK: I/O poll method names (OpenSIPS 1.11 poll_types.h enum). The
 * Java transport does its own polling; the enum exists for globals.h and modules that
 * print it. */
#ifndef SB_SDK_POLL_TYPES_H
#define SB_SDK_POLL_TYPES_H

enum poll_types {
	POLL_NONE, POLL_POLL, POLL_EPOLL_LT, POLL_EPOLL_ET, POLL_SIGIO_RT, POLL_SELECT,
	POLL_KQUEUE, POLL_DEVPOLL, POLL_END
};

#endif
