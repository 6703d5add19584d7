/**
 * The routing script as a tree of immutable records, as written and fully located; nothing
 * in it is resolved yet. {@link org.sipbridge.script.ast.Script} holds the
 * {@link org.sipbridge.script.ast.GlobalSetting}s, {@link org.sipbridge.script.ast.LoadModule}s,
 * {@link org.sipbridge.script.ast.ModParam}s and {@link org.sipbridge.script.ast.RouteBlock}s;
 * blocks hold {@link org.sipbridge.script.ast.Statement}s, which hold
 * {@link org.sipbridge.script.ast.Expression}s. Optional parts are {@code Optional}s, never null.
 *
 * <p>What the next phase does with it: find each {@link org.sipbridge.script.ast.FunctionCall}
 * among the Java core functions and the loaded modules' exports (with the
 * {@link org.sipbridge.script.ast.BlockKind#routeType()} of the blocks it can run in, where a
 * {@code route[x]} inherits its callers' types through {@link org.sipbridge.script.ast.RouteCall}s,
 * see {@link org.sipbridge.script.ast.AstWalk}), resolve each
 * {@link org.sipbridge.script.ast.PseudoVariable} by name (refusing unknown or, as assignment
 * targets, read-only ones) and report problems with the recorded locations.
 */
package org.sipbridge.script.ast;
