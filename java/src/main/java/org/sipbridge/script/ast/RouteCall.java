package org.sipbridge.script.ast;

/**
 * {@code route(name);}: runs {@code route[name]}. The parser does not check that the
 * block exists; numeric names are normalised like block names ({@code route(01)} is "1").
 */
public record RouteCall(String target, SourceLocation location) implements Statement {
}
