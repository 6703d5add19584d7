package org.sipbridge.script.ast;

import java.util.List;
import java.util.Optional;

/**
 * A parsed configuration file. Each list keeps source order; locations tell how items of
 * different lists interleave (a modparam applies to modules loaded before it).
 */
public record Script(
        String file,
        List<GlobalSetting> globals,
        List<LoadModule> modules,
        List<ModParam> modParams,
        List<RouteBlock> blocks) {

    public Script {
        globals = List.copyOf(globals);
        modules = List.copyOf(modules);
        modParams = List.copyOf(modParams);
        blocks = List.copyOf(blocks);
    }

    /** Every {@code listen=} line, in order. */
    public List<ListenSetting> listens() {
        return globals.stream()
                .filter(ListenSetting.class::isInstance)
                .map(ListenSetting.class::cast)
                .toList();
    }

    /** The block of this kind and name; use an empty name for unnamed blocks such as {@code route{}}. */
    public Optional<RouteBlock> block(BlockKind kind, Optional<String> name) {
        return blocks.stream()
                .filter(b -> b.kind() == kind && b.name().equals(name))
                .findFirst();
    }

    /** The main request route, {@code route{}}. */
    public Optional<RouteBlock> mainRoute() {
        return block(BlockKind.REQUEST, Optional.empty());
    }

    /** The named request sub-route {@code route[name]}. */
    public Optional<RouteBlock> subRoute(String name) {
        return block(BlockKind.SUBROUTE, Optional.of(name));
    }

    public List<RouteBlock> blocks(BlockKind kind) {
        return blocks.stream().filter(b -> b.kind() == kind).toList();
    }
}
