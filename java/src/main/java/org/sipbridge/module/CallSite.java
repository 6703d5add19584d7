package org.sipbridge.module;

/**
 * One prepared use of a function in a script: its parameters are fixed up once at start,
 * and {@link #call} runs it on a message. Returns > 0 for true, < 0 for false and 0 to
 * stop the script (OpenSIPS rules). {@link #close} releases what the fixups made.
 */
@FunctionalInterface
public interface CallSite extends AutoCloseable {

    int call(MessageContext ctx);

    @Override
    default void close() {
    }
}
