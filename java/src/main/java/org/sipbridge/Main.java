package org.sipbridge;

import org.sipbridge.core.ModuleSystem;
import org.sipbridge.module.Argument;
import org.sipbridge.module.CallSite;
import org.sipbridge.module.Module;
import org.sipbridge.module.RouteType;

import java.nio.file.Path;
import java.util.List;

/**
 * Command-line entry point. Until the SIP server lands this loads the example modules,
 * runs their init and child init, and calls one C function of each on an empty message.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Path mpath = Path.of(args.length > 0 ? args[0] : "target/modules");
        try (ModuleSystem ms = new ModuleSystem()) {
            ms.setMpath(List.of(mpath));
            ms.loadModule("example.so", null);
            ms.loadModule("MyMod.so", null);
            ms.modparam("example", "new_param", "set from the demo");
            ms.initModules();
            ms.childInit(1);
            ms.childInit(ModuleSystem.PROC_MAIN);
            for (Module m : ms.registry().modules()) {
                System.out.printf("module %-8s %-40s %s, functions %s%n", m.name(), m.version(), m.kind(),
                        m.functions().stream().map(f -> f.signature()).toList());
            }
            DemoMessage msg = new DemoMessage();
            CallSite hello = ms.bind(ms.lookup("new_function", 1, RouteType.REQUEST), List.of(Argument.string("hello")));
            CallSite count = ms.bind(ms.lookup("mymod_count", 1, RouteType.REQUEST), List.of(Argument.string("2")));
            System.out.println("new_function(\"hello\") returned " + hello.call(msg));
            System.out.println("mymod_count(\"2\") returned " + count.call(msg));
        }
    }

    /** No message yet: the functions only count and log. */
    private static final class DemoMessage implements org.sipbridge.module.MessageContext {
        @Override
        public long nativeMessage() {
            return 0;
        }

        @Override
        public int routeType() {
            return RouteType.REQUEST;
        }
    }
}
