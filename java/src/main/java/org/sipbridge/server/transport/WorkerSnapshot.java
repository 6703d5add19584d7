package org.sipbridge.server.transport;

/**
 * One worker as management sees it.
 *
 * @param rank          1..children
 * @param queueDepth    messages waiting in its queue now (approximate: read without stopping it)
 * @param queueCapacity its queue's size
 * @param timing        its handling times
 */
public record WorkerSnapshot(int rank, long queueDepth, int queueCapacity, WorkerTiming timing) {
}
