package org.sipbridge.ops;

import org.sipbridge.module.JavaModule;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Java stand-ins for OpenSIPS 3.x's httpd, mi_http and prometheus modules, found by
 * {@code loadmodule "httpd.so"} and friends without a file (JavaModuleProvider services of
 * the server's jar). The HTTP listener starts when the configuration loads httpd and at
 * least one of the other two.
 * <ul>
 * <li>httpd: {@code ip} (default 127.0.0.1: loopback only), {@code port} (8888),
 *     sipbridge's {@code max_body} (bytes, default 1 MiB);</li>
 * <li>mi_http: {@code root} (default "mi": JSON-RPC on POST /mi);</li>
 * <li>prometheus: {@code root} (default "metrics"), {@code prefix} (default "opensips").</li>
 * </ul>
 */
public final class HttpModules {
    private HttpModules() {
    }

    public static final class HttpdProvider implements org.sipbridge.module.JavaModuleProvider {
        @Override
        public String name() {
            return "httpd";
        }

        @Override
        public JavaModule create() {
            return new Httpd();
        }
    }

    public static final class MiHttpProvider implements org.sipbridge.module.JavaModuleProvider {
        @Override
        public String name() {
            return "mi_http";
        }

        @Override
        public JavaModule create() {
            return new MiHttp();
        }
    }

    public static final class PrometheusProvider implements org.sipbridge.module.JavaModuleProvider {
        @Override
        public String name() {
            return "prometheus";
        }

        @Override
        public JavaModule create() {
            return new Prometheus();
        }
    }

    public static final class Httpd extends JavaModule {
        final AtomicReference<String> ip = stringParam("ip", "127.0.0.1");
        final AtomicInteger port = intParam("port", 8888);
        final AtomicInteger maxBody = intParam("max_body", 1024 * 1024);

        Httpd() {
            super("httpd");
        }

        @Override
        public int init() {
            if (port.get() < 0 || port.get() > 65535 || maxBody.get() < 1024) {
                org.slf4j.LoggerFactory.getLogger("org.sipbridge.httpd").error(
                        "httpd: port must be 0..65535 and max_body at least 1024 (port {}, max_body {})",
                        port.get(), maxBody.get());
                return -1;
            }
            return 0;
        }
    }

    public static final class MiHttp extends JavaModule {
        final AtomicReference<String> root = stringParam("root", "mi");
        /** sipbridge's own: seconds a C command (or its asynchronous answer) is waited for. */
        final AtomicInteger replyTimeout = intParam("reply_timeout", 30);

        MiHttp() {
            super("mi_http");
        }
    }

    public static final class Prometheus extends JavaModule {
        final AtomicReference<String> root = stringParam("root", "metrics");
        final AtomicReference<String> prefix = stringParam("prefix", "opensips");

        Prometheus() {
            super("prometheus");
        }
    }
}
