package org.sipbridge.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * What every hand-driven proxy test has: a server under test (started by the test, in its
 * temporary directory), the UDP client that sends it requests and the UDP UAS it forwards
 * them to; all closed after each test.
 */
public abstract class ProxyBetweenPeersTestBase {
    @TempDir
    protected Path dir;
    protected TestServer proxy;
    protected final UdpPeer client = new UdpPeer();
    protected final UdpPeer uas = new UdpPeer();

    @AfterEach
    void stopProxyAndPeers() {
        client.close();
        uas.close();
        if (proxy != null) {
            proxy.close();
        }
    }
}
