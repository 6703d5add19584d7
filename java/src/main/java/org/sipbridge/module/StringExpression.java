package org.sipbridge.module;

/** A string computed per message (a format with pseudo-variables), compiled once. */
@FunctionalInterface
public interface StringExpression {
    String evaluate(MessageContext ctx);
}
