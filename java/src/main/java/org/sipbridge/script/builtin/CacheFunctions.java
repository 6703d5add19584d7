package org.sipbridge.script.builtin;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import org.sipbridge.cachedb.CachedbNative;
import org.sipbridge.core.SipContext;
import org.sipbridge.module.Argument;
import org.sipbridge.module.CallSite;
import org.sipbridge.module.ModuleException;
import org.sipbridge.script.parse.ConfigException;
import org.sipbridge.script.pv.CompiledFormat;
import org.sipbridge.script.pv.Pv;
import org.sipbridge.script.pv.PvResolver;
import org.sipbridge.script.run.ScriptState;
import org.sipbridge.script.run.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The 1.11 core's cachedb functions, over the core's cachedb_store/fetch/remove/add/sub
 * (native/cachedb): the engine ("local", "redis", "redis:group") is a constant, the key
 * and the value are formats with pseudo-variables, the expiry and the increment a number
 * or a variable; results go to a writable variable. Return values are 1.11's: > 0 on
 * success (an engine's 0 becomes 1), negative on failure (-2: no such key for fetch), so
 * {@code if (!cache_fetch(...))} takes the error path when the engine is down.
 *
 * <pre>
 *   cache_store("redis", "key_$fU", "$ru" [, expires])     cache_fetch("local", "key", $avp(x))
 *   cache_remove("redis", "key")                          cache_counter_fetch("redis", "cnt", $var(n))
 *   cache_add("redis", "cnt", 1|$var(i), expires [, $var(new)])   cache_sub(...)
 *   cache_raw_query("redis", "LRANGE calls_$fU 0 -1" [, "$avp(a) $avp(b)"])
 * </pre>
 * The request goes through a direct buffer per thread (no allocation for keys and values
 * that fit it).
 */
final class CacheFunctions {
    private static final Logger log = LoggerFactory.getLogger("org.sipbridge.cachedb");
    private static final int STORE = 1, FETCH = 2, REMOVE = 3, ADD = 4, SUB = 5, COUNTER_FETCH = 6, RAW_QUERY = 7;
    private static final int INITIAL = 16 * 1024;

    private CacheFunctions() {
    }

    /** The calling thread's request buffer: int out, 4 spare bytes, engine, key, value. */
    private static final class Buf {
        ByteBuffer b;
        long address;

        ByteBuffer ensure(int need) {
            if (b == null || b.capacity() < need) {
                int cap = b == null ? INITIAL : b.capacity();
                while (cap < need) {
                    cap *= 2;
                }
                b = ByteBuffer.allocateDirect(cap).order(ByteOrder.nativeOrder());
                address = Pointer.nativeValue(Native.getDirectBufferPointer(b));
            }
            return b;
        }
    }

    private static final ThreadLocal<Buf> BUFS = ThreadLocal.withInitial(Buf::new);

    /** A constant engine name. */
    private static byte[] engine(String function, Argument a) {
        if (!a.isConstant() || a.text().isEmpty()) {
            throw new ModuleException(function + ": the cachedb engine must be a constant name (\"local\", \"redis:group\"), not <"
                    + a.text() + ">");
        }
        return a.text().getBytes(StandardCharsets.UTF_8);
    }

    /** An integer: a constant, or a variable read at run time. */
    private record IntArg(int constant, Pv pv) {
        int get(ScriptState s, String function) {
            if (pv == null) {
                return constant;
            }
            int mark = s.mark();
            Value v = s.temp();
            pv.get(s, v);
            if (!v.hasInt()) {
                log.error("{}: {} is not an integer [{}]", function, pv.text(), v.isNull() ? "<null>" : v.asString());
            }
            int r = v.parsedInt(0);
            s.release(mark);
            return r;
        }
    }

    private static Pv spec(PvResolver pvs, String function, int position, Argument a, boolean writable) {
        String t = a.text().trim();
        PvResolver.ParsedSpec p;
        try {
            p = pvs.parseSpec(function + " parameter " + position, t);
        } catch (ConfigException e) {
            throw new ModuleException(function + ": parameter " + position + ": " + e.problem());
        }
        if (p.end() != t.length()) {
            throw new ModuleException(function + ": parameter " + position + " must be one variable, not <" + a.text() + ">");
        }
        if (writable && !p.pv().writable()) {
            throw new ModuleException(function + ": parameter " + position + ": " + p.pv().text() + " is read-only");
        }
        return p.pv();
    }

    private static IntArg intArg(PvResolver pvs, String function, int position, Argument a) {
        if (a.isIntegerLiteral() || a.isConstant()) {
            return new IntArg(a.intValue(function, position), null);
        }
        return new IntArg(0, spec(pvs, function, position, a, false));
    }

    static CallSite store(PvResolver pvs, List<Argument> args) {
        byte[] engine = engine("cache_store", args.get(0));
        CompiledFormat key = Args.format(pvs, "cache_store", 2, args.get(1));
        CompiledFormat value = Args.format(pvs, "cache_store", 3, args.get(2));
        IntArg expires = args.size() > 3 ? intArg(pvs, "cache_store", 4, args.get(3)) : new IntArg(0, null);
        return ctx -> {
            if (!(ctx instanceof SipContext sc)) {
                return -1;
            }
            ScriptState s = ScriptState.of(sc);
            int mark = s.mark();
            try {
                Value k = s.temp(), v = s.temp();
                key.eval(s, k);
                value.eval(s, v);
                if (k.length() == 0 || v.length() == 0) {
                    log.warn("cache_store: empty key or value ({} / {})", key.text(), value.text());
                    return -1;
                }
                return call(STORE, engine, k, v, 0, expires.get(s, "cache_store"), null, s);
            } finally {
                s.release(mark);
            }
        };
    }

    static CallSite remove(PvResolver pvs, List<Argument> args) {
        byte[] engine = engine("cache_remove", args.get(0));
        CompiledFormat key = Args.format(pvs, "cache_remove", 2, args.get(1));
        return ctx -> keyed("cache_remove", REMOVE, engine, key, null, 0, null, ctx);
    }

    static CallSite fetch(PvResolver pvs, List<Argument> args) {
        byte[] engine = engine("cache_fetch", args.get(0));
        CompiledFormat key = Args.format(pvs, "cache_fetch", 2, args.get(1));
        Pv out = spec(pvs, "cache_fetch", 3, args.get(2), true);
        return ctx -> keyed("cache_fetch", FETCH, engine, key, null, 0, out, ctx);
    }

    static CallSite counterFetch(PvResolver pvs, List<Argument> args) {
        byte[] engine = engine("cache_counter_fetch", args.get(0));
        CompiledFormat key = Args.format(pvs, "cache_counter_fetch", 2, args.get(1));
        Pv out = spec(pvs, "cache_counter_fetch", 3, args.get(2), true);
        return ctx -> keyed("cache_counter_fetch", COUNTER_FETCH, engine, key, null, 0, out, ctx);
    }

    /**
     * cache_raw_query(engine, query [, "avp list"]): the query (a format) as the engine's raw
     * query. With AVPs (names separated by blanks, ',' or ';'), the engine is asked for as
     * many values per row as there are AVPs and, as 1.11's core does, each row's first value
     * is added to the first AVP, from the last row to the first (so its newest value is the
     * first row's). Returns the engine's answer: 1, -2 (nil), -1 (error).
     */
    static CallSite rawQuery(PvResolver pvs, List<Argument> args) {
        byte[] engine = engine("cache_raw_query", args.get(0));
        CompiledFormat query = Args.format(pvs, "cache_raw_query", 2, args.get(1));
        Pv first = null;
        int wanted = 0;
        if (args.size() > 2) {
            for (String name : args.get(2).text().trim().split("[\\s,;]+")) {
                if (name.isEmpty()) {
                    continue;
                }
                Pv p = spec(pvs, "cache_raw_query", 3, Argument.string(name), true);
                if (!name.startsWith("$avp(")) {
                    throw new ModuleException("cache_raw_query: parameter 3 names AVPs only, not <" + name + ">");
                }
                if (first == null) {
                    first = p;
                }
                wanted++;
            }
        }
        Pv out = first;
        int n = wanted;
        return ctx -> {
            if (!(ctx instanceof SipContext sc)) {
                return -1;
            }
            ScriptState s = ScriptState.of(sc);
            int mark = s.mark();
            try {
                Value q = s.temp();
                query.eval(s, q);
                if (q.length() == 0) {
                    log.warn("cache_raw_query: empty query ({})", query.text());
                    return -1;
                }
                return raw(engine, q, n, out, s);
            } finally {
                s.release(mark);
            }
        };
    }

    private static int raw(byte[] engine, Value query, int n, Pv out, ScriptState s) {
        Buf buf = BUFS.get();
        ByteBuffer b = buf.ensure(8 + engine.length + query.length());
        b.clear();
        b.position(8);
        b.put(engine);
        b.put(query.bytes(), query.offset(), query.length());
        int r = CachedbNative.get().sb_cachedb_script(RAW_QUERY, buf.address, b.capacity(), engine.length,
                query.length(), -1, n, 0);
        if (r < 0 || out == null) {
            return r;
        }
        int len = b.getInt(0);
        int at = 8;
        if (len > b.capacity() - 8) {
            b = buf.ensure(len);
            if (CachedbNative.get().sb_cachedb_script_take(buf.address, b.capacity()) != len) {
                return -1;
            }
            at = 0;
        }
        int rows = b.getInt(at);
        int[] starts = new int[rows];
        int p = at + 4;
        for (int i = 0; i < rows; i++) {
            starts[i] = p;
            p += 8 + (b.getInt(p) == 1 ? b.getInt(p + 4) : 0);
        }
        Value v = s.temp();
        for (int i = rows - 1; i >= 0; i--) {   // 1.11: last row first
            int type = b.getInt(starts[i]), x = b.getInt(starts[i] + 4);
            if (type == 1) {
                v.copyOf(b, starts[i] + 8, x);
            } else {
                v.setInt(x);
            }
            if (!out.set(s, Pv.ASSIGN, v)) {
                log.error("cache_raw_query: cannot add a value to {}", out.text());
                return -1;
            }
        }
        return r;
    }

    /** cache_add / cache_sub: (engine, key, by, expires [, new value]). */
    static CallSite counter(PvResolver pvs, List<Argument> args, boolean add) {
        String fn = add ? "cache_add" : "cache_sub";
        byte[] engine = engine(fn, args.get(0));
        CompiledFormat key = Args.format(pvs, fn, 2, args.get(1));
        IntArg by = intArg(pvs, fn, 3, args.get(2));
        int expires = args.get(3).intValue(fn, 4);
        Pv out = args.size() > 4 ? spec(pvs, fn, 5, args.get(4), true) : null;
        int op = add ? ADD : SUB;
        return ctx -> keyed(fn, op, engine, key, by, expires, out, ctx);
    }

    /** A call that takes a key and no value: the key evaluated (an empty one is refused), by read when given. */
    private static int keyed(String fn, int op, byte[] engine, CompiledFormat key, IntArg by, int expires, Pv out,
                             org.sipbridge.module.MessageContext ctx) {
        if (!(ctx instanceof SipContext sc)) {
            return -1;
        }
        ScriptState s = ScriptState.of(sc);
        int mark = s.mark();
        try {
            Value k = s.temp();
            key.eval(s, k);
            if (k.length() == 0) {
                log.warn("{}: empty key ({})", fn, key.text());
                return -1;
            }
            return call(op, engine, k, null, by == null ? 0 : by.get(s, fn), expires, out, s);
        } finally {
            s.release(mark);
        }
    }

    /** One call into the core; the result (value or counter) assigned to out when it succeeded. */
    private static int call(int op, byte[] engine, Value key, Value value, int n, int expires, Pv out, ScriptState s) {
        int vlen = value == null ? 0 : value.length();
        Buf buf = BUFS.get();
        ByteBuffer b = buf.ensure(8 + engine.length + key.length() + vlen);
        b.clear();
        b.position(8);
        b.put(engine);
        b.put(key.bytes(), key.offset(), key.length());
        if (value != null) {
            b.put(value.bytes(), value.offset(), vlen);
        }
        int r = CachedbNative.get().sb_cachedb_script(op, buf.address, b.capacity(), engine.length, key.length(),
                value == null ? -1 : vlen, n, expires);
        if (r <= 0 || out == null) {
            return r;
        }
        int o = b.getInt(0);
        Value res = s.temp();
        if (op == FETCH) {
            if (o > b.capacity() - 8) {
                b = buf.ensure(o);
                if (CachedbNative.get().sb_cachedb_script_take(buf.address, b.capacity()) != o) {
                    return -1;
                }
                res.copyOf(b, 0, o);
            } else {
                res.copyOf(b, 8, o);
            }
        } else {
            res.setInt(o);
        }
        if (!out.set(s, Pv.ASSIGN, res)) {
            log.error("cannot set {} to the cached value", out.text());
            return -1;
        }
        return r;
    }
}
