import java.io.IOException;
import java.io.PrintWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The far end of the example configurations' forks, for scripts/check-stock-configs.sh (run
 * with "java StockPeer.java ..."; JDK 17, no build step). SIPp cannot play it: the branches
 * of one forked call share a Call-ID, which is how SIPp tells calls apart.
 *
 * <pre>
 * java StockPeer.java LOG SECONDS IP:PORT[,IP:PORT...] USER=ACTION...
 * </pre>
 * Listens on UDP on every address (all on 127.0.0.0/8), for at most SECONDS, and writes one
 * line per request it gets to LOG: {@code <ms since start> <local port> <METHOD> <R-URI user>
 * <Via branch> <Call-ID>}. An INVITE is answered by its R-URI user's ACTION: {@code silent} (no answer,
 * a sink), or reply codes joined by '+' ({@code 486}, {@code 183+486}, {@code 180+200}), each
 * retransmission of the INVITE the same way. Users without a rule, and every address whose
 * port is 9 (the examples' "sink port"), stay silent. BYE, CANCEL, OPTIONS get 200; ACK
 * nothing.
 */
public final class StockPeer {
    private final Map<String, String> actions = new HashMap<>();
    private final PrintWriter log;
    private final long start = System.nanoTime();

    private StockPeer(PrintWriter log) {
        this.log = log;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: java StockPeer.java LOG SECONDS IP:PORT[,IP:PORT...] USER=ACTION...");
            System.exit(2);
        }
        long seconds = Long.parseLong(args[1]);
        List<DatagramSocket> sockets = new ArrayList<>();
        for (String a : args[2].split(",")) {
            int colon = a.lastIndexOf(':');
            String host = a.substring(0, colon);
            if (!host.startsWith("127.")) {
                throw new IllegalArgumentException("only 127.0.0.0/8 addresses: " + a);
            }
            DatagramSocket s = new DatagramSocket(new InetSocketAddress(host, Integer.parseInt(a.substring(colon + 1))));
            s.setSoTimeout(200);
            sockets.add(s);
        }
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[0])), true)) {
            StockPeer peer = new StockPeer(out);
            for (int i = 3; i < args.length; i++) {
                String[] kv = args[i].split("=", 2);
                peer.actions.put(kv[0], kv[1]);
            }
            System.out.println("ready");
            System.out.flush();
            List<Thread> threads = new ArrayList<>();
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            for (DatagramSocket s : sockets) {
                Thread t = new Thread(() -> peer.serve(s, end), "peer-" + s.getLocalPort());
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) {
                t.join();
            }
        }
        for (DatagramSocket s : sockets) {
            s.close();
        }
    }

    private void serve(DatagramSocket socket, long end) {
        byte[] b = new byte[65536];
        while (System.nanoTime() < end) {
            DatagramPacket p = new DatagramPacket(b, b.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return;
            }
            String text = new String(b, 0, p.getLength(), StandardCharsets.ISO_8859_1);
            if (text.startsWith("SIP/2.0")) {
                continue; // a reply: nothing to do
            }
            String method = text.substring(0, Math.max(0, text.indexOf(' ')));
            String user = ruriUser(text);
            synchronized (log) {
                log.printf(Locale.ROOT, "%d %d %s %s %s %s%n", (System.nanoTime() - start) / 1_000_000,
                        socket.getLocalPort(), method, user, branch(text), header(text, "call-id"));
            }
            try {
                if (method.equals("INVITE")) {
                    String action = socket.getLocalPort() == 9 ? "silent" : actions.getOrDefault(user, "silent");
                    if (!action.equals("silent")) {
                        for (String code : action.split("\\+")) {
                            reply(socket, p, text, Integer.parseInt(code));
                        }
                    }
                } else if (method.equals("BYE") || method.equals("CANCEL") || method.equals("OPTIONS")) {
                    reply(socket, p, text, 200);
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    private static String ruriUser(String text) {
        int sp = text.indexOf(' ');
        int sp2 = text.indexOf(' ', sp + 1);
        String uri = sp > 0 && sp2 > sp ? text.substring(sp + 1, sp2) : "";
        int colon = uri.indexOf(':');
        int at = uri.indexOf('@');
        return colon >= 0 && at > colon ? uri.substring(colon + 1, at) : "-";
    }

    private static String branch(String text) {
        String via = header(text, "via");
        int i = via.indexOf("branch=");
        if (i < 0) {
            return "-";
        }
        int e = i + 7;
        while (e < via.length() && ";, ".indexOf(via.charAt(e)) < 0) {
            e++;
        }
        return via.substring(i + 7, e);
    }

    private static String header(String text, String lowerName) {
        for (String line : text.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(lowerName)) {
                return line.substring(colon + 1).trim();
            }
        }
        return "";
    }

    private static String reason(int code) {
        return switch (code) {
            case 180 -> "Ringing";
            case 183 -> "Session Progress";
            case 200 -> "OK";
            case 486 -> "Busy Here";
            case 487 -> "Request Terminated";
            default -> "Reply";
        };
    }

    /** A reply with the request's Vias, From, To (a tag added above 100), Call-ID, CSeq. */
    private static void reply(DatagramSocket socket, DatagramPacket to, String request, int code) throws IOException {
        StringBuilder sb = new StringBuilder("SIP/2.0 ").append(code).append(' ').append(reason(code)).append("\r\n");
        for (String line : request.split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("via:") || lower.startsWith("v:") || lower.startsWith("from:")
                    || lower.startsWith("call-id:") || lower.startsWith("cseq:") || lower.startsWith("record-route:")) {
                sb.append(line).append("\r\n");
            } else if (lower.startsWith("to:")) {
                sb.append(line).append(code > 100 && !line.contains("tag=") ? ";tag=peer" : "").append("\r\n");
            }
        }
        sb.append("Contact: <sip:peer@").append(socket.getLocalAddress().getHostAddress()).append(':')
                .append(socket.getLocalPort()).append(">\r\nContent-Length: 0\r\n\r\n");
        byte[] out = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        socket.send(new DatagramPacket(out, out.length, to.getSocketAddress()));
    }
}
