package io.ipaasops.functions;

import io.ipaasops.core.ActionException;
import io.ipaasops.lambda.ActionFunction;
import io.ipaasops.core.ActionInvoker;
import io.ipaasops.core.Deadline;
import io.ipaasops.core.ErrorResponse;
import io.ipaasops.core.FieldError;
import io.ipaasops.lambda.FunctionRuntime;
import io.ipaasops.core.ValidationException;
import io.ipaasops.functions.host.Launcher;
import io.ipaasops.functions.host.LocalHost;
import io.ipaasops.sandbox.Sandbox;
import io.ipaasops.sandbox.SandboxExamples;
import io.ipaasops.triggers.EventAdapter;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command line: {@code --list}; {@code [--sandbox] <action> [json | @file | -]} to run one action once;
 * {@code serve [--port N]} to start the local function host.
 *
 * <p>An action's result is JSON on stdout (exit 0); a failure is one {@code {"error":...}} object on stderr, with the
 * exit status of its {@link io.ipaasops.core.ErrorType}: 2 invalid input, 3 a change whose outcome is unknown, 1
 * anything else.</p>
 */
public final class Cli {

    private static final Logger LOG = LoggerFactory.getLogger(Cli.class);
    private static final Duration BUDGET = Duration.ofMinutes(15);

    private Cli() {
    }

    /** Runs the command line and exits with its status (serve runs until the process is stopped). */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("serve")) {
            System.exit(serve(Arrays.copyOfRange(args, 1, args.length), System.out));
        }
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
        boolean sandbox = args[0].equals("--sandbox");
        String[] rest = sandbox ? Arrays.copyOfRange(args, 1, args.length) : args;
        if (rest.length == 0) {
            stderr.println(usage());
            return 2;
        }
        try (Launcher launcher = sandbox ? Launcher.start(true, Sandbox.Faults.NONE, "cli") : null;
             ApplicationContext own = sandbox ? null : FunctionRuntime.start("cli")) {
            ApplicationContext context = sandbox ? launcher.context() : own;
            ActionInvoker invoker = context.getBean(ActionInvoker.class);
            try {
                ActionFunction<?, ?> action = Actions.named(rest[0]).orElseThrow(() -> new ValidationException(
                        "unknown action '" + rest[0] + "'; --list shows them",
                        List.of(new FieldError("action", "is not a known action"))));
                byte[] output = invoker.invoke(action, input(rest, stdin), Deadline.in(BUDGET));
                stdout.println(new String(output, StandardCharsets.UTF_8));
                return 0;
            } catch (ActionException e) {
                stderr.println(new String(invoker.toJson(ErrorResponse.of(e)), StandardCharsets.UTF_8));
                return e.errorType().exitCode();
            } catch (RuntimeException e) {
                LOG.error("action {} failed unexpectedly", rest[0], e);
                stderr.println(new String(invoker.toJson(ErrorResponse.internal(e)), StandardCharsets.UTF_8));
                return 1;
            }
        }
    }

    /** Starts the local function host and blocks until the process is stopped. */
    static int serve(String[] args, PrintStream out) {
        List<String> options = new ArrayList<>(List.of(args));
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        int at = options.indexOf("--port");
        if (at >= 0 && at + 1 < options.size()) {
            port = Integer.parseInt(options.get(at + 1));
        }
        Sandbox.Faults faults = new Sandbox.Faults(
                Duration.ofMillis(Long.parseLong(System.getenv().getOrDefault("SANDBOX_LATENCY_MS", "0"))),
                Double.parseDouble(System.getenv().getOrDefault("SANDBOX_ERROR_RATE", "0")),
                Double.parseDouble(System.getenv().getOrDefault("SANDBOX_RATE_LIMIT_RATE", "0")), 1);
        Launcher launcher = Launcher.start(options.contains("--sandbox"), faults, "host");
        try {
            LocalHost host = LocalHost.start(port, launcher.context().getBean(EventAdapter.class),
                    launcher.context().getBean(JsonMapper.class), SandboxExamples.all());
            out.println("ipaas-ops local function host on http://localhost:" + host.port());
            launcher.notes().forEach(note -> out.println("  " + note));
            out.println("  GET http://localhost:" + host.port() + "/ lists the " + Actions.all().size()
                    + " actions with an example request each; Ctrl-C stops");
            out.flush();
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                host.close();
                launcher.close();
                stopped.countDown();
            }));
            stopped.await();
            return 0;
        } catch (IOException e) {
            System.err.println("cannot listen on port " + port + ": " + e.getMessage());
            launcher.close();
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
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
                       java -jar ipaas-ops-functions.jar [--sandbox] <action> ['<json input>' | @file.json | -]
                       java -jar ipaas-ops-functions.jar serve [--port 8080] [--sandbox]
                Runs one action once and prints its JSON result, or serves every action over HTTP as API Gateway
                would. Configuration comes from the environment: PRISMATIC_URL, PRISM_REFRESH_TOKEN,
                PRISMATIC_TENANT_ID, VERSORI_URL, VERSORI_API_KEY, VERSORI_ORGANISATION_ID (see README.md).
                With no credentials, or with --sandbox, the built-in sandbox stands in for the platforms.""";
    }
}
