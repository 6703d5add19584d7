package org.sipbridge.mi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An MI reply as OpenSIPS 1.11's C transports (mi_fifo, mi_datagram) print it: nodes with an
 * optional name and value, attributes and kids. JSON-RPC answers with JSON; a core or Java
 * command answering a C transport answers with this tree, made from its JSON by
 * {@link JsonMiTree} unless the command gives 1.11's own shape ({@link MiCommand#tree}).
 * Built and read on one thread (the MI caller's).
 */
public final class MiTree {
    /** One attribute of a node (1.11's {@code struct mi_attr}); name and value may be null. */
    public record Attribute(String name, String value) {
    }

    private final String name;
    private final String value;
    private final List<Attribute> attributes = new ArrayList<>(0);
    private final List<MiTree> kids = new ArrayList<>(0);

    private MiTree(String name, String value) {
        this.name = name;
        this.value = value;
    }

    /** The root: its kids are the reply's top-level nodes; a root without kids is a bare "200 OK". */
    public static MiTree root() {
        return new MiTree(null, null);
    }

    /** Appends a kid (name and value may be null) and returns it. */
    public MiTree kid(String name, String value) {
        MiTree k = new MiTree(name, value);
        kids.add(k);
        return k;
    }

    /** Appends an attribute and returns this node. */
    public MiTree attribute(String name, String value) {
        attributes.add(new Attribute(name, value));
        return this;
    }

    public String name() {
        return name;
    }

    public String value() {
        return value;
    }

    public List<Attribute> attributes() {
        return Collections.unmodifiableList(attributes);
    }

    public List<MiTree> kids() {
        return Collections.unmodifiableList(kids);
    }

    /**
     * The tree as mi_fifo prints it with a tab indent: a line per node, {@code name:: value}
     * (an unnamed node just its value), then {@code  name=value} per attribute.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (MiTree k : kids) {
            k.print(sb, 0);
        }
        return sb.toString();
    }

    private void print(StringBuilder sb, int depth) {
        sb.append("\t".repeat(depth));
        if (name != null) {
            sb.append(name).append(":: ");
        }
        if (value != null) {
            sb.append(value);
        }
        for (Attribute a : attributes) {
            if (a.name() != null) {
                sb.append(' ').append(a.name()).append('=');
            }
            if (a.value() != null) {
                sb.append(a.value());
            }
        }
        sb.append('\n');
        for (MiTree k : kids) {
            k.print(sb, depth + 1);
        }
    }
}
