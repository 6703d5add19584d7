package org.sipbridge.mi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one MI registry of a server: core commands and every module's (C mi_cmds and
 * register_mi_cmd, Java). Every transport (HTTP JSON-RPC, the CLI through HTTP) looks
 * commands up here. Names are unique, as in OpenSIPS: a second registration is refused.
 */
public final class MiRegistry {
    private final ConcurrentHashMap<String, MiCommand> commands = new ConcurrentHashMap<>();

    public void register(MiCommand c) {
        if (commands.putIfAbsent(c.name(), c) != null) {
            throw new IllegalArgumentException("MI command '" + c.name() + "' is already registered (by module "
                    + commands.get(c.name()).module() + ")");
        }
    }

    public Optional<MiCommand> find(String name) {
        return Optional.ofNullable(commands.get(name));
    }

    /** Every command, sorted by name. */
    public List<MiCommand> all() {
        List<MiCommand> l = new ArrayList<>(commands.values());
        l.sort(Comparator.comparing(MiCommand::name));
        return l;
    }
}
