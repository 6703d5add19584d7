package org.sipbridge.examples.hello;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.sipbridge.module.Argument;
import org.sipbridge.module.JavaModule;
import org.sipbridge.module.JavaModuleProvider;
import org.sipbridge.module.ModuleException;
import org.sipbridge.module.RouteType;
import org.sipbridge.module.Statistic;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * An example Java module, loaded by a configuration with {@code loadmodule "hello.jar"}
 * (found on mpath like a C module) and used between C functions:
 * <ul>
 * <li>{@code hello_seen("$rm")}: counts the value of its argument (pseudo-variables are
 *     evaluated per message), returns 1; the statistic {@code hello:hello_seen} counts calls;</li>
 * <li>modparam {@code greeting} (a string);</li>
 * <li>MI command {@code hello_show}: the greeting and the counts.</li>
 * </ul>
 * Java modules are thread-safe: several workers call hello_seen at once.
 */
public final class HelloModule extends JavaModule {
    private final AtomicReference<String> greeting = stringParam("greeting", "hello");
    private final Statistic seen = statistic("hello_seen", 0);
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    public HelloModule() {
        super("hello", "hello 1.0 (sipbridge example)");
        function("hello_seen", 1, RouteType.REQUEST | RouteType.FAILURE, args -> {
            Argument what = args.get(0);
            if (what.text().isEmpty()) {
                throw new ModuleException("hello_seen: the argument must not be empty");
            }
            return ctx -> {
                seen.increment();
                counts.computeIfAbsent(what.value(ctx), k -> new LongAdder()).increment();
                return 1;
            };
        });
        miCommand("hello_show", "the greeting and what hello_seen counted", p -> {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("greeting", greeting.get());
            ObjectNode c = o.putObject("seen");
            counts.forEach((k, v) -> c.put(k, v.sum()));
            return o;
        });
    }

    /** What META-INF/services/org.sipbridge.module.JavaModuleProvider names. */
    public static final class Provider implements JavaModuleProvider {
        @Override
        public String name() {
            return "hello";
        }

        @Override
        public JavaModule create() {
            return new HelloModule();
        }
    }
}
