/**
 * The routing-script runtime: a parsed configuration ({@link org.sipbridge.script.parse}) is
 * compiled once at start into trees of ready-to-run steps, then run per message.
 *
 * <h2>Start-up ({@link org.sipbridge.script.CompiledScript#compile})</h2>
 * Settings become a {@link org.sipbridge.script.ServerConfig} (relative {@code mpath}
 * entries are resolved against the working directory, as OpenSIPS does). Then, in order:
 * {@code thread_safe_modules} declared, the Java core functions registered (module
 * "core"; a C module exporting the same name is found first), loadmodule and modparam
 * lines in file order (a modparam before its module's loadmodule is refused), the
 * route(x) call graph (an undefined target is refused; a route[x] runs in the union of the
 * route types of the blocks that reach it; unreached ones count as request routes),
 * every block compiled (functions looked up for the block's route types, pseudo-variables
 * and constant patterns resolved), the modules' init, and every call site's fixups. Every
 * refusal is a {@link org.sipbridge.script.parse.ConfigException}
 * {@code file:line:column: problem[, expected ...]}; module errors get the location of the
 * line that caused them prefixed.
 *
 * <h2>Running</h2>
 * Statements are {@link org.sipbridge.script.step.Step}s, expressions
 * {@link org.sipbridge.script.expr.Expr}s, pseudo-variables {@link org.sipbridge.script.pv.Pv}s:
 * no name lookup, reflection or argument building per message. Values are mutable
 * {@link org.sipbridge.script.run.Value}s from a per-worker pool, so evaluating allocates
 * nothing in steady state. OpenSIPS 1.11 rules:
 * <ul>
 * <li>a function returns &gt;0 (true), &lt;0 (false) or 0 (ends the script, like exit);
 *     any statement whose value is 0 ends it (so does {@code return(0)}); $rc/$retcode hold
 *     the last function or route(x) value; a route's value is its return(n), else the value
 *     of its last statement;</li>
 * <li>route(x) is a statement (the parser does not accept it in a condition: test $rc
 *     after it); nesting is bounded at 100 (logged, value -1); while loops at 10000
 *     iterations (logged, the script continues after the loop);</li>
 * <li>drop ends the script and marks the message dropped ({@link org.sipbridge.script.RunResult#DROPPED}):
 *     no forward; in onreply_route the reply is not relayed;</li>
 * <li>comparisons: strings ignore ASCII case (OpenSIPS uses strncasecmp); when one side is
 *     an integer and both read as integers they compare as numbers; NULL equals only NULL;
 *     {@code =~}/{@code !~} search (not anchor) case-insensitively, POSIX classes
 *     translated to java.util.regex, constant patterns compiled at start;</li>
 * <li>{@code +} and the other operators: the left operand decides; int op int (or a
 *     numeric string) is an integer; string + anything appends its string form; any other
 *     mix is logged and gives NULL;</li>
 * <li>{@code $var(x)} is per worker and keeps its value across messages (as per process in
 *     OpenSIPS); {@code $avp(x)} is per message, {@code =} adds a value, {@code :=}
 *     replaces them, NULL deletes them; {@code $hdr(x)} reads the message as received
 *     (headers added by lumps appear after msg_apply_changes()).</li>
 * </ul>
 * C modules' pseudo-variables ({@code pv_parse_spec}, {@code fixup_spve}...) are compiled by
 * the same resolver and evaluated on the worker's state through
 * {@link org.sipbridge.script.pv.NativePvBridge}.
 */
package org.sipbridge.script;
