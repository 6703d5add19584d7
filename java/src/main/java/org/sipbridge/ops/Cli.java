package org.sipbridge.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code sipbridge cli [-u url] <command> [args...]}: one MI command to a running server over
 * its mi_http JSON-RPC (default http://127.0.0.1:8888/mi, or $SIPBRIDGE_MI_URL). Arguments
 * {@code name=value} become named parameters, others positional ones; the result is
 * printed as indented JSON. Exit 0 on a result, 1 on a JSON-RPC error or no server, 2 for
 * a bad command line. With {@code -f FIFO [-r reply_dir]} it speaks mi_fifo's protocol
 * instead ({@link FifoClient}) and prints the answer as the server wrote it.
 */
public final class Cli {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Cli() {
    }

    public static int run(String[] args) {
        String url = System.getenv().getOrDefault("SIPBRIDGE_MI_URL", "http://127.0.0.1:8888/mi");
        int i = 0;
        if (i < args.length && (args[i].equals("-u") || args[i].equals("--url"))) {
            if (i + 1 >= args.length) {
                return usage("-u needs a URL");
            }
            url = args[i + 1];
            i += 2;
        }
        String fifo = null;
        String replyDir = "/tmp/";
        while (i + 1 < args.length && (args[i].equals("-f") || args[i].equals("-r"))) {
            if (args[i].equals("-f")) {
                fifo = args[i + 1];
            } else {
                replyDir = args[i + 1];
            }
            i += 2;
        }
        if (i >= args.length || args[i].equals("-h") || args[i].equals("--help")) {
            return usage(i >= args.length ? "no command given" : null);
        }
        String method = args[i++];
        if (fifo != null) {
            return viaFifo(fifo, replyDir, method, java.util.Arrays.asList(args).subList(i, args.length));
        }
        ArrayNode positional = JSON.createArrayNode();
        ObjectNode named = JSON.createObjectNode();
        for (; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq > 0) {
                named.put(args[i].substring(0, eq), args[i].substring(eq + 1));
            } else {
                positional.add(args[i]);
            }
        }
        if (!positional.isEmpty() && !named.isEmpty()) {
            return usage("give either name=value parameters or positional ones, not both");
        }
        ObjectNode req = JSON.createObjectNode().put("jsonrpc", "2.0").put("method", method);
        if (!named.isEmpty()) {
            req.set("params", named);
        } else if (!positional.isEmpty()) {
            req.set("params", positional);
        }
        req.put("id", 1);
        try {
            HttpClient c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(req))).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode n = JSON.readTree(r.body());
            if (n.has("error")) {
                System.err.println("error " + n.get("error").get("code").asText() + ": "
                        + n.get("error").get("message").asText());
                return 1;
            }
            System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n.get("result")));
            return 0;
        } catch (ConnectException e) {
            System.err.println("sipbridge cli: no server at " + url + " (load httpd and mi_http in its configuration)");
            return 1;
        } catch (Exception e) {
            System.err.println("sipbridge cli: " + url + ": " + e);
            return 1;
        }
    }

    private static int viaFifo(String fifo, String replyDir, String method, java.util.List<String> args) {
        try {
            String answer = FifoClient.call(java.nio.file.Path.of(fifo), java.nio.file.Path.of(replyDir), method, args,
                    60_000);
            boolean ok = answer.startsWith("2");
            (ok ? System.out : System.err).print(answer);
            return ok ? 0 : 1;
        } catch (java.util.concurrent.TimeoutException e) {
            System.err.println("sipbridge cli: no answer on the reply FIFO within 60 s (is reply_dir " + replyDir
                    + " the server's?)");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (Exception e) {
            System.err.println("sipbridge cli: " + fifo + ": " + e.getMessage());
            return 1;
        }
    }

    private static int usage(String problem) {
        if (problem != null) {
            System.err.println("sipbridge cli: " + problem);
        }
        System.err.println("usage: sipbridge cli [-u http://127.0.0.1:8888/mi] <mi command> [arg | name=value]...");
        System.err.println("       sipbridge cli -f /tmp/opensips_fifo [-r reply_dir] <mi command> [arg | name=value]...");
        System.err.println("  e.g. sipbridge cli get_statistics core: sl:    sipbridge cli log_level level=4");
        return problem == null ? 0 : 2;
    }
}
