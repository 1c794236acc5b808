package io.ipaasops.local.host;

import io.ipaasops.lambda.FunctionRuntime;
import io.ipaasops.local.workflows.LocalS3;
import io.ipaasops.local.workflows.LocalWorkflowStarter;
import io.ipaasops.sandbox.Sandbox;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the application for the local host and the CLI: against the real platforms where credentials are
 * configured, and against the built-in sandbox, in-process, for a platform that has none (or for both with
 * {@code --sandbox}).
 */
public final class Launcher implements AutoCloseable {

    private final ApplicationContext context;
    private final Sandbox sandbox;
    private final LocalS3 s3;
    private final List<String> notes;
    private final boolean signaturesRequired;

    private Launcher(ApplicationContext context, Sandbox sandbox, LocalS3 s3, List<String> notes,
                     boolean signaturesRequired) {
        this.context = context;
        this.sandbox = sandbox;
        this.s3 = s3;
        this.notes = notes;
        this.signaturesRequired = signaturesRequired;
    }

    /**
     * Starts the context, and the sandbox where needed.
     *
     * @param forceSandbox use the sandbox for both platforms whatever is configured
     * @param faults       the sandbox's fault injection
     */
    public static Launcher start(boolean forceSandbox, Sandbox.Faults faults, String environment) {
        return start(forceSandbox, faults, 0, environment);
    }

    /**
     * Starts the context, and the sandbox where needed.
     *
     * @param forceSandbox  use the sandbox for both platforms whatever is configured
     * @param faults        the sandbox's fault injection
     * @param moreInstances instances the sandbox seeds beyond its demo data
     */
    public static Launcher start(boolean forceSandbox, Sandbox.Faults faults, int moreInstances, String environment) {
        boolean prismatic = !forceSandbox && configured("PRISM_REFRESH_TOKEN", "PRISMATIC_SECRET_ID");
        boolean versori = !forceSandbox && configured("VERSORI_API_KEY", "VERSORI_SECRET_ID");
        boolean webhooks = configured("WEBHOOK_SECRET", "WEBHOOK_SECRET_ID");
        boolean github = !forceSandbox && configured("GITHUB_TOKEN", "GITHUB_SECRET_ID", "GITHUB_API_URL");
        List<String> notes = new ArrayList<>();
        Map<String, Object> properties = new LinkedHashMap<>();
        Sandbox sandbox = null;
        if (!prismatic || !versori || !github) {
            // The JDK reads its server deadlines when the process creates its first server; this may be it.
            HostLimits.applyToJdkServer();
            try {
                sandbox = Sandbox.bind(0, faults, Clock.systemUTC()).withMoreInstances(moreInstances);
            } catch (IOException e) {
                throw new UncheckedIOException("the sandbox could not bind a loopback port", e);
            }
            Map<String, Object> sandboxProperties = sandbox.properties();
            sandboxProperties.forEach((k, v) -> {
                if ((k.startsWith("prism") && !prismatic) || (k.startsWith("versori") && !versori)
                        || (k.startsWith("github") && !github)) {
                    properties.put(k, v);
                }
            });
        }
        notes.add("Prismatic: " + (prismatic ? "the real platform at " + env("PRISMATIC_URL", "https://app.prismatic.io")
                : "the built-in sandbox" + (forceSandbox ? "" : " (no PRISM_REFRESH_TOKEN or PRISMATIC_SECRET_ID)")));
        notes.add("Versori:   " + (versori ? "the real platform at "
                + env("VERSORI_URL", "https://platform.versori.com/api/connect/v1")
                : "the built-in sandbox" + (forceSandbox ? "" : " (no VERSORI_API_KEY or VERSORI_SECRET_ID)")));
        notes.add("GitHub:    " + (github ? "the real API at " + env("GITHUB_API_URL", "https://api.github.com")
                + (configured("GITHUB_TOKEN", "GITHUB_SECRET_ID") ? ""
                : ", anonymously (no GITHUB_TOKEN or GITHUB_SECRET_ID: public repositories only)")
                : "the built-in sandbox's demo repository " + Sandbox.GITHUB_REPOSITORY
                + (forceSandbox ? "" : " (no GITHUB_TOKEN, GITHUB_SECRET_ID or GITHUB_API_URL)")));
        LocalS3 s3;
        try {
            // The workflows' data (a big fleet's targets, results and report) stays on this machine, whatever the
            // platforms: the local engine's ItemReader and ResultWriter must find what the functions wrote.
            s3 = LocalS3.start();
        } catch (IOException e) {
            if (sandbox != null) {
                sandbox.close();
            }
            throw new UncheckedIOException("the local S3 stand-in could not bind a loopback port", e);
        }
        properties.putAll(s3.properties());
        notes.add("Workflow data: an in-memory S3 at " + s3.url() + ", bucket " + LocalS3.BUCKET
                + " (full reports are kept there)");
        // A push starts its workflows on the local engine, with the watches the stack would give the function.
        properties.put(LocalWorkflowStarter.ENGINE, "local");
        InfraWatches.Resolved watches = InfraWatches.resolve(System.getenv(), Path.of(""));
        properties.putAll(watches.properties());
        notes.add("Push watches: " + watches.note());
        if (!webhooks) {
            properties.put("ipaas.webhook.verify", false);
            notes.add("WARNING: webhook signature checking is OFF (no WEBHOOK_SECRET or WEBHOOK_SECRET_ID);"
                    + " do not expose this host");
        } else {
            notes.add("Webhook signatures: required (X-Hub-Signature-256 or X-Ipaas-Signature)");
        }
        ApplicationContext context;
        try {
            context = FunctionRuntime.start(properties, environment);
        } catch (RuntimeException e) {
            if (sandbox != null) {
                sandbox.close();
            }
            s3.close();
            throw e;
        }
        if (sandbox != null) {
            sandbox.start(context.getBean(JsonMapper.class));
            // Where it listens, so that other clients (Prism, scripts) can use the same sandbox.
            notes.add("Sandbox:   Prismatic at " + sandbox.url() + " (PRISMATIC_URL), Versori at " + sandbox.url()
                    + Sandbox.VERSORI_PATH + "; `java -jar ipaas-ops-functions.jar sandbox` runs one on its own");
        }
        return new Launcher(context, sandbox, s3, notes, webhooks);
    }

    /** The started application context. */
    public ApplicationContext context() {
        return context;
    }

    /** What runs against what, one line each, for the start-up banner. */
    public List<String> notes() {
        return notes;
    }

    /** Whether webhook requests must be signed ({@code WEBHOOK_SECRET} or {@code WEBHOOK_SECRET_ID} is set). */
    public boolean signaturesRequired() {
        return signaturesRequired;
    }

    /** The in-memory S3 the workflows keep their data in. */
    public LocalS3 s3() {
        return s3;
    }

    /** The sandbox serving the platforms that have no credentials, if any. */
    public java.util.Optional<Sandbox> sandbox() {
        return java.util.Optional.ofNullable(sandbox);
    }

    /** Whether any platform is served by the sandbox. */
    public boolean sandboxed() {
        return sandbox != null;
    }

    @Override
    public void close() {
        context.close();
        if (sandbox != null) {
            sandbox.close();
        }
        s3.close();
    }

    private static boolean configured(String... variables) {
        for (String variable : variables) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                return true;
            }
        }
        return false;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
