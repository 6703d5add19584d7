package org.sipbridge.mi;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code params} of a JSON-RPC call: absent, an array (positional) or an object (named,
 * as OpenSIPS 3.x sends them). Core commands look a parameter up by name and fall back to
 * its position, so both shapes work; unknown names are refused.
 */
public final class MiParams {
    private final JsonNode raw;

    public MiParams(JsonNode raw) {
        if (raw != null && !raw.isNull() && !raw.isArray() && !raw.isObject()) {
            throw MiException.badParams("params must be an array or an object");
        }
        this.raw = raw == null || raw.isNull() ? null : raw;
    }

    public static MiParams none() {
        return new MiParams(null);
    }

    public JsonNode raw() {
        return raw;
    }

    public boolean isEmpty() {
        return raw == null || raw.isEmpty();
    }

    /** The parameter called name, or the one at position pos of an array. */
    public Optional<JsonNode> get(String name, int pos) {
        if (raw == null) {
            return Optional.empty();
        }
        JsonNode v = raw.isObject() ? raw.get(name) : raw.get(pos);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
    }

    /** A scalar parameter as text. */
    public Optional<String> text(String name, int pos) {
        return get(name, pos).map(v -> {
            if (!v.isValueNode()) {
                throw MiException.badParams("'" + name + "' must be a string or a number");
            }
            return v.asText();
        });
    }

    /** An integer parameter (a number or a numeric string). */
    public Optional<Integer> integer(String name, int pos) {
        return get(name, pos).map(v -> {
            if (v.isInt()) {
                return v.intValue();
            }
            if (v.isTextual()) {
                try {
                    return Integer.parseInt(v.asText().trim());
                } catch (NumberFormatException e) {
                    // fall through
                }
            }
            throw MiException.badParams("'" + name + "' must be an integer");
        });
    }

    /** A list parameter: an array of scalars, or one scalar. */
    public List<String> list(String name, int pos) {
        List<String> out = new ArrayList<>();
        get(name, pos).ifPresent(v -> {
            if (v.isArray()) {
                for (JsonNode e : v) {
                    if (!e.isValueNode()) {
                        throw MiException.badParams("'" + name + "' must be a list of strings");
                    }
                    out.add(e.asText());
                }
            } else if (v.isValueNode()) {
                out.add(v.asText());
            } else {
                throw MiException.badParams("'" + name + "' must be a list of strings");
            }
        });
        return out;
    }

    /** Refuses names outside allowed and more positional values than allowed has. */
    public void only(Set<String> allowed, int maxPositional) {
        if (raw == null) {
            return;
        }
        if (raw.isArray() && raw.size() > maxPositional) {
            throw MiException.badParams("at most " + maxPositional + " parameter(s), " + raw.size() + " given");
        }
        if (raw.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = raw.fields(); it.hasNext(); ) {
                String k = it.next().getKey();
                if (!allowed.contains(k)) {
                    throw MiException.badParams("unknown parameter '" + k + "'"
                            + (allowed.isEmpty() ? " (the command takes none)" : ", expected " + allowed));
                }
            }
        }
    }
}
