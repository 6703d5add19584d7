package org.sipbridge.module;

import java.util.List;

/**
 * How a Java module implements a script function: bind() is its fixup (runs once per call
 * site, checks and pre-computes the arguments) and returns the call site that runs per
 * message. Throw a ModuleException to refuse the arguments.
 */
@FunctionalInterface
public interface JavaFunction {
    CallSite bind(List<Argument> args);
}
