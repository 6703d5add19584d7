package org.sipbridge.script.parse;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code java -cp sipbridge.jar org.sipbridge.script.parse.ParseTool FILE...}: parses each
 * file and prints its summary, or the error as the user would see it. Exit status 0 when
 * every file parsed, 1 when one did not, 2 on bad usage or an unreadable file.
 */
public final class ParseTool {

    private ParseTool() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The tool without the exit, for tests. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("usage: ParseTool FILE...");
            return 2;
        }
        int status = 0;
        for (String file : args) {
            try {
                out.print(ScriptSummary.of(ScriptParser.parseFile(Path.of(file))));
            } catch (ConfigException e) {
                err.println(e.getMessage());
                status = Math.max(status, 1);
            } catch (IOException e) {
                err.println(file + ": cannot read: " + e.getMessage());
                status = 2;
            }
        }
        return status;
    }
}
