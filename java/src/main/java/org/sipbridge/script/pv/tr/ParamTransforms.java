package org.sipbridge.script.pv.tr;

import org.sipbridge.script.run.ScriptState;
import org.sipbridge.script.run.TransformScratch;
import org.sipbridge.script.run.Value;

import java.nio.ByteBuffer;

/**
 * The {@code {param.*}} family over a {@code name=value;name...} list: value and exist by
 * name (case ignored), valueat and name by position (negative from the end), count.
 */
final class ParamTransforms extends Transform {
    private enum Op { VALUE, EXIST, VALUEAT, NAME, COUNT }

    private final Op op;
    private final TrArg arg;

    private ParamTransforms(String text, Op op, TrArg arg) {
        super(text);
        this.op = op;
        this.arg = arg;
    }

    static Transform create(String name, String text, TrArg[] args) {
        return switch (name) {
            case "value" -> new ParamTransforms(text, Op.VALUE, args[0]);
            case "exist" -> new ParamTransforms(text, Op.EXIST, args[0]);
            case "valueat" -> new ParamTransforms(text, Op.VALUEAT, args[0]);
            case "name" -> new ParamTransforms(text, Op.NAME, args[0]);
            case "count" -> new ParamTransforms(text, Op.COUNT, null);
            default -> throw new IllegalArgumentException("unknown param." + name);
        };
    }

    @Override
    public boolean apply(ScriptState s, Value v) {
        int n = v.length();
        if (n == 0) {
            return false;
        }
        TransformScratch x = s.transformScratch();
        ByteBuffer buf = x.load(v);
        ParamScan scan = x.params;
        if (op == Op.COUNT) {
            v.setInt(scan.count(buf, 0, n));
            return true;
        }
        int mark = s.mark();
        Value a = s.temp();
        boolean numeric = op == Op.VALUEAT || op == Op.NAME;
        if (!arg.get(s, a, numeric)) {
            s.release(mark);
            return false;
        }
        boolean found;
        if (numeric) {
            int i = a.intValue();
            if (i < 0) {
                i = scan.count(buf, 0, n) + i;
            }
            found = i >= 0 && scan.at(buf, 0, n, i);
        } else {
            found = scan.named(buf, 0, n, a.bytes(), a.offset(), a.length(), false);
        }
        s.release(mark);
        switch (op) {
            case EXIST -> v.setInt(found ? 1 : 0);
            case NAME -> setRangeOrEmpty(v, buf, found ? scan.nameOff : -1, scan.nameLen);
            default -> setRangeOrEmpty(v, buf, found ? scan.valueOff : -1, scan.valueLen);
        }
        return true;
    }
}
