package org.sipbridge.tm;

import org.junit.jupiter.api.Test;
import org.sipbridge.core.Proto;
import org.sipbridge.core.ReceiveInfo;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every state and timer of RFC 3261 17 (and RFC 6026's Accepted) on a fake clock. */
class TransactionStateTest {
    private static final InetSocketAddress NEXT = new InetSocketAddress("127.0.0.1", 5090);
    private static final ReceiveInfo UDP_CLIENT = new ReceiveInfo(Proto.UDP, new InetSocketAddress("127.0.0.1", 5080),
            new InetSocketAddress("127.0.0.1", 5060), 0);
    private static final ReceiveInfo TCP_CLIENT = new ReceiveInfo(Proto.TCP, new InetSocketAddress("127.0.0.1", 5080),
            new InetSocketAddress("127.0.0.1", 5060), 7);
    private static final byte[] REQ = "INVITE".getBytes();
    private static final byte[] ACK = "ACK".getBytes();

    private final FakeTimers timers = new FakeTimers();
    private final List<Long> sentAt = new ArrayList<>();
    private final List<String> sent = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private final TmSender sender = new TmSender() {
        @Override
        public boolean sendRequest(Proto proto, InetSocketAddress to, byte[] data, int length) {
            sentAt.add(timers.now());
            sent.add(new String(data, 0, length));
            return true;
        }

        @Override
        public boolean sendReply(ReceiveInfo to, byte[] data, int length) {
            sentAt.add(timers.now());
            sent.add(new String(data, 0, length));
            return true;
        }
    };
    private final TransactionUser user = new TransactionUser() {
        @Override
        public void timedOut(ClientTransaction t) {
            events.add("timeout@" + timers.now());
        }

        @Override
        public void ackTimedOut(ServerTransaction t) {
            events.add("noack@" + timers.now());
        }

        @Override
        public void terminated(Transaction t) {
            events.add("terminated@" + timers.now());
        }
    };
    private final TmEnv env = new TmEnv(TmConfig.DEFAULT, timers, Runnable::run, sender);

    private ClientTransaction client(boolean invite, Proto proto) {
        ClientTransaction t = new ClientTransaction(env, user, invite, proto, NEXT, REQ);
        assertTrue(t.start());
        return t;
    }

    // ---- INVITE client ------------------------------------------------------------------

    @Test
    void inviteClientRetransmitsWithTimerADoublingUntilTimerB() {
        ClientTransaction t = client(true, Proto.UDP);
        assertEquals(TxState.CALLING, t.state());
        timers.advance(40_000);
        assertEquals(List.of(0L, 500L, 1500L, 3500L, 7500L, 15500L, 31500L), sentAt);
        assertEquals(List.of("timeout@32000", "terminated@32000"), events);
        assertEquals(TxState.TERMINATED, t.state());
        assertEquals(0, timers.pending());
    }

    @Test
    void inviteClientProvisionalStopsRetransmissionsAndTimerB() {
        ClientTransaction t = client(true, Proto.UDP);
        timers.advance(600);
        assertEquals(Verdict.PASS, t.onResponse(180));
        assertEquals(TxState.PROCEEDING, t.state());
        timers.advance(100_000);
        assertEquals(List.of(0L, 500L), sentAt);
        assertTrue(events.isEmpty(), events.toString());
        assertEquals(180, t.lastCode());
    }

    @Test
    void inviteClient2xxGoesToAcceptedThenTimerM() {
        ClientTransaction t = client(true, Proto.UDP);
        assertEquals(Verdict.PASS, t.onResponse(100));
        assertEquals(Verdict.PASS, t.onResponse(200));
        assertEquals(TxState.ACCEPTED, t.state());
        assertEquals(Verdict.PASS, t.onResponse(200), "2xx retransmissions pass (RFC 6026)");
        assertEquals(Verdict.ABSORB, t.onResponse(180));
        timers.advance(31_999);
        assertEquals(TxState.ACCEPTED, t.state());
        timers.advance(1);
        assertEquals(List.of("terminated@32000"), events);
    }

    @Test
    void inviteClientNon2xxNeedsAckResendsItAndEndsWithTimerD() {
        ClientTransaction t = client(true, Proto.UDP);
        assertEquals(Verdict.PASS_NEEDS_ACK, t.onResponse(486));
        assertEquals(TxState.COMPLETED, t.state());
        t.sendAck(ACK);
        assertEquals(List.of("INVITE", "ACK"), sent);
        timers.advance(1000);
        assertEquals(Verdict.ABSORB, t.onResponse(486));
        assertEquals(List.of("INVITE", "ACK", "ACK"), sent);
        assertEquals(Verdict.ABSORB, t.onResponse(200));
        timers.advance(30_999);
        assertEquals(TxState.COMPLETED, t.state());
        timers.advance(1);
        assertEquals(List.of("terminated@32000"), events);
    }

    @Test
    void inviteClientOverTcpNeitherRetransmitsNorWaits() {
        ClientTransaction t = client(true, Proto.TCP);
        timers.advance(31_999);
        assertEquals(1, sent.size());
        assertEquals(Verdict.PASS_NEEDS_ACK, t.onResponse(603));
        t.sendAck(ACK);
        timers.advance(0);
        assertEquals(TxState.TERMINATED, t.state(), "timer D is 0 over a reliable transport");
    }

    @Test
    void inviteClientTimeoutOverTcpIsStillTimerB() {
        client(true, Proto.TCP);
        timers.advance(32_000);
        assertEquals(List.of("timeout@32000", "terminated@32000"), events);
    }

    @Test
    void abandonedAndStoppedClients() {
        ClientTransaction t = client(true, Proto.UDP);
        t.stopRetransmissions();
        timers.advance(10_000);
        assertEquals(1, sent.size());
        assertEquals(TxState.CALLING, t.state());
        t.abandon();
        assertEquals(TxState.TERMINATED, t.state());
        assertEquals(0, timers.pending());
        assertEquals(Verdict.ABSORB, t.onResponse(200));
    }

    // ---- non-INVITE client --------------------------------------------------------------

    @Test
    void nonInviteClientTimerECapsAtT2AndTimerFTimesOut() {
        ClientTransaction t = client(false, Proto.UDP);
        assertEquals(TxState.TRYING, t.state());
        timers.advance(40_000);
        assertEquals(List.of(0L, 500L, 1500L, 3500L, 7500L, 11500L, 15500L, 19500L, 23500L, 27500L, 31500L), sentAt);
        assertEquals(List.of("timeout@32000", "terminated@32000"), events);
    }

    @Test
    void nonInviteClientProceedingRetransmitsEveryT2() {
        ClientTransaction t = client(false, Proto.UDP);
        timers.advance(600); // sends at 0, 500; next E due at 1500
        assertEquals(Verdict.PASS, t.onResponse(100));
        assertEquals(TxState.PROCEEDING, t.state());
        timers.advance(9_400); // to 10000: E at 1500 (interval T2 now), 5500, 9500
        assertEquals(List.of(0L, 500L, 1500L, 5500L, 9500L), sentAt);
        assertEquals(Verdict.PASS, t.onResponse(200));
        assertEquals(TxState.COMPLETED, t.state());
        assertEquals(Verdict.ABSORB, t.onResponse(200));
        timers.advance(4_999);
        assertEquals(TxState.COMPLETED, t.state());
        timers.advance(1);
        assertEquals(List.of("terminated@15000"), events, "timer K = T4");
        assertEquals(5, sent.size());
    }

    @Test
    void nonInviteClientOverTcpEndsAtOnceOnItsFinalReply() {
        ClientTransaction t = client(false, Proto.TCP);
        timers.advance(1000);
        assertEquals(1, sent.size());
        assertEquals(Verdict.PASS, t.onResponse(404));
        timers.advance(0);
        assertEquals(TxState.TERMINATED, t.state());
    }

    // ---- INVITE server ------------------------------------------------------------------

    private ServerTransaction server(boolean invite, ReceiveInfo from) {
        return new ServerTransaction(env, user, invite, from);
    }

    @Test
    void inviteServerProceedingResendsTheLastProvisional() {
        ServerTransaction t = server(true, UDP_CLIENT);
        assertEquals(TxState.PROCEEDING, t.state());
        t.onRetransmission();
        assertTrue(sent.isEmpty(), "nothing sent yet, nothing to resend");
        assertTrue(t.sendReply(100, "100".getBytes(), 3));
        t.onRetransmission();
        assertEquals(List.of("100", "100"), sent);
        assertTrue(t.sendReply(180, "180".getBytes(), 3));
        t.onRetransmission();
        assertEquals(List.of("100", "100", "180", "180"), sent);
    }

    @Test
    void inviteServerNon2xxIsRetransmittedByTimerGUntilTimerH() {
        ServerTransaction t = server(true, UDP_CLIENT);
        assertTrue(t.sendReply(486, "486".getBytes(), 3));
        assertEquals(TxState.COMPLETED, t.state());
        assertFalse(t.sendReply(200, "200".getBytes(), 3), "no reply after the final one");
        timers.advance(40_000);
        assertEquals(List.of(0L, 500L, 1500L, 3500L, 7500L, 11500L, 15500L, 19500L, 23500L, 27500L, 31500L), sentAt);
        assertEquals(List.of("terminated@32000", "noack@32000"), events);
    }

    @Test
    void inviteServerAckConfirmsThenTimerI() {
        ServerTransaction t = server(true, UDP_CLIENT);
        t.sendReply(404, "404".getBytes(), 3);
        timers.advance(600);
        t.onRetransmission();
        assertEquals(List.of("404", "404", "404"), sent, "G at 500 and the retransmission");
        assertTrue(t.onAck());
        assertEquals(TxState.CONFIRMED, t.state());
        t.onRetransmission();
        assertTrue(t.onAck(), "ACK retransmissions absorbed");
        timers.advance(4_999);
        assertEquals(3, sent.size(), "timer G stopped by the ACK");
        assertEquals(TxState.CONFIRMED, t.state());
        timers.advance(1);
        assertEquals(List.of("terminated@5600"), events, "timer I = T4");
    }

    @Test
    void inviteServer2xxIsAcceptedThenTimerL() {
        ServerTransaction t = server(true, UDP_CLIENT);
        t.sendReply(100, "100".getBytes(), 3);
        assertTrue(t.sendReply(200, "200".getBytes(), 3));
        assertEquals(TxState.ACCEPTED, t.state());
        t.onRetransmission();
        assertEquals(List.of("100", "200"), sent, "INVITE retransmissions absorbed in Accepted");
        assertTrue(t.sendReply(200, "200".getBytes(), 3), "a 2xx retransmission passes");
        assertFalse(t.sendReply(486, "486".getBytes(), 3));
        assertFalse(t.onAck(), "an ACK after a 2xx goes to the TU");
        timers.advance(32_000);
        assertEquals(List.of("terminated@32000"), events);
    }

    @Test
    void inviteServerOverTcpHasNoTimerGAndTimerIIsZero() {
        ServerTransaction t = server(true, TCP_CLIENT);
        t.sendReply(500, "500".getBytes(), 3);
        timers.advance(10_000);
        assertEquals(1, sent.size());
        assertTrue(t.onAck());
        timers.advance(0);
        assertEquals(TxState.TERMINATED, t.state());
    }

    // ---- non-INVITE server --------------------------------------------------------------

    @Test
    void nonInviteServerTryingProceedingCompletedThenTimerJ() {
        ServerTransaction t = server(false, UDP_CLIENT);
        assertEquals(TxState.TRYING, t.state());
        t.onRetransmission();
        assertTrue(sent.isEmpty());
        t.sendReply(100, "100".getBytes(), 3);
        assertEquals(TxState.PROCEEDING, t.state());
        t.onRetransmission();
        t.sendReply(200, "200".getBytes(), 3);
        assertEquals(TxState.COMPLETED, t.state());
        t.onRetransmission();
        assertEquals(List.of("100", "100", "200", "200"), sent);
        assertTrue(t.onAck());
        timers.advance(31_999);
        assertEquals(TxState.COMPLETED, t.state());
        timers.advance(1);
        assertEquals(List.of("terminated@32000"), events);
        assertEquals(0, timers.pending());
    }

    @Test
    void nonInviteServerOverTcpTimerJIsZero() {
        ServerTransaction t = server(false, TCP_CLIENT);
        t.sendReply(404, "404".getBytes(), 3);
        timers.advance(0);
        assertEquals(TxState.TERMINATED, t.state());
    }

    // ---- timers and configuration -------------------------------------------------------

    @Test
    void aTimerAlreadyHandedToTheOwnerWhenCancelledDoesNothing() {
        List<Runnable> handedOver = new ArrayList<>();
        Executor deferred = handedOver::add;
        ClientTransaction t = new ClientTransaction(new TmEnv(TmConfig.DEFAULT, timers, deferred, sender), user,
                true, Proto.UDP, NEXT, REQ);
        t.start();
        timers.advance(500); // timer A due: handed to the owner, not run yet
        assertEquals(1, handedOver.size());
        t.onResponse(180); // cancels A on the owner's thread before the hand-over runs
        handedOver.forEach(Runnable::run);
        assertEquals(1, sent.size(), "the stale timer A did not retransmit");
    }

    @Test
    void configurableT1T2T4() {
        TmEnv fast = new TmEnv(new TmConfig(100, 400, 1000), timers, Runnable::run, sender);
        ClientTransaction t = new ClientTransaction(fast, user, false, Proto.UDP, NEXT, REQ);
        t.start();
        timers.advance(6_400);
        assertEquals(List.of(0L, 100L, 300L, 700L, 1100L, 1500L, 1900L, 2300L, 2700L, 3100L, 3500L, 3900L, 4300L,
                4700L, 5100L, 5500L, 5900L, 6300L), sentAt);
        assertEquals(List.of("timeout@6400", "terminated@6400"), events);
        assertArrayEquals(REQ, t.request());
    }

    @Test
    void badTimerValuesAreRefused() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new TmConfig(500, 100, 5000));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new TmConfig(0, 100, 5000));
    }
}
