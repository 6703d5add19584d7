package org.sipbridge.script.pv.tr;

import org.sipbridge.script.ast.PvTransform;
import org.sipbridge.script.pv.Pv;

import java.util.List;
import java.util.function.Function;

/** Compiles the parser's transformations into {@link Transform}s (their pseudo-variable parameters resolved). */
public final class Transforms {
    private Transforms() {
    }

    public static Transform[] compile(List<PvTransform> chain, Function<org.sipbridge.script.ast.PseudoVariable, Pv> resolve) {
        Transform[] out = new Transform[chain.size()];
        for (int i = 0; i < out.length; i++) {
            PvTransform t = chain.get(i);
            TrArg[] args = new TrArg[t.params().size()];
            for (int k = 0; k < args.length; k++) {
                PvTransform.Param p = t.params().get(k);
                if (p instanceof PvTransform.Param.Text x) {
                    args[k] = TrArg.text(x.value());
                } else if (p instanceof PvTransform.Param.Number x) {
                    args[k] = TrArg.number(x.value());
                } else {
                    args[k] = TrArg.variable(resolve.apply(((PvTransform.Param.Variable) p).variable()));
                }
            }
            out[i] = switch (t.family()) {
                case "s" -> StringTransforms.create(t.name(), t.text(), args);
                case "uri" -> UriTransforms.create(t.name(), t.text(), args);
                case "param" -> ParamTransforms.create(t.name(), t.text(), args);
                case "nameaddr" -> NameAddrTransforms.create(t.name(), t.text(), args);
                case "ip" -> IpTransforms.create(t.name(), t.text(), args);
                default -> throw new IllegalArgumentException("unknown transformation family " + t.family());
            };
        }
        return out;
    }
}
