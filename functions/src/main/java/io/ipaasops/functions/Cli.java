package io.ipaasops.functions;

import io.ipaasops.core.ActionException;
import io.ipaasops.core.ActionFunction;
import io.ipaasops.core.ActionInvoker;
import io.ipaasops.core.Deadline;
import io.ipaasops.core.ErrorResponse;
import io.ipaasops.core.FieldError;
import io.ipaasops.core.FunctionRuntime;
import io.ipaasops.core.ValidationException;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command line: {@code --list}, or {@code <action> [json | @file | -]} to run one action once.
 *
 * <p>The result is JSON on stdout (exit 0); a failure is one {@code {"error":...}} object on stderr, exit 2 for
 * invalid input and 1 for anything else.</p>
 */
public final class Cli {

    private static final Logger LOG = LoggerFactory.getLogger(Cli.class);
    private static final Duration BUDGET = Duration.ofMinutes(15);

    private Cli() {
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** Runs the command line on the given streams and returns the exit status. */
    public static int run(String[] args, InputStream stdin, PrintStream stdout, PrintStream stderr) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            stderr.println(usage());
            return args.length == 0 ? 2 : 0;
        }
        if (args[0].equals("--list")) {
            for (ActionFunction<?, ?> action : Actions.all()) {
                stdout.println(action.name() + "\t" + action.getClass().getName());
            }
            return 0;
        }
        try (ApplicationContext context = FunctionRuntime.start("cli")) {
            ActionInvoker invoker = context.getBean(ActionInvoker.class);
            try {
                ActionFunction<?, ?> action = Actions.named(args[0]).orElseThrow(() -> new ValidationException(
                        "unknown action '" + args[0] + "'; --list shows them",
                        List.of(new FieldError("action", "is not a known action"))));
                byte[] output = invoker.invoke(action, input(args, stdin), Deadline.in(BUDGET));
                stdout.println(new String(output, StandardCharsets.UTF_8));
                return 0;
            } catch (ActionException e) {
                stderr.println(new String(invoker.toJson(ErrorResponse.of(e)), StandardCharsets.UTF_8));
                return e instanceof ValidationException ? 2 : 1;
            } catch (RuntimeException e) {
                LOG.error("action {} failed unexpectedly", args[0], e);
                stderr.println(new String(invoker.toJson(ErrorResponse.internal(e)), StandardCharsets.UTF_8));
                return 1;
            }
        }
    }

    private static byte[] input(String[] args, InputStream stdin) {
        if (args.length > 2) {
            throw new ValidationException("too many arguments",
                    List.of(new FieldError("input", "give one JSON argument, @file, or - for stdin")));
        }
        String arg = args.length == 2 ? args[1] : "-";
        try {
            if (arg.equals("-")) {
                return stdin.readAllBytes();
            }
            if (arg.startsWith("@")) {
                return Files.readAllBytes(Path.of(arg.substring(1)));
            }
        } catch (IOException e) {
            throw new ValidationException("cannot read the input",
                    List.of(new FieldError("input", "cannot read " + arg + ": " + e.getMessage())));
        }
        return arg.getBytes(StandardCharsets.UTF_8);
    }

    private static String usage() {
        return """
                usage: java -jar ipaas-ops-functions.jar --list
                       java -jar ipaas-ops-functions.jar <action> ['<json input>' | @file.json | -]
                Runs one action once and prints its JSON result. Configuration comes from the environment:
                PRISMATIC_URL, PRISM_REFRESH_TOKEN, PRISMATIC_TENANT_ID, VERSORI_URL, VERSORI_API_KEY,
                VERSORI_ORGANISATION_ID (see README.md).""";
    }
}
