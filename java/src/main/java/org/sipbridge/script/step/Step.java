package org.sipbridge.script.step;

import org.sipbridge.script.run.ScriptState;

/**
 * One statement, resolved at start into a ready-to-run object. run() returns the statement's
 * value as OpenSIPS's do_action: function results, 1 for plain statements, 0 for exit and
 * drop; a 0 from any statement ends the script.
 */
public abstract class Step {
    public abstract int run(ScriptState s);
}
