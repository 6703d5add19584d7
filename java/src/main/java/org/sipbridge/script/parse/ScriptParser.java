package org.sipbridge.script.parse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.sipbridge.script.ast.GlobalSetting;
import org.sipbridge.script.ast.LoadModule;
import org.sipbridge.script.ast.ModParam;
import org.sipbridge.script.ast.RouteBlock;
import org.sipbridge.script.ast.Script;

/**
 * Entry point: turns a configuration file into a {@link Script}. Stops at the first
 * problem with a {@link ConfigException} whose message is ready to show to the user.
 * Nothing is resolved here (modules, functions, pseudo-variable names, route targets):
 * that is the next phase's job, on the locations recorded in the tree.
 */
public final class ScriptParser {

    private static final String TOP_LEVEL = "a global parameter, loadmodule, modparam or a route block";

    private final TokenStream ts;
    private final GlobalSettingParser settings;
    private final ModuleDirectiveParser moduleDirectives;
    private final RouteBlockParser routeBlocks;

    private ScriptParser(SourceText source) {
        this.ts = new TokenStream(new Lexer(source));
        ExpressionParser expressions = new ExpressionParser(ts);
        this.settings = new GlobalSettingParser(ts);
        this.moduleDirectives = new ModuleDirectiveParser(ts);
        this.routeBlocks = new RouteBlockParser(ts, new StatementParser(ts, expressions));
    }

    /**
     * Parses {@code text}; {@code file} is only used in locations and messages.
     *
     * @throws ConfigException on the first lexical, syntax or value error
     */
    public static Script parse(String file, String text) {
        // editors hide a byte-order mark, so columns on line 1 must not count it
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return new ScriptParser(new SourceText(file, body)).script(file);
    }

    /** Reads {@code path} as UTF-8 and parses it; messages name the file as {@code path} is written. */
    public static Script parseFile(Path path) throws IOException {
        return parse(path.toString(), new String(Files.readAllBytes(path), StandardCharsets.UTF_8));
    }

    private Script script(String file) {
        List<GlobalSetting> globals = new ArrayList<>();
        List<LoadModule> modules = new ArrayList<>();
        List<ModParam> modParams = new ArrayList<>();
        List<RouteBlock> blocks = new ArrayList<>();
        Map<String, RouteBlock> blocksByKey = new HashMap<>();

        while (!ts.at(TokenKind.END)) {
            Token t = ts.current();
            if (t.is(TokenKind.SEMICOLON)) {
                ts.advance();
            } else if (t.is(TokenKind.LOADMODULE)) {
                modules.add(moduleDirectives.loadModule());
            } else if (t.is(TokenKind.MODPARAM)) {
                modParams.add(moduleDirectives.modParam());
            } else if (t.kind().isRouteBlockKeyword()) {
                RouteBlock block = routeBlocks.parse();
                checkUnique(block, blocksByKey);
                blocks.add(block);
            } else if (t.is(TokenKind.IDENTIFIER)) {
                ts.advance();
                if (!GlobalSettingParser.isSetting(t.text()) && !ts.at(TokenKind.ASSIGN)) {
                    throw new ConfigException(t.location(), "unexpected " + t.describe(), TOP_LEVEL);
                }
                globals.addAll(settings.parse(t));
            } else {
                throw ts.unexpected(TOP_LEVEL);
            }
        }
        return new Script(file, globals, modules, modParams, blocks);
    }

    private static void checkUnique(RouteBlock block, Map<String, RouteBlock> blocksByKey) {
        String key = block.kind() + "/" + block.name().orElse("");
        RouteBlock first = blocksByKey.putIfAbsent(key, block);
        if (first != null) {
            throw new ConfigException(block.location(), "duplicate " + block.displayName(),
                    "one definition (the first is at " + first.location() + ")");
        }
    }
}
