package org.sipbridge.script.ast;

/**
 * {@code modparam("module regex", "param", value);}
 *
 * @param module    the first argument; OpenSIPS treats it as a regular expression over
 *                  module names, so the later phase matches it, not the parser
 * @param parameter the parameter name
 * @param value     a string or an integer ({@link Constant.Text} or {@link Constant.Int})
 */
public record ModParam(Constant.Text module, Constant.Text parameter, Constant value, SourceLocation location) {
}
