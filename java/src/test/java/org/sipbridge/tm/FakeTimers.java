package org.sipbridge.tm;

import java.util.PriorityQueue;
import java.util.concurrent.Executor;

/** A fake clock: time moves only with {@link #advance}, which runs what falls due in order, inline. */
final class FakeTimers implements TmTimers {
    private record Due(long at, long seq, Executor owner, Runnable task, boolean[] cancelled) {
    }

    private final PriorityQueue<Due> queue = new PriorityQueue<>((a, b) -> a.at != b.at ? Long.compare(a.at, b.at)
            : Long.compare(a.seq, b.seq));
    private long now;
    private long seq;

    @Override
    public long now() {
        return now;
    }

    @Override
    public TimerHandle arm(Executor owner, Runnable task, long delayMs) {
        boolean[] cancelled = new boolean[1];
        queue.add(new Due(now + delayMs, seq++, owner, task, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Moves the clock by ms, running every timer due on the way at its own time. */
    void advance(long ms) {
        long end = now + ms;
        while (!queue.isEmpty() && queue.peek().at <= end) {
            Due d = queue.poll();
            now = d.at;
            if (!d.cancelled[0]) {
                d.owner.execute(d.task);
            }
        }
        now = end;
    }

    /** Armed and not cancelled. */
    int pending() {
        int n = 0;
        for (Due d : queue) {
            if (!d.cancelled[0]) {
                n++;
            }
        }
        return n;
    }
}
