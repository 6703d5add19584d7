package org.sipbridge.script.parse;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every core setting of the OpenSIPS 1.11 grammar that {@link GlobalSettingParser} does not
 * parse by itself: the value kind 1.11 takes, and what sipbridge does with it.
 * <ul>
 * <li>{@link Use#APPLIED}: sipbridge acts on it (see {@code ServerConfig});</li>
 * <li>{@link Use#STORED}: kept in {@code ServerConfig.coreSettings()} for the part of the
 *     server that will act on it; a warning says it has no effect yet, and why;</li>
 * <li>{@link Use#IGNORED}: it has no meaning in sipbridge; a warning names it and says why.</li>
 * </ul>
 * For STORED and IGNORED a "quiet" value may be given: the value that describes what
 * sipbridge does anyway ({@code disable_tls = yes}, {@code auto_aliases = no}), accepted
 * without a warning.
 */
public final class SettingCatalog {

    /** The value kinds of the 1.11 grammar. */
    enum Kind {
        /** NUMBER: an integer, or yes/no/on/off/true/false/enable/disable (1/0). */
        NUMBER,
        /** A quoted string. */
        STRING,
        /** A bare word (ID), e.g. LOG_LOCAL0. */
        WORD,
        /** A bare word or a quoted string. */
        WORD_OR_STRING,
        /** A bare word or a number, e.g. tos = IPTOS_LOWDELAY. */
        WORD_OR_NUMBER,
        /** An IP address, a host name or a quoted string. */
        HOST,
        /** host:port. */
        HOST_PORT,
        /** {@code name: { (proto, ip, port, "pattern"), ... }}, kept as text. */
        BLACKLIST,
        /** A flag name or number (a branch flag). */
        FLAG
    }

    public enum Use { APPLIED, STORED, IGNORED }

    /** One setting: its value kind, its use, why (for STORED and IGNORED), the quiet value. */
    public record Entry(String name, Kind kind, Use use, String why, Integer quietValue) {
        /** True when this value needs no warning. */
        public boolean quiet(Object value) {
            return use == Use.APPLIED || (quietValue != null && quietValue.equals(value));
        }
    }

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();
    private static final Map<String, String> SPELLINGS = new LinkedHashMap<>();

    private static final String NO_PROCESSES = "sipbridge is one process whose workers are threads";
    private static final String NO_TLS = "sipbridge has no TLS transport";
    private static final String JAVA_MEMORY = "sipbridge's pkg/shm memory is its own allocator over the C heap, not a pre-sized shared segment";
    private static final String NO_THRESHOLDS = "sipbridge does not time messages, DNS or TCP against thresholds (see the metrics)";
    private static final String RUN_AS = "sipbridge does not change its user, group, root or directory: start it as the account and in the directory it should have";
    private static final String NETTY_TCP = "TCP is served by Netty's event loops, whose writes never block a worker";

    private static void add(String name, Kind kind, Use use, String why, Integer quiet, String... otherSpellings) {
        ENTRIES.put(name, new Entry(name, kind, use, why, quiet));
        SPELLINGS.put(name, name);
        for (String s : otherSpellings) {
            SPELLINGS.put(s, name);
        }
    }

    private static void applied(String name, Kind kind, String... otherSpellings) {
        add(name, kind, Use.APPLIED, null, null, otherSpellings);
    }

    private static void stored(String name, Kind kind, String why, String... otherSpellings) {
        add(name, kind, Use.STORED, why, null, otherSpellings);
    }

    private static void ignored(String name, Kind kind, String why, Integer quiet, String... otherSpellings) {
        add(name, kind, Use.IGNORED, why, quiet, otherSpellings);
    }

    static {
        // processes, logging
        ignored("fork", Kind.NUMBER, NO_PROCESSES + "; it always runs in the foreground (use a service manager to detach it)", null);
        stored("log_facility", Kind.WORD, "the syslog facility is for the logging back-end (log_stderror = no)");
        stored("log_name", Kind.STRING, "the syslog identity is for the logging back-end");
        // network
        applied("port", Kind.NUMBER);
        applied("disable_tcp", Kind.NUMBER);
        applied("advertised_address", Kind.HOST);
        applied("advertised_port", Kind.NUMBER);
        ignored("auto_aliases", Kind.NUMBER, "sipbridge adds no aliases from reverse DNS of its addresses; use alias=", 0);
        applied("bin_listen", Kind.HOST_PORT);     // the BIN replication socket (native/net/bin.c)
        applied("bin_children", Kind.NUMBER);
        ignored("mhomed", Kind.NUMBER, "the socket a request leaves from is always chosen by its destination", null);
        stored("tos", Kind.WORD_OR_NUMBER, "the IP TOS of sipbridge's sockets is the system's default");
        applied("maxbuffer", Kind.NUMBER);
        applied("udp_receive_mode", Kind.WORD_OR_STRING); // sipbridge's own: inline (default) or handoff
        ignored("mcast_loopback", Kind.NUMBER, "sipbridge has no multicast listeners", null);
        ignored("mcast_ttl", Kind.NUMBER, "sipbridge has no multicast listeners", null);
        // DNS
        stored("dns", Kind.NUMBER, "received= is added by address comparison, without a DNS lookup of the Via host");
        stored("rev_dns", Kind.NUMBER, "received= is added by address comparison, without a reverse DNS lookup");
        stored("dns_try_ipv6", Kind.NUMBER, "for the resolver (resolve.h)");
        stored("dns_try_naptr", Kind.NUMBER, "for the resolver (resolve.h)");
        stored("dns_retr_time", Kind.NUMBER, "for the resolver (resolve.h)");
        stored("dns_retr_no", Kind.NUMBER, "for the resolver (resolve.h)");
        stored("dns_servers_no", Kind.NUMBER, "for the resolver (resolve.h)");
        stored("dns_use_search_list", Kind.NUMBER, "for the resolver (resolve.h)");
        stored("disable_dns_failover", Kind.NUMBER, "for the resolver (resolve.h)");
        stored("disable_dns_blacklist", Kind.NUMBER, "for the resolver's blacklists (blacklists.h)");
        stored("dst_blacklist", Kind.BLACKLIST, "for the resolver's blacklists (blacklists.h)");
        // SIP behaviour
        stored("check_via", Kind.NUMBER, "replies are always relayed only when their top Via is one of sipbridge's");
        ignored("sip_warning", Kind.NUMBER, "sipbridge adds no Warning header to its replies", 0);
        applied("server_signature", Kind.NUMBER);
        applied("server_header", Kind.STRING);
        applied("user_agent_header", Kind.STRING);
        applied("max_while_loops", Kind.NUMBER);
        stored("disable_stateless_fwd", Kind.NUMBER, "forward() stays available");
        stored("disable_503_translation", Kind.NUMBER, "for the transaction layer");
        // TCP
        applied("tcp_connect_timeout", Kind.NUMBER);
        applied("tcp_connection_lifetime", Kind.NUMBER);
        applied("tcp_max_connections", Kind.NUMBER);
        ignored("tcp_children", Kind.NUMBER, "TCP messages go to the same workers as UDP (children)", null);
        ignored("tcp_async", Kind.NUMBER, NETTY_TCP, null);
        ignored("tcp_async_local_connect_timeout", Kind.NUMBER, NETTY_TCP, null);
        ignored("tcp_async_local_write_timeout", Kind.NUMBER, NETTY_TCP, null);
        ignored("tcp_async_max_postponed_chunks", Kind.NUMBER, NETTY_TCP, null);
        ignored("tcp_poll_method", Kind.WORD_OR_STRING, "Netty uses epoll where it can, else NIO", null);
        stored("tcp_send_timeout", Kind.NUMBER, NETTY_TCP + "; a slow peer is bounded by the write high-water mark");
        stored("tcp_accept_aliases", Kind.NUMBER, "replies go back on the request's connection");
        stored("tcp_listen_backlog", Kind.NUMBER, "the listen backlog is Netty's default");
        stored("tcp_crlf_pingpong", Kind.NUMBER, "CRLF keep-alives are not answered");
        stored("tcp_no_new_conn_bflag", Kind.FLAG, "every TCP send may open a connection");
        stored("tcp_keepalive", Kind.NUMBER, "TCP keep-alive is the system's default");
        stored("tcp_keepcount", Kind.NUMBER, "TCP keep-alive is the system's default");
        stored("tcp_keepidle", Kind.NUMBER, "TCP keep-alive is the system's default");
        stored("tcp_keepinterval", Kind.NUMBER, "TCP keep-alive is the system's default");
        stored("tcp_max_msg_chunks", Kind.NUMBER, "a TCP message is bounded by size (65535 bytes), not by read count");
        applied("tcp_max_msg_time", Kind.NUMBER);
        // TLS
        ignored("disable_tls", Kind.NUMBER, NO_TLS, 1);
        for (String tls : new String[] {"tls_port_no", "tls_verify_client", "tls_verify_server",
                "tls_require_client_certificate", "tls_handshake_timeout", "tls_send_timeout"}) {
            ignored(tls, Kind.NUMBER, NO_TLS, null);
        }
        ignored("tlslog", Kind.NUMBER, NO_TLS, null, "tls_log");
        ignored("tls_method", Kind.WORD, NO_TLS, null);
        for (String tls : new String[] {"tls_certificate", "tls_private_key", "tls_ca_list", "tls_ca_dir",
                "tls_dh_params", "tls_ec_curve", "tls_ciphers_list", "tls_client_domain_avp"}) {
            ignored(tls, Kind.STRING, NO_TLS, null);
        }
        // memory, thresholds, process
        ignored("shm_hash_split_percentage", Kind.NUMBER, JAVA_MEMORY, null);
        ignored("shm_secondary_hash_size", Kind.NUMBER, JAVA_MEMORY, null);
        ignored("mem_warming", Kind.NUMBER, JAVA_MEMORY, null, "mem_warming_enabled");
        ignored("mem_warming_pattern_file", Kind.STRING, JAVA_MEMORY, null);
        ignored("mem_warming_percentage", Kind.NUMBER, JAVA_MEMORY, null);
        ignored("memlog", Kind.NUMBER, JAVA_MEMORY + "; per-module memory is in the statistics", null, "mem_log");
        ignored("memdump", Kind.NUMBER, JAVA_MEMORY + "; per-module memory is in the statistics", null, "mem_dump");
        ignored("execmsgthreshold", Kind.NUMBER, NO_THRESHOLDS, null, "exec_msg_threshold");
        ignored("execdnsthreshold", Kind.NUMBER, NO_THRESHOLDS, null, "exec_dns_threshold");
        ignored("tcpthreshold", Kind.NUMBER, NO_THRESHOLDS, null, "tcp_threshold");
        ignored("event_shm_threshold", Kind.NUMBER, JAVA_MEMORY, null);
        ignored("event_pkg_threshold", Kind.NUMBER, JAVA_MEMORY, null);
        ignored("user", Kind.WORD_OR_STRING, RUN_AS, null, "uid");
        ignored("group", Kind.WORD_OR_STRING, RUN_AS, null, "gid");
        ignored("chroot", Kind.WORD_OR_STRING, RUN_AS, null);
        ignored("workdir", Kind.WORD_OR_STRING, RUN_AS, null, "wdir");
        ignored("disable_core_dump", Kind.NUMBER, "core dumps are the JVM's and the system's business", null);
        ignored("open_files_limit", Kind.NUMBER, "raise the limit with ulimit or the service manager (LimitNOFILE)", null);
        ignored("xlog_buf_size", Kind.NUMBER, "xlog builds its line without a fixed buffer", null);
        ignored("xlog_force_color", Kind.NUMBER, "xlog has no colour output", null);
        // databases
        stored("db_version_table", Kind.STRING, "for the database API (db/db.h)");
        stored("db_default_url", Kind.STRING, "for the database API (db/db.h)");
        stored("query_buffer_size", Kind.NUMBER, "for the database API (db/db.h)");
        stored("query_flush_time", Kind.NUMBER, "for the database API (db/db.h)");
    }

    private SettingCatalog() {
    }

    /** The entry for a spelling (e.g. {@code uid} gives {@code user}), if 1.11 has it. */
    public static Optional<Entry> lookup(String spelling) {
        String name = SPELLINGS.get(spelling);
        return name == null ? Optional.empty() : Optional.of(ENTRIES.get(name));
    }

    /** Every spelling, for messages. */
    static java.util.Set<String> spellings() {
        return Collections.unmodifiableSet(SPELLINGS.keySet());
    }

    /**
     * The warning for a setting that is not applied, or empty: "setting 'fork' ignored:
     * sipbridge is one process ...". Locations are added by the caller.
     */
    public static Optional<String> warning(String name, Object value) {
        Entry e = ENTRIES.get(name);
        if (e == null || e.quiet(value)) {
            return Optional.empty();
        }
        return Optional.of(switch (e.use()) {
            case STORED -> "setting '" + name + "' is accepted but has no effect yet: " + e.why();
            case IGNORED -> "setting '" + name + "' has no meaning in sipbridge and is ignored: " + e.why();
            case APPLIED -> throw new IllegalStateException();
        });
    }
}
