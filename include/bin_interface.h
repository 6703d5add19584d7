/* sipbridge module SDK: the binary replication interface (OpenSIPS 1.11 bin_interface.h).
 *
 * Modules (usrloc, dialog) replicate state to other servers in small UDP packets:
 *   bin_init(&module_name, packet_type); bin_push_str(..); bin_push_int(..); bin_send(&dest);
 * and receive them through a callback registered with bin_register_cb(module_name, cb):
 * cb(packet_type) runs on a BIN receiver thread, where bin_pop_str/bin_pop_int/bin_skip_*
 * read the packet's fields in the order they were pushed.
 *
 * Packet: "P4CK", a CRC-32 (crc32_uint) of everything after it, the module name's length
 * (int) and text, the packet type (int), then the fields: an int as 4 bytes, a str as its
 * length (int) followed by its bytes (an empty or NULL str is a length of 0). Integers are
 * in the host's byte order, as in 1.11 (peers must share it). At most BUF_SIZE bytes.
 *
 * Replication is off unless the configuration has bin_listen = IP:PORT: then the core
 * binds that UDP socket before mod_init (bin points at it) and starts bin_children
 * receiver threads after child_init (each runs child_init(PROC_BIN) first). Without it
 * bin is NULL and bin_send returns -1 with an LM_ERR, as in 1.11.
 *
 * Threads: the packet being built is the calling thread's (a worker builds and sends its
 * own); the packet being read is the receiver thread's, and pops from any other thread
 * return -2 (logged). A popped str points into the receiver's buffer: valid until the
 * callback returns, copy it to keep it. Callbacks run under their module's lock. */
#ifndef SB_SDK_BIN_INTERFACE_H
#define SB_SDK_BIN_INTERFACE_H

#include <string.h>
#include "ip_addr.h"
#include "crc.h"

#define BIN_PACKET_MARKER      "P4CK"
#define BIN_PACKET_MARKER_SIZE 4
#define CRC_FIELD_SIZE         4
#define LEN_FIELD_SIZE         sizeof(int)
#define CMD_FIELD_SIZE         sizeof(int)
#define HEADER_SIZE            (BIN_PACKET_MARKER_SIZE + CRC_FIELD_SIZE)
/* the smallest packet: header, a name of 2 characters, the type */
#define MIN_BIN_PACKET_SIZE    (HEADER_SIZE + LEN_FIELD_SIZE + CMD_FIELD_SIZE + 2)

/* 1 when the buffer starts with the packet marker */
#define is_valid_bin_packet(_p) (memcmp((_p), BIN_PACKET_MARKER, BIN_PACKET_MARKER_SIZE) == 0)

/* the module name of the packet at _p (a str pointing into it) */
#define get_name(_p, name) \
	do { \
		memcpy(&(name).len, (_p) + HEADER_SIZE, LEN_FIELD_SIZE); \
		(name).s = (_p) + HEADER_SIZE + LEN_FIELD_SIZE; \
	} while (0)

/* the replication socket (bin_listen), NULL when replication is off */
extern struct socket_info *bin;
/* receiver threads started for it (bin_children, default 1) */
extern int bin_children;

/* one registered receiver (the core's list; modules only register) */
struct packet_cb_list {
	str module;
	void (*cbf)(int cmd_type);
	struct packet_cb_list *next;
};

/* cb(packet_type) for every valid packet whose module name is mod_name (kept, not
 * copied: pass a constant or the module's exports name); 0, or -1 (bad argument) */
int bin_register_cb(char *mod_name, void (*cb)(int packet_type));

/* start a packet of this thread for module mod_name; 0, or -1 (bad argument, no memory) */
int bin_init(str *mod_name, int packet_type);
/* append a field; 0, or -1 when no packet was started or it would exceed BUF_SIZE */
int bin_push_str(const str *info);
int bin_push_int(int info);
/* read the next field (receiver threads only): 0, -1 past the end of the packet, -2 on a
 * thread that is not a receiver; bin_pop_int writes an int at info */
int bin_pop_str(str *info);
int bin_pop_int(void *info);
/* skip count fields of that kind; same results */
int bin_skip_int(int count);
int bin_skip_str(int count);

/* send this thread's packet from the bin socket: the number of bytes sent, 0 when dest is
 * NULL (nothing sent), -1 when replication is off, no packet was started or the send failed */
int bin_send(union sockaddr_union *dest);

/* the core starts the receivers itself: -1 (logged) when a module calls it */
int start_bin_receivers(void);

#endif
