package org.sipbridge.tm;

import java.util.concurrent.Executor;

/**
 * What client and server transactions share: state, the timers (each a slot with a
 * generation, so a firing that was already handed to the owner when the timer was cancelled
 * or re-armed is ignored), and the environment. Used on its owner's thread only.
 */
public abstract class Transaction {
    /** Timer slots, RFC 3261 17 names. */
    public static final int A = 0, B = 1, D = 2, E = 3, F = 4, G = 5, H = 6, I = 7, J = 8, K = 9, L = 10, M = 11;
    static final int TIMERS = 12;
    private static final String NAMES = "ABDEFGHIJKLM";

    protected final TmConfig config;
    protected final TmTimers timers;
    protected final Executor owner;
    protected final TmSender sender;
    protected final TransactionUser user;
    protected final boolean invite;
    protected final boolean reliable;
    protected TxState state;
    /** Current retransmission interval (timers A, E, G). */
    protected long interval;

    private final TimerHandle[] handles = new TimerHandle[TIMERS];
    private final int[] generations = new int[TIMERS];

    protected Transaction(TmEnv env, TransactionUser user, boolean invite, boolean reliable) {
        this.config = env.config();
        this.timers = env.timers();
        this.owner = env.owner();
        this.sender = env.sender();
        this.user = user;
        this.invite = invite;
        this.reliable = reliable;
        this.interval = config.t1();
    }

    public TxState state() {
        return state;
    }

    public boolean isInvite() {
        return invite;
    }

    public boolean isReliable() {
        return reliable;
    }

    /** True while timer is armed. */
    public boolean armed(int timer) {
        return handles[timer] != null;
    }

    public static String timerName(int timer) {
        return String.valueOf(NAMES.charAt(timer));
    }

    protected final void arm(int timer, long delay) {
        cancel(timer);
        int generation = ++generations[timer];
        handles[timer] = timers.arm(owner, () -> {
            if (generations[timer] == generation && state != TxState.TERMINATED) {
                handles[timer] = null;
                fire(timer);
            }
        }, delay);
    }

    protected final void cancel(int timer) {
        TimerHandle h = handles[timer];
        if (h != null) {
            handles[timer] = null;
            generations[timer]++;
            h.cancel();
        }
    }

    private void cancelAll() {
        for (int t = 0; t < TIMERS; t++) {
            cancel(t);
        }
    }

    /** A timer of this transaction fired (on the owner's thread). */
    protected abstract void fire(int timer);

    /** Ends the transaction: timers cancelled, the TU told once. */
    protected final void terminate() {
        if (state == TxState.TERMINATED) {
            return;
        }
        state = TxState.TERMINATED;
        cancelAll();
        user.terminated(this);
    }
}
