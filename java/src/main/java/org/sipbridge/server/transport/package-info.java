/**
 * The network layer: Netty UDP and TCP listeners, the worker threads that run the routing
 * logic, and sending.
 *
 * <p><b>Threads.</b> Netty event loops receive: {@code udpReceivers} datagram channels per UDP
 * listener share its port with SO_REUSEPORT (epoll; one channel with NIO), {@code tcpIoThreads}
 * loops serve every TCP connection. A loop cuts out each message (a datagram, or a frame found
 * by {@link org.sipbridge.sip.StreamFramer}), copies it into a pooled buffer of its size and
 * puts it, with its {@link org.sipbridge.core.ReceiveInfo}, into the bounded queue of the
 * worker its Call-ID hash picks ({@link org.sipbridge.sip.CallIdLocator}; the source address
 * without a Call-ID). Each of the {@code workers} threads ran its {@link
 * org.sipbridge.server.transport.WorkerStartHook} first and then calls the {@link
 * org.sipbridge.server.transport.MessageHandler} for its messages, one at a time.
 *
 * <p><b>Ordering.</b> One source's datagrams reach one channel (SO_REUSEPORT hashes the
 * address), one connection is served by one loop, a queue is FIFO per producer and one worker
 * handles a Call-ID: so the messages of a dialog from one peer are handled in the order they
 * arrived. Messages of one dialog from two peers (a 180 from the callee, a CANCEL from the
 * caller) are ordered only by arrival, as with any parallel receiver.
 *
 * <p><b>Allocation per message.</b> Queue slots are preallocated (no node, no Runnable); TCP
 * messages share their connection's ReceiveInfo, UDP ones a cached one per source; the message
 * copy is a pooled buffer the worker releases after the handler. What remains is Netty's own
 * (a DatagramPacket and the sender's address per datagram received or sent through a loop).
 *
 * <p><b>Sending.</b> A UDP message given as a direct {@code ByteBuffer} (what the routing layer
 * builds in its native slot) is sent by the calling worker with one sendto on the listener's
 * epoll socket: no copy and no wake-up of an event loop. Other sends (ByteBufs, TCP, NIO) are
 * written by the channel's event loop.
 *
 * <p><b>Drops.</b> A full queue, an oversize message, a stream that cannot be framed: each is
 * counted in {@link org.sipbridge.server.transport.TransportStats} and logged with its source,
 * at most one line per kind per second.
 */
package org.sipbridge.server.transport;
