package org.sipbridge.sip;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes parser, validator, deep parsers, framer and Call-ID locator with Jazzer
 * ({@link ParserInvariants} lists what must hold). Without JAZZER_FUZZ set, the {@code @FuzzTest}
 * only replays its (empty) seed set; the "fuzz-parser" surefire execution in pom.xml sets
 * JAZZER_FUZZ=1 so every test run also fuzzes for {@link #CI_DURATION}, seeded from the torture
 * corpus. scripts/fuzz-parser.sh runs it for longer. {@link #corpusMutations()} is a
 * deterministic, always-on sweep of simple mutations of the corpus.
 */
class SipParserFuzzTest {
    static final String CI_DURATION = "30s";
    private static final ParserInvariants INVARIANTS = new ParserInvariants();

    /**
     * Jazzer reads and extends the generated corpus in
     * {@code <jazzer.internal.basedir>/.cifuzz-corpus/<class>/<method>}; seeding it there with
     * the torture corpus gives the fuzzer real SIP to mutate.
     */
    @BeforeAll
    static void seedGeneratedCorpus() throws IOException {
        if (System.getenv("JAZZER_FUZZ") == null) {
            return;
        }
        String base = System.getProperty("jazzer.internal.basedir", System.getProperty("user.dir"));
        Path seeds = Paths.get(base, ".cifuzz-corpus", SipParserFuzzTest.class.getName(), "parseAnything");
        Files.createDirectories(seeds);
        try (Stream<Path> files = Files.list(TortureCorpusTest.corpusDir())) {
            for (Path f : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".dat"))::iterator) {
                Files.copy(f, seeds.resolve("torture-" + f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @FuzzTest(maxDuration = CI_DURATION)
    void parseAnything(byte[] data) {
        INVARIANTS.check(data);
    }

    /** Bytes that delimit something in SIP grammar (kept short: the sweep runs on every build). */
    private static final byte[] INTERESTING = {'\r', '\n', ' ', ':', ';', '"', '<', 0};

    /** Every truncation and every single-byte replacement by a delimiter, for every corpus file. */
    @Test
    void corpusMutations() throws IOException {
        try (Stream<Path> files = Files.list(TortureCorpusTest.corpusDir())) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".dat"))::iterator) {
                byte[] original = Files.readAllBytes(f);
                for (int n = 0; n <= original.length; n++) {
                    INVARIANTS.check(java.util.Arrays.copyOf(original, n));
                }
                byte[] mutated = original.clone();
                for (int i = 0; i < mutated.length; i++) {
                    for (byte b : INTERESTING) {
                        mutated[i] = b;
                        INVARIANTS.check(mutated);
                    }
                    mutated[i] = original[i];
                }
            }
        }
    }
}
