package org.sipbridge.tm;

import org.sipbridge.core.Proto;

import java.net.InetSocketAddress;

/**
 * A client transaction (RFC 3261 17.1): the request sent to one next hop and retransmitted
 * over UDP, the replies it receives, the ACK of a non-2xx final INVITE reply.
 * <ul>
 * <li>INVITE: Calling (timer A retransmits at T1, 2T1, 4T1...; timer B = 64*T1 times out),
 *     Proceeding on a 1xx (retransmissions stop), Accepted on a 2xx (RFC 6026: further 2xx
 *     pass; timer M = 64*T1), Completed on 300-699 (the TU gives the ACK, re-sent for every
 *     retransmitted final reply; timer D, 32 s over UDP, 0 over TCP), Terminated.</li>
 * <li>non-INVITE: Trying (timer E retransmits at T1, doubling up to T2; timer F = 64*T1),
 *     Proceeding on a 1xx (E keeps firing every T2), Completed on a final reply (timer K =
 *     T4 over UDP, 0 over TCP), Terminated.</li>
 * </ul>
 */
public final class ClientTransaction extends Transaction {
    private final Proto proto;
    private final InetSocketAddress destination;
    private final byte[] request;
    private byte[] ack;
    private int lastCode;

    public ClientTransaction(TmEnv env, TransactionUser user, boolean invite, Proto proto,
                             InetSocketAddress destination, byte[] request) {
        super(env, user, invite, proto != Proto.UDP);
        this.proto = proto;
        this.destination = destination;
        this.request = request;
    }

    public Proto proto() {
        return proto;
    }

    public InetSocketAddress destination() {
        return destination;
    }

    /** The request as sent. */
    public byte[] request() {
        return request;
    }

    /** The code of the last reply received, 0 before any. */
    public int lastCode() {
        return lastCode;
    }

    /** Sends the request and arms the timers; false (and Terminated) when the first send failed. */
    public boolean start() {
        state = invite ? TxState.CALLING : TxState.TRYING;
        if (!sender.sendRequest(proto, destination, request, request.length)) {
            terminate();
            return false;
        }
        if (!reliable) {
            arm(invite ? A : E, interval);
        }
        arm(invite ? B : F, config.timeout64());
        return true;
    }

    /** A reply matched this transaction. */
    public Verdict onResponse(int code) {
        switch (state) {
            case CALLING, TRYING, PROCEEDING -> {
                lastCode = code;
                if (code < 200) {
                    state = TxState.PROCEEDING;
                    if (invite) {
                        cancel(A);
                        cancel(B);
                    } else if (!reliable && armed(E)) {
                        interval = config.t2(); // Proceeding: every T2 from now on
                    }
                    return Verdict.PASS;
                }
                if (invite) {
                    cancel(A);
                    cancel(B);
                    if (code < 300) {
                        state = TxState.ACCEPTED;
                        arm(M, config.timeout64());
                        return Verdict.PASS;
                    }
                    state = TxState.COMPLETED;
                    arm(D, config.timerD(reliable));
                    return Verdict.PASS_NEEDS_ACK;
                }
                cancel(E);
                cancel(F);
                state = TxState.COMPLETED;
                arm(K, reliable ? 0 : config.t4());
                return Verdict.PASS;
            }
            case ACCEPTED -> {
                return code >= 200 && code < 300 ? Verdict.PASS : Verdict.ABSORB;
            }
            case COMPLETED -> {
                if (invite && code >= 300 && ack != null) {
                    sender.sendRequest(proto, destination, ack, ack.length);
                }
                return Verdict.ABSORB;
            }
            default -> {
                return Verdict.ABSORB;
            }
        }
    }

    /** The ACK of the non-2xx final reply (built by the TU from the request and the reply): sent now and kept. */
    public void sendAck(byte[] ackBytes) {
        this.ack = ackBytes;
        sender.sendRequest(proto, destination, ackBytes, ackBytes.length);
    }

    /** The TU gives up on this transaction (its own final-reply timer): no more retransmissions. */
    public void abandon() {
        terminate();
    }

    /** The TU stops the retransmissions but still wants the replies (a CANCEL was sent for it). */
    public void stopRetransmissions() {
        cancel(A);
        cancel(E);
    }

    @Override
    protected void fire(int timer) {
        switch (timer) {
            case A -> {
                sender.sendRequest(proto, destination, request, request.length);
                interval *= 2;
                arm(A, interval);
            }
            case E -> {
                sender.sendRequest(proto, destination, request, request.length);
                interval = state == TxState.PROCEEDING ? config.t2() : Math.min(interval * 2, config.t2());
                arm(E, interval);
            }
            case B, F -> {
                user.timedOut(this); // no final reply in time: the TU answers 408 (RFC 3261 16.8)
                terminate();
            }
            case D, K, M -> terminate();
            default -> throw new IllegalStateException("timer " + timerName(timer) + " in a client transaction");
        }
    }

    @Override
    public String toString() {
        return (invite ? "INVITE" : "non-INVITE") + " client transaction to " + proto + ":" + destination + " "
                + state;
    }
}
