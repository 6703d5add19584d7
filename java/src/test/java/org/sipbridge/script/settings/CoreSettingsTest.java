package org.sipbridge.script.settings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sipbridge.script.ServerConfig;
import org.sipbridge.script.ast.CoreSetting;
import org.sipbridge.script.ast.Script;
import org.sipbridge.script.ast.Transport;
import org.sipbridge.script.parse.ConfigException;
import org.sipbridge.script.parse.ScriptParser;
import org.sipbridge.script.run.LocalAddresses;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every OpenSIPS 1.11 core setting: accepted with its 1.11 value kind, applied or warned about. */
class CoreSettingsTest {

    private static ServerConfig config(String text) {
        return ServerConfig.of(ScriptParser.parse("t.cfg", text), Path.of("/srv"));
    }

    private static String error(String text) {
        return assertThrows(ConfigException.class, () -> ScriptParser.parse("t.cfg", text)).getMessage();
    }

    /** Each setting of the 1.11 grammar with a value of its kind: accepted, kept under its canonical name. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "fork=yes|fork|1", "fork=no|fork|0", "log_facility=LOG_LOCAL0|log_facility|LOG_LOCAL0",
            "log_name=\"sb\"|log_name|sb", "port=5070|port|5070", "disable_tcp=yes|disable_tcp|1",
            "advertised_address=\"203.0.113.5\"|advertised_address|203.0.113.5",
            "advertised_address=sip.example.com|advertised_address|sip.example.com",
            "advertised_port=5080|advertised_port|5080", "auto_aliases=no|auto_aliases|0",
            "bin_listen=127.0.0.1:5062|bin_listen|127.0.0.1:5062", "bin_children=2|bin_children|2",
            "mhomed=1|mhomed|1", "tos=IPTOS_LOWDELAY|tos|IPTOS_LOWDELAY", "tos=16|tos|16",
            "maxbuffer=262144|maxbuffer|262144", "mcast_loopback=no|mcast_loopback|0", "mcast_ttl=4|mcast_ttl|4",
            "dns=no|dns|0", "rev_dns=off|rev_dns|0", "dns_try_ipv6=yes|dns_try_ipv6|1", "dns_try_naptr=0|dns_try_naptr|0",
            "dns_retr_time=3|dns_retr_time|3", "dns_retr_no=2|dns_retr_no|2", "dns_servers_no=1|dns_servers_no|1",
            "dns_use_search_list=no|dns_use_search_list|0", "disable_dns_failover=1|disable_dns_failover|1",
            "disable_dns_blacklist=no|disable_dns_blacklist|0",
            "dst_blacklist=gw:{(udp, 10.0.0.1, 5060, \"\"), (tcp, 10.0.0.2, 0, \"\")}|dst_blacklist|gw:{(udp, 10.0.0.1, 5060, \"\"), (tcp, 10.0.0.2, 0, \"\")}",
            "check_via=1|check_via|1", "sip_warning=0|sip_warning|0", "server_signature=no|server_signature|0",
            "server_header=\"Server: SB\"|server_header|Server: SB", "user_agent_header=\"User-Agent: SB\"|user_agent_header|User-Agent: SB",
            "max_while_loops=50|max_while_loops|50", "disable_stateless_fwd=no|disable_stateless_fwd|0",
            "disable_503_translation=1|disable_503_translation|1",
            "tcp_connect_timeout=250|tcp_connect_timeout|250", "tcp_connection_lifetime=300|tcp_connection_lifetime|300",
            "tcp_max_connections=512|tcp_max_connections|512", "tcp_children=4|tcp_children|4", "tcp_async=yes|tcp_async|1",
            "tcp_async_local_connect_timeout=100|tcp_async_local_connect_timeout|100",
            "tcp_async_local_write_timeout=10|tcp_async_local_write_timeout|10",
            "tcp_async_max_postponed_chunks=16|tcp_async_max_postponed_chunks|16",
            "tcp_poll_method=epoll_lt|tcp_poll_method|epoll_lt", "tcp_poll_method=\"sigio_rt\"|tcp_poll_method|sigio_rt",
            "tcp_send_timeout=100|tcp_send_timeout|100", "tcp_accept_aliases=0|tcp_accept_aliases|0",
            "tcp_listen_backlog=1024|tcp_listen_backlog|1024", "tcp_crlf_pingpong=yes|tcp_crlf_pingpong|1",
            "tcp_no_new_conn_bflag=TCP_NO_CONN|tcp_no_new_conn_bflag|TCP_NO_CONN", "tcp_keepalive=1|tcp_keepalive|1",
            "tcp_keepcount=3|tcp_keepcount|3", "tcp_keepidle=30|tcp_keepidle|30", "tcp_keepinterval=5|tcp_keepinterval|5",
            "tcp_max_msg_chunks=8|tcp_max_msg_chunks|8", "tcp_max_msg_time=4|tcp_max_msg_time|4",
            "disable_tls=yes|disable_tls|1", "tls_port_no=5061|tls_port_no|5061", "tlslog=1|tlslog|1", "tls_log=1|tlslog|1",
            "tls_method=TLSv1|tls_method|TLSv1", "tls_verify_client=1|tls_verify_client|1",
            "tls_verify_server=1|tls_verify_server|1", "tls_require_client_certificate=0|tls_require_client_certificate|0",
            "tls_certificate=\"/c.pem\"|tls_certificate|/c.pem", "tls_private_key=\"/k.pem\"|tls_private_key|/k.pem",
            "tls_ca_list=\"/ca.pem\"|tls_ca_list|/ca.pem", "tls_ca_dir=\"/ca\"|tls_ca_dir|/ca",
            "tls_dh_params=\"/dh\"|tls_dh_params|/dh", "tls_ec_curve=\"prime256v1\"|tls_ec_curve|prime256v1",
            "tls_ciphers_list=\"ALL\"|tls_ciphers_list|ALL", "tls_handshake_timeout=100|tls_handshake_timeout|100",
            "tls_send_timeout=100|tls_send_timeout|100", "tls_client_domain_avp=\"d\"|tls_client_domain_avp|d",
            "shm_hash_split_percentage=10|shm_hash_split_percentage|10",
            "shm_secondary_hash_size=8|shm_secondary_hash_size|8", "mem_warming=1|mem_warming|1",
            "mem_warming_enabled=1|mem_warming|1", "mem_warming_pattern_file=\"/p\"|mem_warming_pattern_file|/p",
            "mem_warming_percentage=50|mem_warming_percentage|50", "memlog=4|memlog|4", "mem_log=4|memlog|4",
            "memdump=4|memdump|4", "mem_dump=4|memdump|4", "execmsgthreshold=1000|execmsgthreshold|1000",
            "exec_msg_threshold=1000|execmsgthreshold|1000", "execdnsthreshold=10|execdnsthreshold|10",
            "exec_dns_threshold=10|execdnsthreshold|10", "tcpthreshold=10|tcpthreshold|10", "tcp_threshold=10|tcpthreshold|10",
            "event_shm_threshold=80|event_shm_threshold|80", "event_pkg_threshold=80|event_pkg_threshold|80",
            "user=opensips|user|opensips", "uid=\"opensips\"|user|opensips", "group=sip|group|sip", "gid=sip|group|sip",
            "chroot=\"/jail\"|chroot|/jail", "workdir=\"/tmp\"|workdir|/tmp", "wdir=\"/tmp\"|workdir|/tmp",
            "disable_core_dump=yes|disable_core_dump|1", "open_files_limit=4096|open_files_limit|4096",
            "xlog_buf_size=4096|xlog_buf_size|4096", "xlog_force_color=no|xlog_force_color|0",
            "db_version_table=\"version\"|db_version_table|version",
            "db_default_url=\"mysql://u:p@h/db\"|db_default_url|mysql://u:p@h/db",
            "query_buffer_size=10|query_buffer_size|10", "query_flush_time=5|query_flush_time|5"})
    void everyCoreSettingIsAccepted(String line, String name, String value) {
        Script s = ScriptParser.parse("t.cfg", line + "\n");
        CoreSetting c = (CoreSetting) s.globals().get(0);
        assertEquals(name, c.name());
        assertEquals(value, c.text());
        ServerConfig cfg = ServerConfig.of(s, Path.of("/srv"));
        assertEquals(c.value(), cfg.core().get(name));
    }

    @Test
    void theStockConfigurationsSettingsWarnOnlyWhereSipbridgeDiffers() {
        ServerConfig c = config("""
                debug=3
                log_stderror=no
                log_facility=LOG_LOCAL0
                fork=yes
                children=4
                auto_aliases=no
                listen=udp:127.0.0.1:5060   # CUSTOMIZE ME
                disable_tcp=yes
                disable_tls=yes
                """);
        assertEquals(List.of(
                "t.cfg:3:1: setting 'log_facility' is accepted but has no effect yet: the syslog facility is for the "
                        + "logging back-end (log_stderror = no)",
                "t.cfg:4:1: setting 'fork' has no meaning in sipbridge and is ignored: sipbridge is one process whose "
                        + "workers are threads; it always runs in the foreground (use a service manager to detach it)"),
                c.warnings());
        assertEquals("LOG_LOCAL0", c.logFacility());
        assertEquals(3, c.logLevel());
        assertEquals(4, c.children());
        assertTrue(c.disableTcp());
        assertEquals(List.of(new ServerConfig.Listen(Transport.UDP, "127.0.0.1", 5060)), c.listens());
    }

    @Test
    void ignoredSettingsNameThemselvesAndSayWhy() {
        ServerConfig c = config("memlog=2\nshm_hash_split_percentage=5\nauto_aliases=yes\ndisable_tls=no\n");
        assertEquals(4, c.warnings().size());
        assertTrue(c.warnings().get(0).startsWith("t.cfg:1:1: setting 'memlog' has no meaning in sipbridge"), c.warnings().get(0));
        assertTrue(c.warnings().get(1).startsWith("t.cfg:2:1: setting 'shm_hash_split_percentage' has no meaning"));
        assertTrue(c.warnings().get(2).contains("'auto_aliases'") && c.warnings().get(2).contains("reverse DNS"));
        assertTrue(c.warnings().get(3).contains("'disable_tls'") && c.warnings().get(3).contains("no TLS"));
    }

    @Test
    void badValuesAreLocated() {
        assertEquals("t.cfg:1:14: bad log facility 'LOCAL0', expected a syslog facility such as LOG_LOCAL0, LOG_DAEMON or LOG_USER",
                error("log_facility=LOCAL0"));
        assertEquals("t.cfg:1:6: unexpected string \"yes\", expected a number or yes/no for 'fork'", error("fork=\"yes\""));
        assertEquals("t.cfg:1:15: unexpected integer 5, expected a quoted string for 'server_header'", error("server_header=5"));
        assertEquals("t.cfg:1:1: 'avp_aliases' is no longer supported (OpenSIPS 1.11 refuses it too), expected $avp(name) "
                + "with the name itself", error("avp_aliases=\"a:i:1\""));
        assertEquals("t.cfg:1:20: bad address 'x_y' for 'advertised_address', expected an IP address or a host name",
                error("advertised_address=x_y"));
        assertEquals("t.cfg:1:1: unknown global parameter 'forks', expected 'fork'", error("forks=no"));
    }

    @Test
    void listenWithoutProtocolMeansEveryTransportAndTakesThePortSetting() {
        ServerConfig c = config("listen=127.0.0.1\nport=5070\nlisten=tcp:127.0.0.1:5090\n");
        assertEquals(List.of(new ServerConfig.Listen(Transport.UDP, "127.0.0.1", 5070),
                new ServerConfig.Listen(Transport.TCP, "127.0.0.1", 5070),
                new ServerConfig.Listen(Transport.TCP, "127.0.0.1", 5090)), c.listens());
        assertEquals(List.of(new ServerConfig.Listen(Transport.UDP, "127.0.0.1", 5060)),
                config("listen=any:127.0.0.1\ndisable_tcp=1\n").listens());
    }

    @Test
    void disableTcpDropsTcpSocketsWithAWarning() {
        ServerConfig c = config("disable_tcp=yes\nlisten=tcp:127.0.0.1:5090\nlisten=udp:127.0.0.1:5090\n");
        assertEquals(List.of(new ServerConfig.Listen(Transport.UDP, "127.0.0.1", 5090)), c.listens());
        assertEquals(List.of("t.cfg:2:1: listen=tcp:127.0.0.1:5090 is not opened: disable_tcp is set"), c.warnings());
    }

    @Test
    void listenAsAdvertisesAnotherAddressAndIsMyself() {
        ServerConfig c = config("listen=udp:127.0.0.1:5070 as sip.example.com:5080 use_children 2 udp:127.0.0.2 as 203.0.113.1\n");
        assertEquals(List.of(new ServerConfig.Listen(Transport.UDP, "127.0.0.1", 5070, "sip.example.com", 5080),
                new ServerConfig.Listen(Transport.UDP, "127.0.0.2", 5060, "203.0.113.1", 5060)), c.listens());
        assertEquals(List.of("t.cfg:1:1: use_children 2 on listen=udp:127.0.0.1:5070 is ignored: every socket's messages "
                + "go to the same workers (children)"), c.warnings());
        LocalAddresses local = c.localAddresses();
        assertTrue(local.matches("sip.example.com", 5080));
        assertFalse(local.matches("sip.example.com", 5070));
        assertTrue(local.matches("203.0.113.1", 5060));
    }

    @Test
    void advertisedAddressAndPortApplyToEverySocket() {
        ServerConfig c = config("advertised_address=\"198.51.100.7\"\nadvertised_port=5999\nlisten=udp:127.0.0.1:5070\n"
                + "listen=udp:127.0.0.1:5071 as a.example.com\n");
        assertEquals(List.of(new ServerConfig.Listen(Transport.UDP, "127.0.0.1", 5070, "198.51.100.7", 5999),
                new ServerConfig.Listen(Transport.UDP, "127.0.0.1", 5071, "a.example.com", 5060)), c.listens());
        assertEquals("198.51.100.7", c.advertisedAddress());
        assertEquals(5999, c.advertisedPort());
        assertTrue(c.warnings().isEmpty(), c.warnings().toString());
    }

    @Test
    void headersAndSignature() {
        ServerConfig d = config("");
        assertTrue(d.serverSignature());
        assertEquals("Server: OpenSIPS (1.11.0-sipbridge (x86_64/linux))", d.serverHeader());
        ServerConfig c = config("server_signature=no\nserver_header=\"Server: Mine\"\nuser_agent_header=\"User-Agent: Mine\"\n");
        assertFalse(c.serverSignature());
        assertEquals("Server: Mine", c.serverHeader());
        assertEquals("User-Agent: Mine", c.userAgentHeader());
    }

    @Test
    void tcpSettingsMapOntoTheTransport() {
        ServerConfig c = config("tcp_connection_lifetime=300\ntcp_connect_timeout=250\ntcp_max_connections=100\nmaxbuffer=131072\n");
        assertEquals(300, c.tcpIdleTimeout());
        assertEquals(250, c.tcpConnectTimeoutMillis());
        assertEquals(100, c.tcpMaxConnections());
        assertEquals(131072, c.maxBuffer());
        assertEquals(30, config("tcp_idle_timeout=30\ntcp_connection_lifetime=300\n").tcpIdleTimeout());
        assertNull(config("").tcpConnectTimeoutMillis());
    }

    @Test
    void includeFileInsertsTheTokensOfAnotherFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("globals.cfg"), "children=3\nimport_file \"missing.cfg\"\n");
        Files.writeString(dir.resolve("routes.cfg"), "route[r] {\n  xlog(\"in r\");\n}\n");
        Path main = dir.resolve("main.cfg");
        Files.writeString(main, "include_file \"globals.cfg\"\nroute { route(r); }\ninclude_file \"routes.cfg\"\n");
        Script s = ScriptParser.parseFile(main);
        assertEquals(3, ServerConfig.of(s, dir).children());
        assertEquals(2, s.blocks().size());
        assertEquals(dir.resolve("routes.cfg") + ":1:1", s.blocks().get(1).location().toString());
    }

    @Test
    void includeErrorsAreLocated(@TempDir Path dir) throws Exception {
        Path main = dir.resolve("main.cfg");
        Files.writeString(main, "children=2\ninclude_file \"nope.cfg\"\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ScriptParser.parseFile(main));
        assertTrue(e.getMessage().startsWith(main + ":2:14: cannot open included file 'nope.cfg'"), e.getMessage());
        Files.writeString(dir.resolve("bad.cfg"), "children=x\n");
        Files.writeString(main, "include_file \"bad.cfg\"\n");
        e = assertThrows(ConfigException.class, () -> ScriptParser.parseFile(main));
        assertEquals(dir.resolve("bad.cfg") + ":1:10: unexpected 'x', expected an integer for 'children'", e.getMessage());
        Files.writeString(dir.resolve("loop.cfg"), "include_file \"loop.cfg\"\n");
        Files.writeString(main, "include_file \"loop.cfg\"\n");
        e = assertThrows(ConfigException.class, () -> ScriptParser.parseFile(main));
        assertTrue(e.getMessage().contains("includes itself") || e.getMessage().contains("too many nested includes"),
                e.getMessage());
    }
}
