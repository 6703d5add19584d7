package org.sipbridge.script.compile;

import org.sipbridge.core.ModuleSystem;
import org.sipbridge.module.Argument;
import org.sipbridge.module.FunctionExport;
import org.sipbridge.module.ModuleException;
import org.sipbridge.script.ast.FunctionCall;
import org.sipbridge.script.ast.IntegerLiteral;
import org.sipbridge.script.ast.SourceLocation;
import org.sipbridge.script.ast.StringLiteral;
import org.sipbridge.script.parse.ConfigException;
import org.sipbridge.script.pv.CompiledFormat;
import org.sipbridge.script.pv.PvResolver;
import org.sipbridge.script.run.BoundCall;
import org.sipbridge.script.run.LocalAddresses;

import java.util.ArrayList;
import java.util.List;

/**
 * What compiling the statements of one block needs: the pseudo-variable resolver, the local
 * addresses for myself, the module system to find functions in, and the block's route
 * types. Function calls are found now (unknown ones and wrong blocks are refused at their
 * line) and bound later, after the modules' init, by {@link #bindAll()}.
 */
final class CompileContext {
    /** A function call found, waiting for its fixups. */
    record PendingCall(BoundCall call, FunctionExport function, List<Argument> args, SourceLocation location) {
    }

    final PvResolver pvs;
    final LocalAddresses local;
    /** max_while_loops, or sipbridge's own bound. */
    int maxWhileLoops = org.sipbridge.script.step.WhileStep.MAX_LOOPS;
    private final ModuleSystem modules;
    private final List<PendingCall> pending = new ArrayList<>();
    int routeTypes;

    CompileContext(PvResolver pvs, LocalAddresses local, ModuleSystem modules) {
        this.pvs = pvs;
        this.local = local;
        this.modules = modules;
    }

    /** The call of the script's function, found among the modules for the current route types. */
    BoundCall function(FunctionCall call) {
        FunctionExport f;
        try {
            f = modules.lookup(call.name(), call.arguments().size(), routeTypes);
        } catch (ModuleException e) {
            throw new ConfigException(call.location(), e.getMessage());
        }
        List<Argument> args = new ArrayList<>();
        for (org.sipbridge.script.ast.Argument a : call.arguments()) {
            if (a instanceof IntegerLiteral i) {
                args.add(Argument.integer(i.value()));
            } else {
                StringLiteral s = (StringLiteral) a;
                if (s.format().isConstant()) {
                    args.add(Argument.string(s.text()));
                } else {
                    CompiledFormat compiled = pvs.format(s.text(), s.format());
                    args.add(Argument.format(s.text(), compiled));
                }
            }
        }
        BoundCall bc = new BoundCall(f.module().name() + ":" + f.signature(), call.location().toString());
        pending.add(new PendingCall(bc, f, args, call.location()));
        return bc;
    }

    /** Every function call found so far, in script order. */
    List<PendingCall> calls() {
        return List.copyOf(pending);
    }

    /** Runs the fixups of every call (after init); a refused one is an error at its line. */
    void bindAll() {
        for (PendingCall p : pending) {
            try {
                p.call().bind(modules.bind(p.function(), p.args()));
            } catch (ModuleException e) {
                throw new ConfigException(p.location(), e.getMessage());
            }
        }
    }
}
