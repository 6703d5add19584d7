package org.sipbridge.script.pv;

import org.sipbridge.script.ast.Format;
import org.sipbridge.script.ast.FormatPart;
import org.sipbridge.script.ast.LiteralText;
import org.sipbridge.script.ast.PseudoVariable;
import org.sipbridge.script.ast.PvIndex;
import org.sipbridge.script.parse.ConfigException;
import org.sipbridge.script.parse.PvText;
import org.sipbridge.script.run.FlagNames;
import org.sipbridge.script.run.ScriptState;
import org.sipbridge.sip.HeaderType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns pseudo-variables into {@link Pv}s, once, at start: from the configuration (with its
 * locations) and from text modules hand over at run time (pv_parse_spec / pv_parse_format,
 * Java functions' arguments). Gives every $var and $avp name its slot, shared by the whole
 * script, so two spellings of $var(x) are one variable.
 */
public final class PvResolver {

    private interface Factory {
        Pv create(PseudoVariable ast, PvResolver r);
    }

    /** name -> factory, and whether the name takes "(inner)" and an index. */
    private record Entry(Factory factory, boolean named, boolean indexed, boolean writable) {
    }

    private static final Map<String, Entry> TABLE = new TreeMap<>();

    /** The long spellings: names of the table, left out of the lists messages show. */
    private static final java.util.Set<String> ALIASES = new java.util.HashSet<>();

    private static void simple(String name, Pv.Reader reader) {
        TABLE.put(name, new Entry((ast, r) -> Pv.reader(ast.text(), reader), false, false, false));
    }

    private static void simple(String name, Factory f, boolean writable) {
        TABLE.put(name, new Entry(f, false, false, writable));
    }

    static {
        simple("rm", MessagePvs::method);
        simple("rs", MessagePvs::status);
        simple("rr", MessagePvs::reason);
        simple("ci", MessagePvs.header(HeaderType.CALL_ID));
        simple("cs", MessagePvs::cseqNumber);
        simple("ua", MessagePvs.header(HeaderType.USER_AGENT));
        simple("ct", MessagePvs.header(HeaderType.CONTACT));
        simple("cl", MessagePvs::contentLength);
        simple("mb", MessagePvs::buffer);
        simple("ml", MessagePvs::length);
        simple("rb", MessagePvs::body);
        simple("mi", MessagePvs::messageId);
        simple("fn", MessagePvs::fromName);
        // the credentials of [Proxy-]Authorization (1.11's $au family)
        simple("au", AuthPvs.reader(AuthPvs.Part.USER));
        simple("ad", AuthPvs.reader(AuthPvs.Part.DOMAIN));
        simple("aU", AuthPvs.reader(AuthPvs.Part.WHOLE_USER));
        simple("ar", AuthPvs.reader(AuthPvs.Part.REALM));
        simple("adu", AuthPvs.reader(AuthPvs.Part.URI));
        simple("an", AuthPvs.reader(AuthPvs.Part.NONCE));

        simple("ru", (ast, r) -> new UriPvs.RequestUri(ast.text(), UriParts.Part.WHOLE), true);
        simple("rU", (ast, r) -> new UriPvs.RequestUri(ast.text(), UriParts.Part.USER), true);
        simple("rd", (ast, r) -> new UriPvs.RequestUri(ast.text(), UriParts.Part.HOST), true);
        simple("rp", (ast, r) -> new UriPvs.RequestUri(ast.text(), UriParts.Part.PORT), true);
        simple("ou", (ast, r) -> UriPvs.original(ast.text(), UriParts.Part.WHOLE), false);
        simple("oU", (ast, r) -> UriPvs.original(ast.text(), UriParts.Part.USER), false);
        simple("od", (ast, r) -> UriPvs.original(ast.text(), UriParts.Part.HOST), false);
        simple("op", (ast, r) -> UriPvs.original(ast.text(), UriParts.Part.PORT), false);
        simple("du", (ast, r) -> new UriPvs.DestinationUri(ast.text()), true);

        simple("fu", (ast, r) -> AddressPvs.uriPart(ast.text(), ScriptState::fromUri, UriParts.Part.WHOLE), false);
        simple("fU", (ast, r) -> AddressPvs.uriPart(ast.text(), ScriptState::fromUri, UriParts.Part.USER), false);
        simple("fd", (ast, r) -> AddressPvs.uriPart(ast.text(), ScriptState::fromUri, UriParts.Part.HOST), false);
        simple("ft", (ast, r) -> AddressPvs.tag(ast.text(), ScriptState::from), false);
        simple("tu", (ast, r) -> AddressPvs.uriPart(ast.text(), ScriptState::toUri, UriParts.Part.WHOLE), false);
        simple("tU", (ast, r) -> AddressPvs.uriPart(ast.text(), ScriptState::toUri, UriParts.Part.USER), false);
        simple("td", (ast, r) -> AddressPvs.uriPart(ast.text(), ScriptState::toUri, UriParts.Part.HOST), false);
        simple("tt", (ast, r) -> AddressPvs.tag(ast.text(), ScriptState::to), false);

        simple("si", NetworkPvs::sourceIp);
        simple("sp", NetworkPvs::sourcePort);
        simple("Ri", NetworkPvs::localIp);
        simple("Rp", NetworkPvs::localPort);
        simple("pr", NetworkPvs::proto);

        simple("rc", ScriptPvs::returnCode);
        simple("retcode", ScriptPvs::returnCode);
        simple("Ts", ScriptPvs::timeSeconds);
        simple("pp", ScriptPvs::pid);
        // flags as 1.11 prints them: the names of the set bits, newest name first
        simple("mf", (s, out) -> FlagNames.print(FlagNames.MSG, s.ctx.flags(), out));
        simple("bf", (s, out) -> FlagNames.print(FlagNames.BRANCH, s.branchFlags, out));
        simple("sf", (s, out) -> FlagNames.print(FlagNames.SCRIPT, FlagNames.scriptFlags(), out));
        simple("T_reply_code", TransactionPvs::replyCode);
        simple("T_branch_idx", TransactionPvs::branchIndex);
        simple("T_ruri", TransactionPvs::branchUri);

        // 1.11's long spellings (pvar.c): the same variables as the short ones
        alias("ruri", "ru");
        alias("ruri.user", "rU");
        alias("ruri.domain", "rd");
        alias("from", "fu");
        alias("from.user", "fU");
        alias("from.domain", "fd");
        alias("to", "tu");
        alias("to.user", "tU");
        alias("to.domain", "td");
        alias("ouri", "ou");
        alias("duri", "du");
        alias("proto", "pr");
        alias("src_ip", "si");

        TABLE.put("hdr", new Entry((ast, r) -> new HeaderPv(ast.text(), ast.inner().orElseThrow(), index(ast, 0)),
                true, true, false));
        TABLE.put("var", new Entry((ast, r) -> new ScriptPvs.Var(ast.text(), r.slot(r.varSlots, ast.inner().orElseThrow())),
                true, false, true));
        TABLE.put("avp", new Entry((ast, r) -> new ScriptPvs.Avp(ast.text(), r.slot(r.avpSlots, avpName(ast)),
                index(ast, 0)), true, true, true));
    }

    private static void alias(String longName, String shortName) {
        TABLE.put(longName, TABLE.get(shortName));
        ALIASES.add(longName);
    }

    private static final org.slf4j.Logger CONFIG_LOG = org.slf4j.LoggerFactory.getLogger("org.sipbridge.config");

    /**
     * An AVP's name as 1.11 keeps it: the whole text, so {@code $avp(i:1)} and
     * {@code $avp(s:x)} are the AVPs named "i:1" and "s:x" (1.11 warns that the i:/s: form
     * is deprecated, and so does sipbridge).
     */
    private static String avpName(PseudoVariable ast) {
        String name = ast.inner().orElseThrow();
        if (name.length() > 2 && name.charAt(1) == ':' && (name.charAt(0) == 'i' || name.charAt(0) == 's')) {
            CONFIG_LOG.warn("{}: deprecated AVP name format \"{}\" - use \"{}\" instead (it names another AVP)",
                    ast.location(), name, name.substring(2));
        }
        return name;
    }

    private volatile ModulePvs modulePvs;

    /** Names the Java transaction layer serves, which a C tm's items replace when it exports them. */
    private static final java.util.Set<String> TM_NAMES = java.util.Set.of("T_reply_code", "T_branch_idx", "T_ruri");

    /** The loaded modules' exported pseudo-variables become names of this resolver. */
    public void useModulePvs(ModulePvs m) {
        modulePvs = m;
    }

    private final Map<String, Integer> varSlots = new ConcurrentHashMap<>();
    private final Map<String, Integer> avpSlots = new ConcurrentHashMap<>();

    /** The names a script can use, for messages: "$ci, $cl, ... $var(name)". */
    public static String knownNames() {
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, Entry> e : TABLE.entrySet()) {
            if (!ALIASES.contains(e.getKey())) {
                names.add("$" + e.getKey() + (e.getValue().named() ? "(name)" : ""));
            }
        }
        return String.join(", ", names);
    }

    /** The writable names, for messages. */
    public static String writableNames() {
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, Entry> e : TABLE.entrySet()) {
            if (e.getValue().writable() && !ALIASES.contains(e.getKey())) {
                names.add("$" + e.getKey() + (e.getValue().named() ? "(name)" : ""));
            }
        }
        return String.join(", ", names);
    }

    /** The pseudo-variable for ast, or a ConfigException at its location. */
    public Pv resolve(PseudoVariable ast) {
        if (ast.context().isPresent()) {
            return new ContextPv(ast.text(), ast.context().get(), resolve(ast.withoutContext()));
        }
        Entry e = TABLE.get(ast.name());
        if (e != null && TM_NAMES.contains(ast.name()) && modulePvs != null) {
            // tm's own names: the real tm's items when it is loaded (the Java ones read the Java tm)
            Pv m = modulePvs.resolve(ast);
            if (m != null) {
                return m;
            }
        }
        if (e == null && modulePvs != null) {
            Pv m = modulePvs.resolve(ast);   // module_exports.items of the loaded C modules
            if (m != null) {
                return m;
            }
        }
        if (e == null && ast.name().equals("fl")) {
            throw new ConfigException(ast.location(), "unknown pseudo-variable '" + ast.text()
                    + "' (OpenSIPS 1.11 has no $fl)", "$mf for the message flags, $bf for the branch flags, $sf for the script flags");
        }
        if (e == null) {
            throw new ConfigException(ast.location(), "unknown pseudo-variable '" + ast.text() + "'",
                    "one of " + knownNames());
        }
        String shown = "$" + ast.name();
        if (e.named() && ast.inner().isEmpty()) {
            throw new ConfigException(ast.location(), "pseudo-variable '" + ast.text() + "' needs a name",
                    shown + "(name)");
        }
        if (!e.named() && ast.inner().isPresent()) {
            throw new ConfigException(ast.location(), "pseudo-variable '" + shown + "' takes no name", shown);
        }
        if (ast.innerVariable().isPresent()) {
            throw new ConfigException(ast.location(), "names computed at run time are not supported in '"
                    + ast.text() + "'", "a constant name");
        }
        if (ast.index().isPresent()) {
            if (!e.indexed()) {
                throw new ConfigException(ast.index().get().location(), "pseudo-variable '" + shown
                        + "' takes no index", "'" + shown + (e.named() ? "(" + ast.inner().get() + ")" : "") + "'");
            }
            if (ast.index().get() instanceof PvIndex.Variable) {
                throw new ConfigException(ast.index().get().location(), "indexes computed at run time are not supported",
                        "an integer or '*'");
            }
        }
        Pv pv = e.factory().create(ast, this);
        if (!ast.transformations().isEmpty()) {
            pv = new TransformedPv(ast.text(), pv, org.sipbridge.script.pv.tr.Transforms.compile(ast.transformations(), this::resolve));
        }
        return pv;
    }

    /** A pseudo-variable that must be assignable (the left side of '='). */
    public Pv resolveWritable(PseudoVariable ast) {
        Pv pv = resolve(ast);
        if (!pv.writable()) {
            throw new ConfigException(ast.location(), "pseudo-variable '" + ast.text() + "' is read-only",
                    "one of " + writableNames());
        }
        return pv;
    }

    /** A string with pseudo-variables, from the configuration. */
    public CompiledFormat format(String text, Format format) {
        List<Object> parts = new ArrayList<>();
        for (FormatPart p : format.parts()) {
            if (p instanceof LiteralText t) {
                parts.add(t.text());
            } else {
                parts.add(resolve((PseudoVariable) p));
            }
        }
        return new CompiledFormat(text, parts);
    }

    /** A format from run-time text (pv_parse_format, a Java function's argument). */
    public CompiledFormat parseFormat(String origin, String text) {
        return format(text, PvText.format(origin, text));
    }

    /** The pseudo-variable at the start of text and where it ends (pv_parse_spec). */
    public record ParsedSpec(Pv pv, int end) {
    }

    public ParsedSpec parseSpec(String origin, String text) {
        PvText.Spec spec = PvText.spec(origin, text);
        return new ParsedSpec(resolve(spec.variable()), spec.end());
    }

    /** How many $var names the script uses (for sizing). */
    public int variableCount() {
        return varSlots.size();
    }

    /** The $avp slot of name (created when new): the AVP id C modules use (usr_avp.h). */
    public int avpSlot(String name) {
        return slot(avpSlots, name);
    }

    /** The name of an $avp slot, or null. */
    public String avpName(int slot) {
        for (Map.Entry<String, Integer> e : avpSlots.entrySet()) {
            if (e.getValue() == slot) {
                return e.getKey();
            }
        }
        return null;
    }

    private int slot(Map<String, Integer> slots, String name) {
        synchronized (slots) {
            return slots.computeIfAbsent(name, n -> slots.size());
        }
    }

    private static int index(PseudoVariable ast, int dflt) {
        if (ast.index().isEmpty()) {
            return dflt;
        }
        PvIndex i = ast.index().get();
        if (i instanceof PvIndex.All) {
            return HeaderPv.ALL;
        }
        return ((PvIndex.Position) i).value();
    }
}
