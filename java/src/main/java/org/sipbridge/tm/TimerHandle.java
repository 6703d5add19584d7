package org.sipbridge.tm;

/** An armed timer; cancel() keeps it from firing if it has not fired yet (idempotent). */
@FunctionalInterface
public interface TimerHandle {
    void cancel();
}
