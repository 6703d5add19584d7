package org.sipbridge.module;

/** A module parameter a configuration sets with modparam(). */
public interface ParamExport {

    String name();

    ParamType type();

    /** True when setting it calls the module (USE_FUNC_PARAM) instead of storing it. */
    boolean usesFunction();

    /**
     * Sets it. value is a String or an Integer matching {@link #type()} (the caller has
     * checked); a ModuleException if the module refuses it.
     */
    void set(Object value);
}
