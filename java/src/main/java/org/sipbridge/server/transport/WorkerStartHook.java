package org.sipbridge.server.transport;

/**
 * Runs on each worker thread before it serves any message: where the server calls every
 * module's child_init. If it throws, {@link SipTransport#start()} fails with its message.
 */
@FunctionalInterface
public interface WorkerStartHook {
    WorkerStartHook NONE = rank -> { };

    /** @param rank 1..children, the worker's index + 1 (OpenSIPS child rank) */
    void onWorkerStart(int rank) throws Exception;
}
