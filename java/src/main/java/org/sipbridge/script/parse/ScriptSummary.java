package org.sipbridge.script.parse;

import java.util.stream.Collectors;

import org.sipbridge.script.ast.AstWalk;
import org.sipbridge.script.ast.BooleanSetting;
import org.sipbridge.script.ast.Constant;
import org.sipbridge.script.ast.GlobalSetting;
import org.sipbridge.script.ast.IntegerSetting;
import org.sipbridge.script.ast.ListenSetting;
import org.sipbridge.script.ast.LoadModule;
import org.sipbridge.script.ast.ModParam;
import org.sipbridge.script.ast.PathSetting;
import org.sipbridge.script.ast.RouteBlock;
import org.sipbridge.script.ast.Script;

/** A short human-readable overview of a parsed script: what a tool prints to show what was understood. */
public final class ScriptSummary {

    private ScriptSummary() {
    }

    public static String of(Script script) {
        StringBuilder out = new StringBuilder();
        out.append(script.file()).append('\n');

        out.append("globals (").append(script.globals().size()).append("):\n");
        for (GlobalSetting setting : script.globals()) {
            line(out, setting.name() + " = " + value(setting), setting.location().line());
        }
        out.append("modules (").append(script.modules().size()).append("):\n");
        for (LoadModule module : script.modules()) {
            String dialect = module.dialect().map(d -> " (dialect " + d.token() + ")").orElse("");
            line(out, module.path() + dialect, module.location().line());
        }
        out.append("modparams (").append(script.modParams().size()).append("):\n");
        for (ModParam param : script.modParams()) {
            line(out, param.module().value() + ": " + param.parameter().value() + " = " + constant(param.value()),
                    param.location().line());
        }
        out.append("blocks (").append(script.blocks().size()).append("):\n");
        for (RouteBlock block : script.blocks()) {
            String header = block.displayName();
            if (block.timerInterval().isPresent()) {
                header = block.kind().keyword() + "[" + block.name().orElse("") + ", "
                        + block.timerInterval().getAsInt() + "]";
            }
            int direct = block.body().size();
            int all = AstWalk.statements(block.body()).size();
            line(out, header + ": " + direct + (direct == 1 ? " statement" : " statements") + ", " + all + " in all",
                    block.location().line());
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String text, int sourceLine) {
        out.append("  ").append(text).append("  (line ").append(sourceLine).append(")\n");
    }

    private static String value(GlobalSetting setting) {
        if (setting instanceof ListenSetting listen) {
            return listen.transport().token() + ":" + (listen.host().contains(":") ? "[" + listen.host() + "]" : listen.host())
                    + ":" + listen.port();
        } else if (setting instanceof IntegerSetting integer) {
            return String.valueOf(integer.value());
        } else if (setting instanceof BooleanSetting bool) {
            return bool.value() ? "yes" : "no";
        } else if (setting instanceof org.sipbridge.script.ast.CoreSetting core) {
            return core.text();
        } else if (setting instanceof org.sipbridge.script.ast.StringListSetting list) {
            return String.join(",", list.values());
        } else {
            return ((PathSetting) setting).directories().stream().collect(Collectors.joining(":"));
        }
    }

    private static String constant(Constant value) {
        return value instanceof Constant.Text text ? "\"" + text.value() + "\"" : String.valueOf(((Constant.Int) value).value());
    }
}
