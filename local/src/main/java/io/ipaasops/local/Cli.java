package io.ipaasops.local;

import io.ipaasops.functions.Actions;
import io.ipaasops.local.workflows.LocalExecutions;
import io.ipaasops.core.ActionException;
import io.ipaasops.lambda.ActionFunction;
import io.ipaasops.core.ActionInvoker;
import io.ipaasops.core.Deadline;
import io.ipaasops.core.ErrorResponse;
import io.ipaasops.core.FieldError;
import io.ipaasops.lambda.FunctionRuntime;
import io.ipaasops.core.Platform;
import io.ipaasops.core.UnauthorizedException;
import io.ipaasops.core.ValidationException;
import io.ipaasops.local.host.HostLimits;
import io.ipaasops.local.host.HostOptions;
import io.ipaasops.local.host.Launcher;
import io.ipaasops.local.host.LocalHost;
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
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command line: {@code --list}; {@code [--sandbox] <action> [json | @file | -]} to run one action once;
 * {@code serve [--port N] [--host ADDRESS] [--sandbox]} to start the local function host; {@code sandbox [--port N]}
 * to start the built-in sandbox alone.
 *
 * <p>An action's result is JSON on stdout (exit 0); a failure is one {@code {"error":...}} object on stderr, with the
 * exit status of its {@link io.ipaasops.core.ErrorType}: 2 invalid input, 3 a change whose outcome is unknown, 1
 * anything else. A bad flag or variable is one line on stderr naming it, exit 2, before anything starts.</p>
 */
public final class Cli {

    private static final Logger LOG = LoggerFactory.getLogger(Cli.class);
    private static final Duration BUDGET = Duration.ofMinutes(15);
    private static final Set<String> FLAGS = Set.of("--help", "-h", "--list", "--sandbox");

    private Cli() {
    }

