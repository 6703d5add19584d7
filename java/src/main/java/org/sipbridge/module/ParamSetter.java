package org.sipbridge.module;

/** Receives a modparam value (USE_FUNC_PARAM style); throw ModuleException to refuse it. */
@FunctionalInterface
public interface ParamSetter {
    void set(Object value);
}
