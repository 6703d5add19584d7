package org.sipbridge.server;

import java.util.concurrent.CountDownLatch;

/**
 * Holds the workers' first messages until the server finished starting (child_init with
 * PROC_MAIN and the startup_route ran on the main thread): the transport starts receiving
 * as soon as the workers are ready, a moment before that. Open for good once opened.
 */
final class Gate {
    private final CountDownLatch latch = new CountDownLatch(1);
    private volatile boolean open;

    void open() {
        open = true;
        latch.countDown();
    }

    void awaitOpen() {
        if (open) {
            return;
        }
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping: the transport ends this worker
        }
    }
}