    /** Runs the command line and exits with its status (serve runs until the process is stopped). */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("serve")) {
            System.exit(serve(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        if (args.length > 0 && args[0].equals("sandbox")) {
            System.exit(sandbox(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** Runs the command line on the given streams and returns the exit status. */
    public static int run(String[] args, InputStream stdin, PrintStream stdout, PrintStream stderr) {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            stdout.println(usage());
            return 0;
        }
        if (args.length == 0) {
            stderr.println(usage());
            return 2;
        }
        for (String arg : args) {
            // An input is JSON, @file or -, never --something: so this is a mistyped flag, not an input.
            if (arg.startsWith("--") && !FLAGS.contains(arg)) {
                stderr.println("ipaas-ops: unknown option " + arg + "; --help shows the usage");
                return 2;
            }
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
                if (!sandbox) {
                    requireCredentials(action, context);
                }
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

    /** Starts the local function host and blocks until the process is stopped; every option is checked first. */
    static int serve(String[] args, PrintStream out, PrintStream err) {
        if (wantsHelp(args)) {
            out.println(usage());
            return 0;
        }
        HostOptions options;
        try {
            options = HostOptions.parse(List.of(args), System.getenv());
        } catch (HostOptions.Invalid e) {
            err.println("ipaas-ops serve: " + e.getMessage());
            return 2;
        }
        out.println("Starting the ipaas-ops local function host...");
        out.flush();
        LocalHost host;
        try {
            host = LocalHost.bind(options.address(), HostLimits.DEFAULT);
        } catch (IOException e) {
            err.println("ipaas-ops serve: cannot listen on " + options.host().getHostAddress() + ":" + options.port()
                    + ": " + e.getMessage() + " (--port or PORT picks another port)");
            return 1;
        }
        Launcher launcher;
        try {
            launcher = Launcher.start(options.sandbox(), options.faults(), options.moreInstances(), "host");
        } catch (RuntimeException e) {
            host.close();
            LOG.error("the application did not start", e);
            err.println("ipaas-ops serve: the application did not start: " + e.getMessage());
            return 1;
        }
        host.start(launcher.context(), SandboxExamples.all());
        String url = "http://" + HostOptions.authority(host.address());
        out.println("ipaas-ops local function host on " + url + ", listening on "
                + HostOptions.describe(host.address().getAddress()));
        launcher.notes().forEach(note -> out.println("  " + note));
        out.println(launcher.context().getBean(LocalExecutions.class).unavailable()
                .map(why -> "  Workflows (POST " + url + "/workflows/<name>, and those a push starts): off, " + why
                        + "; every action still works")
                .orElse("  Workflows: POST " + url + "/workflows/<release|deploy-fleet|nightly-tests|sync-connector>"
                        + " runs one to the end; POST " + url + "/github/push starts the watched ones in the"
                        + " background; GET " + url + "/workflows/executions/<name> shows one"));
        out.println("  GET " + url + "/ lists the " + Actions.all().size()
                + " actions with an example request each; Ctrl-C stops");
        out.flush();
        options.warning(launcher.signaturesRequired()).ifPresent(err::println);
        return untilStopped(() -> {
            host.close();
            launcher.close();
        });
    }

    private static boolean wantsHelp(String[] args) {
        return List.of(args).contains("--help") || List.of(args).contains("-h");
    }

    /** Blocks until the process is stopped (Ctrl-C), running {@code stop} first; 0, or 1 if interrupted. */
    private static int untilStopped(Runnable stop) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.run();
            stopped.countDown();
        }));
        try {
            stopped.await();
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /**
     * Starts the sandbox on its own, as a local Prismatic and Versori for any client, prints where it listens and a
     * ready access token, and blocks until the process is stopped; every option is checked first.
     */
    static int sandbox(String[] args, PrintStream out, PrintStream err) {
        if (wantsHelp(args)) {
            out.println(usage());
            return 0;
        }
        HostOptions options;
        try {
            options = HostOptions.parseSandbox(List.of(args), System.getenv());
        } catch (HostOptions.Invalid e) {
            err.println("ipaas-ops sandbox: " + e.getMessage());
            return 2;
        }
        HostLimits.applyToJdkServer();
        Sandbox sandbox;
        try {
            sandbox = Sandbox.bind(options.port(), options.faults(), java.time.Clock.systemUTC())
                    .withMoreInstances(options.moreInstances());
        } catch (IOException e) {
            err.println("ipaas-ops sandbox: cannot listen on 127.0.0.1:" + options.port() + ": " + e.getMessage()
                    + " (--port picks another port; 0 any free one)");
            return 1;
        }
        ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false).start();
        sandbox.start(context.getBean(JsonMapper.class));
        banner(sandbox, options).forEach(out::println);
        out.flush();
        return untilStopped(() -> {
            sandbox.close();
            context.close();
        });
    }

    /** What the standalone sandbox prints: where each platform is, and how to point a client at it. */
    static List<String> banner(Sandbox sandbox, HostOptions options) {
        String url = sandbox.url();
        List<String> lines = new java.util.ArrayList<>(List.of(
                "ipaas-ops sandbox: an in-memory Prismatic and Versori with demo data, on " + url
                        + " (this machine only)",
                "  Prismatic:    " + url + "  (GraphQL at /api, POST /auth/refresh with refresh_token "
                        + Sandbox.REFRESH_TOKEN + ")",
                "  Versori:      " + url + Sandbox.VERSORI_PATH + "  (Authorization: Bearer " + Sandbox.API_KEY
                        + ", organisation " + Sandbox.VERSORI_ORGANISATION + ")",
                "  Access token: " + sandbox.accessToken() + "  (valid " + Sandbox.READY_TOKEN_LIFETIME.toDays()
                        + " days)",
                "  Prism CLI:    PRISMATIC_URL=" + url + " PRISM_ACCESS_TOKEN=<the access token> prism me",
                "  ipaas-ops:    PRISMATIC_URL=" + url + " PRISM_REFRESH_TOKEN=" + Sandbox.REFRESH_TOKEN
                        + " VERSORI_URL=" + url + Sandbox.VERSORI_PATH + " VERSORI_API_KEY=" + Sandbox.API_KEY
                        + " java -jar ipaas-ops-functions.jar <action> ..."));
        if (options.moreInstances() > 0) {
            lines.add("  Seeded " + options.moreInstances() + " more instances (SANDBOX_INSTANCES)");
        }
        lines.add("Ctrl-C stops; the data lives in memory until then.");
        return lines;
    }

    /**
     * Refuses, before any call, an action whose platform has no credentials: the command line never falls back
     * to the sandbox on its own (only {@code --sandbox} does), so a user never acts on a fake platform unawares.
     * GitHub needs none (without a token its actions read public repositories), nor do the workflows' own steps.
     */
    private static void requireCredentials(ActionFunction<?, ?> action, ApplicationContext context) {
        List<String> properties = switch (action.platform()) {
            case PRISMATIC -> List.of("prism.refresh-token", "prismatic.secret-id");
            case VERSORI -> List.of("versori.api-key", "versori.secret-id");
            case GITHUB, WORKFLOW -> List.of();
        };
        boolean configured = properties.isEmpty() || properties.stream().anyMatch(p -> context.getProperty(p,
                String.class).filter(v -> !v.isBlank()).isPresent());
        if (!configured) {
            throw new UnauthorizedException(action.platform() == Platform.PRISMATIC
                    ? "no Prismatic credentials: set PRISM_REFRESH_TOKEN or PRISMATIC_SECRET_ID, or pass --sandbox"
                            + " to use the built-in sandbox"
                    : "no Versori credentials: set VERSORI_API_KEY or VERSORI_SECRET_ID, or pass --sandbox to use"
                            + " the built-in sandbox");
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
                       java -jar ipaas-ops-functions.jar serve [--port 8080] [--host 127.0.0.1] [--sandbox]
                       java -jar ipaas-ops-functions.jar sandbox [--port 8081]
                Runs one action once and prints its JSON result, or serves every action over HTTP as API Gateway
                would, or runs the built-in sandbox alone as a local Prismatic and Versori for any client (the
                Prism CLI with PRISMATIC_URL and PRISM_ACCESS_TOKEN, scripts, ipaas-ops itself); SANDBOX_INSTANCES=N
                seeds N more instances, SANDBOX_LATENCY_MS, SANDBOX_ERROR_RATE and SANDBOX_RATE_LIMIT_RATE inject faults. Configuration comes from the environment: PRISMATIC_URL, PRISM_REFRESH_TOKEN (or
                PRISMATIC_SECRET_ID), PRISMATIC_TENANT_ID, VERSORI_URL, VERSORI_API_KEY (or VERSORI_SECRET_ID),
                VERSORI_ORGANISATION_ID, GITHUB_API_URL, GITHUB_TOKEN (or GITHUB_SECRET_ID; none: public
                repositories only) (see README.md).
                An action always runs against the real platform: without that platform's credentials it fails with
                "unauthorized" and does nothing. Pass --sandbox to run it against the built-in sandbox instead.
                serve uses the built-in sandbox for each platform that has no credentials (for both with --sandbox)
                and says so when it starts. It listens on 127.0.0.1 only; --host 0.0.0.0 opens it to other machines
                (set WEBHOOK_SECRET then, so that only signed requests run). --port or PORT sets the port.""";
    }
}
