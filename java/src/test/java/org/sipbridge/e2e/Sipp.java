package org.sipbridge.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One SIPp run for end-to-end tests, set up step by step and then started:
 * <pre>{@code
 * try (SippProcess uas = Sipp.uas().calls(20).start(dir)) {
 *     SippResult uac = Sipp.uac(uas.address()).sendTo(proxy).rate(10).calls(20).run(dir);
 *     assertTrue(uac.clean(20), uac::describe);
 *     assertTrue(uas.await().clean(20));
 * }
 * }</pre>
 * The built-in uac names its remote host in the request URI ({@code sip:service@127.0.0.1:PORT}),
 * so with {@link #sendTo} the proxy gets requests whose URI is the UAS: a test route can simply
 * {@code forward()} by the request URI, and every port can be a free one ({@link UdpPorts#free}).
 * <p>
 * Everything runs on 127.0.0.1 over UDP. Every run is bounded twice: SIPp's own {@code -timeout}
 * and a Java-side deadline a little later, past which the process is killed. Each run writes its
 * statistics, unexpected messages and final screen into its own directory under the one given.
 */
public final class Sipp {
    /** All traffic of the tests stays on loopback. */
    public static final String LOOPBACK = "127.0.0.1";
    /** The OPTIONS scenario on the test class path (see the comment in the file). */
    public static final String OPTIONS_SCENARIO = "/e2e/options-uac.xml";
    /** System property naming the sipp executable, when it is not {@code sipp} on the PATH. */
    public static final String EXECUTABLE_PROPERTY = "sipbridge.sipp";

    private final String name;
    private final List<String> scenario;
    private InetSocketAddress remote;
    private InetSocketAddress sendTo;
    private int localPort;
    private double rate = 10;
    private long calls = -1;
    private Duration timeout = Duration.ofSeconds(30);
    private boolean autoAnswer;
    private boolean tcp;
    private final List<String> extraArgs = new ArrayList<>();

    private Sipp(String name, List<String> scenario) {
        this.name = name;
        this.scenario = scenario;
    }

    /** SIPp's built-in UAC: INVITE, (180), 200, ACK, BYE, 200 per call, sent to {@code remote}. */
    public static Sipp uac(InetSocketAddress remote) {
        return new Sipp("uac", List.of("-sn", "uac")).remote(remote);
    }

    /** SIPp's built-in UAS: answers each INVITE with 180 and 200, then the BYE with 200. */
    public static Sipp uas() {
        return new Sipp("uas", List.of("-sn", "uas"));
    }

    /** One OPTIONS per call to {@code proxy} itself, which must answer 200 ({@link #OPTIONS_SCENARIO}). */
    public static Sipp optionsUac(InetSocketAddress proxy) {
        return scenario("options-uac", optionsScenario()).remote(proxy);
    }

    /** A scenario file; {@code name} names the run's directory. Set {@link #remote} for a client. */
    public static Sipp scenario(String name, Path xml) {
        return new Sipp(name, List.of("-sf", xml.toString()));
    }

    /**
     * Where a client sends its requests; the built-in uac also puts it in the request URI
     * ({@code sip:service@host:port}).
     */
    public Sipp remote(InetSocketAddress address) {
        this.remote = Objects.requireNonNull(address);
        return this;
    }

    /**
     * Send every request to {@code proxy} ({@code -rsa}) while the request URI still names
     * {@link #remote}: the proxy forwards to the UAS and the replies come back through it.
     */
    public Sipp sendTo(InetSocketAddress proxy) {
        this.sendTo = Objects.requireNonNull(proxy);
        return this;
    }

    /** The local UDP port; by default a free one is picked when the run starts. */
    public Sipp localPort(int port) {
        this.localPort = port;
        return this;
    }

    /** New calls per second of a client (default 10). */
    public Sipp rate(double callsPerSecond) {
        if (!(callsPerSecond > 0)) {
            throw new IllegalArgumentException("rate must be > 0: " + callsPerSecond);
        }
        this.rate = callsPerSecond;
        return this;
    }

    /** Stop after this many calls ({@code -m}); by default a server runs until stopped or timed out. */
    public Sipp calls(long count) {
        if (count < 1) {
            throw new IllegalArgumentException("calls must be >= 1: " + count);
        }
        this.calls = count;
        return this;
    }

    /**
     * SIPp quits by itself after this long, calls in progress or not ({@code -timeout} with
     * {@code -timeout_error}; default 30 s).
     */
    public Sipp timeout(Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + limit);
        }
        this.timeout = limit;
        return this;
    }

    /** Answer OPTIONS, INFO, NOTIFY and UPDATE for unknown calls with 200 ({@code -aa}). */
    public Sipp autoAnswer() {
        this.autoAnswer = true;
        return this;
    }

    /**
     * TCP instead of UDP ({@code -t t1}: one connection per peer, which a proxy also uses
     * for the replies): the run counts as started once SIPp's TCP port listens.
     */
    public Sipp tcp() {
        this.tcp = true;
        return this;
    }

    /** More SIPp arguments, appended as given. */
    public Sipp arg(String... args) {
        extraArgs.addAll(Arrays.asList(args));
        return this;
    }

    /** The command line for a run writing into {@code files}, on {@code port}. */
    List<String> command(int port, Path files) {
        List<String> command = new ArrayList<>();
        command.add(executable().toString());
        command.addAll(scenario);
        command.addAll(List.of("-i", LOOPBACK, "-p", Integer.toString(port)));
        if (remote != null) {
            command.add(hostPort(remote));
        }
        if (sendTo != null) {
            command.addAll(List.of("-rsa", hostPort(sendTo)));
        }
        if (remote != null) {
            command.addAll(List.of("-r", rateText()));
        }
        if (calls > 0) {
            command.addAll(List.of("-m", Long.toString(calls)));
        }
        if (autoAnswer) {
            command.add("-aa");
        }
        if (tcp) {
            command.addAll(List.of("-t", "t1"));
        }
        // -timeout alone lets SIPp wait for calls in progress (up to ~32 s of retransmissions);
        // with -timeout_error it quits at the limit, statistics written, exit code 255.
        command.addAll(List.of("-nostdin", "-timeout", timeoutSeconds() + "s", "-timeout_error",
                "-trace_stat", "-stf", files.resolve("stats.csv").toString(), "-fd", "3600",
                "-trace_err", "-error_file", files.resolve("errors.log").toString(),
                "-trace_screen", "-screen_file", files.resolve("screen.log").toString()));
        command.addAll(extraArgs);
        return command;
    }

    /**
     * Starts SIPp with its files in a new directory under {@code dir} and returns once its socket
     * is bound (or it has already finished).
     */
    public SippProcess start(Path dir) {
        int port = localPort != 0 ? localPort : UdpPorts.free();
        Path files = dir.resolve(name + "-" + port);
        try {
            Files.createDirectories(files);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + files, e);
        }
        // SIPp quits at its -timeout; the Java-side deadline only catches a SIPp that hangs.
        Duration deadline = Duration.ofSeconds(timeoutSeconds()).plusSeconds(5);
        return SippProcess.start(command(port, files), port, tcp, files, deadline);
    }

    /** Starts SIPp and waits until it has finished: for clients with a call limit. */
    public SippResult run(Path dir) throws InterruptedException {
        try (SippProcess process = start(dir)) {
            return process.await();
        }
    }

    private long timeoutSeconds() {
        return Math.max(1, (timeout.toMillis() + 999) / 1000);
    }

    private String rateText() {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : String.format(Locale.ROOT, "%.3f", rate);
    }

    private static String hostPort(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }

    /** A loopback address on {@code port}. */
    public static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(LOOPBACK, port);
    }

    /**
     * The sipp executable: the {@value #EXECUTABLE_PROPERTY} system property, else {@code sipp}
     * on the PATH; fails with what to do when there is none.
     */
    public static Path executable() {
        return findExecutable(System.getProperty(EXECUTABLE_PROPERTY), System.getenv("PATH"));
    }

    static Path findExecutable(String configured, String searchPath) {
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            if (Files.isExecutable(path)) {
                return path;
            }
            throw new IllegalStateException("-D" + EXECUTABLE_PROPERTY + "=" + configured
                    + " is not an executable file. " + INSTALL_HINT);
        }
        if (searchPath != null) {
            for (String dir : searchPath.split(java.io.File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(dir, "sipp");
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("SIPp (the sipp command) was not found on the PATH. " + INSTALL_HINT);
    }

    private static final String INSTALL_HINT = "The end-to-end tests need SIPp: run scripts/test.sh, which"
            + " installs Debian's sip-tester package when it is missing (or: apt-get install sip-tester),"
            + " or point -D" + EXECUTABLE_PROPERTY + " at a sipp executable.";

    /** {@link #OPTIONS_SCENARIO} as a file SIPp can read. */
    public static Path optionsScenario() {
        return scenarioFile(OPTIONS_SCENARIO);
    }

    /**
     * A scenario on the test class path ({@code /e2e/tm/uac-call.xml}) as a file SIPp can
     * read: the class path copy when it is a file, else a temporary copy.
     */
    public static Path scenarioFile(String resource) {
        URL url = Sipp.class.getResource(resource);
        if (url == null) {
            throw new IllegalStateException(resource + " is not on the test class path");
        }
        try {
            if ("file".equals(url.getProtocol())) {
                return Path.of(url.toURI());
            }
            Path copy = Files.createTempFile("sipp-scenario", ".xml");
            copy.toFile().deleteOnExit();
            try (InputStream in = url.openStream()) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + url, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad resource URL " + url, e);
        }
    }
}
