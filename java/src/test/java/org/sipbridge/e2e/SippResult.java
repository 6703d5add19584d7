package org.sipbridge.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one SIPp run ended with, read from the last row of its {@code -trace_stat} file
 * (cumulative counters at exit).
 *
 * @param exitCode           SIPp's exit status: 0 all calls succeeded, 1 at least one failed,
 *                           97 stopped by a signal, 99 no call processed, 255 its -timeout
 *                           was reached or a fatal error; -1 when the Java-side deadline had
 *                           to kill it
 * @param successfulCalls    calls that ran the whole scenario
 * @param failedCalls        calls that failed, for any reason
 * @param retransmissions    UDP retransmissions SIPp sent (a lost or late message)
 * @param unexpectedMessages calls failed on an unexpected message, plus messages for no known
 *                           call and for calls already over (the same sum bench-server.sh reports)
 * @param autoAnswered       requests answered 200 by {@code -aa} (OPTIONS, INFO, NOTIFY, UPDATE)
 * @param command            the command line, for messages
 * @param files              the directory with SIPp's statistics, error and screen files
 */
public record SippResult(int exitCode, long successfulCalls, long failedCalls, long retransmissions,
                         long unexpectedMessages, long autoAnswered, String command, Path files) {

    /** Reads the final row of {@code stats}; fails with SIPp's own output when there is none. */
    static SippResult read(Path stats, int exitCode, String command, Path files, Path output) {
        List<String> lines = readLines(stats);
        if (lines.size() < 2) {
            throw new IllegalStateException("SIPp wrote no statistics (exit code " + exitCode + ") for: "
                    + command + "\n" + tail(output, 20));
        }
        Map<String, Long> counters = counters(lines.get(0), lines.get(lines.size() - 1));
        return new SippResult(exitCode,
                counters.get("SuccessfulCall(C)"),
                counters.get("FailedCall(C)"),
                counters.get("Retransmissions(C)"),
                counters.get("FailedUnexpectedMessage(C)") + counters.get("OutOfCallMsgs(C)")
                        + counters.get("DeadCallMsgs(C)"),
                counters.get("AutoAnswered(C)"),
                command, files);
    }

    /** The numeric columns of a header and a data row separated by ';' (SIPp's default). */
    static Map<String, Long> counters(String header, String row) {
        String[] names = header.split(";", -1);
        String[] values = row.split(";", -1);
        Map<String, Long> counters = new HashMap<>();
        for (int i = 0; i < names.length && i < values.length; i++) {
            try {
                counters.put(names[i], Long.parseLong(values[i].trim()));
            } catch (NumberFormatException notACounter) {
                // times, dates and rates: not needed here
            }
        }
        for (String needed : List.of("SuccessfulCall(C)", "FailedCall(C)", "Retransmissions(C)",
                "FailedUnexpectedMessage(C)", "OutOfCallMsgs(C)", "DeadCallMsgs(C)", "AutoAnswered(C)")) {
            if (!counters.containsKey(needed)) {
                throw new IllegalStateException("SIPp statistics without the counter " + needed + ": " + header);
            }
        }
        return counters;
    }

    /** Every call succeeded with nothing lost, retransmitted or unexpected. */
    public boolean clean(long expectedCalls) {
        return successfulCalls == expectedCalls && failedCalls == 0 && retransmissions == 0
                && unexpectedMessages == 0 && exitCode == 0;
    }

    /**
     * Every call succeeded, none failed and nothing unexpected came: what a UAS (or a client
     * on a loaded machine) behind a proxy must see; retransmissions may happen.
     */
    public boolean served(long expectedCalls) {
        return successfulCalls == expectedCalls && failedCalls == 0 && unexpectedMessages == 0;
    }

    /** A summary for assertion messages: the counters, the command and SIPp's last errors. */
    public String describe() {
        StringBuilder text = new StringBuilder()
                .append("SIPp exit ").append(exitCode)
                .append(": ").append(successfulCalls).append(" successful, ")
                .append(failedCalls).append(" failed, ")
                .append(retransmissions).append(" retransmissions, ")
                .append(unexpectedMessages).append(" unexpected, ")
                .append(autoAnswered).append(" auto-answered\n  ")
                .append(command).append("\n  files: ").append(files);
        Path errors = files.resolve("errors.log");
        if (Files.exists(errors)) {
            text.append("\n  last errors:\n").append(tail(errors, 15));
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return describe();
    }

    private static List<String> readLines(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String tail(Path file, int count) {
        List<String> lines = readLines(file);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }
}
