package org.sipbridge.script.pv;

import org.sipbridge.script.pv.tr.Transform;
import org.sipbridge.script.run.ScriptState;
import org.sipbridge.script.run.Value;

/**
 * {@code $(pv{t1}{t2}...)}: the pseudo-variable's value through its transformations, in
 * order. Read-only, as in OpenSIPS. A NULL value, or a transformation that does not apply,
 * reads as NULL.
 */
final class TransformedPv extends Pv {
    private final Pv base;
    private final Transform[] chain;

    TransformedPv(String text, Pv base, Transform[] chain) {
        super(text);
        this.base = base;
        this.chain = chain;
    }

    @Override
    public void get(ScriptState s, Value out) {
        base.get(s, out);
        for (Transform t : chain) {
            if (out.isNull()) {
                return;
            }
            if (!t.apply(s, out)) {
                out.setNull();
                return;
            }
        }
    }
}
