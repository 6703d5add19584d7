package org.sipbridge.bridge;

import jnr.ffi.annotations.Delegate;

/**
 * The core library's network and process layer (native/net), bound with jnr-ffi like
 * {@link CoreCalls}: the listener lists and globals modules read (socket_info.h,
 * globals.h), the process table (pt.h), module processes, and the upcalls through which
 * C sends (forward.h), resolves (resolve.h), injects messages (receive.h) and raises
 * events (evi). Pointers travel as {@code long}.
 */
public interface NetCalls {

    // --- listeners and globals (native/net/sockets.c)
    void sb_net_reset();
    int sb_net_add_listener(int proto, String name, String address, int port, int children);
    int sb_net_listener_bound(int proto, int index, int port, int fd);
    long sb_net_listener(int proto, int index);
    int sb_net_add_alias(String host, int port, int proto);
    void sb_net_set_globals(int children, int tcpChildren, int tcpLifetime, String cfgFile, int checkOnly);
    void sb_net_refresh_globals();
    void sb_net_set_dns(int tryIpv6, int tryNaptr, int disableBlacklist, int mhomed);
    void sb_net_udp_callbacks_reset();
    int sb_net_udp_callbacks_count();
    int sb_net_udp_dispatch(long buf, int len, int fd, int srcAf, byte[] srcIp, int srcPort, int dstAf, byte[] dstIp,
                            int dstPort);

    // --- process table and module processes (native/net/pt.c, procs.c)
    int sb_pt_init(int workers);
    int sb_pt_enter(int rank);
    int sb_pt_process_no();
    int sb_pt_pid(int index);
    void sb_procs_reset();
    int sb_procs_register(int module, long procs);
    int sb_procs_start();
    int sb_procs_stop(int waitMs);
    int sb_procs_running();
    void sb_procs_set_callback(ProcChildInit cb);

    // --- events (native/net/evi.c)
    void sb_evi_reset();
    void sb_evi_set_callback(EventRoute cb);
    int sb_evi_params_to_avps(long msg, long params);

    // --- upcalls for sending, DNS, receiving
    void sb_net_set_send_callback(Send cb);
    void sb_dns_set_callback(DnsQuery cb);
    void sb_net_set_receive_callback(Receive cb);

    /** child_init(PROC_MODULE) of every module on the calling (module process) thread; &lt;0 failed. */
    interface ProcChildInit {
        @Delegate
        int init(int rank);
    }

    /** event_route[name] for a raised event (probe: only say whether it exists). 1 ran/exists, 0 none, -1 error. */
    interface EventRoute {
        @Delegate
        int raise(long name, int length, long params, int probe);
    }

    /**
     * buf[0..len) over proto from the listener localAf/localIp/localPort (af 0: any) to
     * dstAf/dstIp/dstPort, on TCP connection connId when it is open. 0 handed over, -1 not.
     * Addresses are 4 or 16 bytes in network order.
     */
    interface Send {
        @Delegate
        int send(int proto, int localAf, long localIp, int localPort, int dstAf, long dstIp, int dstPort,
                 int connId, long buf, int len);
    }

    /** The records of name of type written to out (see native/net/resolve.c); bytes, 0 none, -1 failed. */
    interface DnsQuery {
        @Delegate
        int query(long name, int type, long out, int cap);
    }

    /** A message a module hands in as received; 0 queued, -1 not. */
    interface Receive {
        @Delegate
        int receive(long buf, int len, int proto, int srcAf, long srcIp, int srcPort, int dstAf, long dstIp,
                    int dstPort, int connId);
    }
}
