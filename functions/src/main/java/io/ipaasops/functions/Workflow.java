package io.ipaasops.functions;

import io.ipaasops.lambda.ActionFunction;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The workflows, each an Amazon States Language definition kept beside this class: the one source of truth that the
 * CDK stack deploys and the tests run. A Task names the action it runs as {@code ${PascalCaseName}}, substituted with
 * the function's alias ARN on AWS and with the action's route by the local engine.
 */
public enum Workflow {
    /** Import and publish a version, canary first, then the fleet, then the test flows; one report. */
    RELEASE("release"),
    /** Deploy every instance that needs a deploy; one report. */
    DEPLOY_FLEET("deploy-fleet"),
    /** Run the configured test flows; alert and count on any failure. */
    NIGHTLY_TESTS("nightly-tests"),
    /** Fetch a connector's config at a commit, update the connector, read back its connections. */
    SYNC_CONNECTOR("sync-connector");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9]+)}");

    private final String id;

    Workflow(String id) {
        this.id = id;
    }

    /** The workflow's name, as in {@code POST /workflows/release}. */
    public String id() {
        return id;
    }

    /** The definition's JSON text, with its placeholders. */
    public String definition() {
        try (InputStream in = Workflow.class.getResourceAsStream("/io/ipaasops/workflows/" + id + ".asl.json")) {
            if (in == null) {
                throw new IllegalStateException("missing workflow definition " + id);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The placeholders the definition uses, such as {@code DeployInstance} and {@code AlertTopic}. */
    public Set<String> placeholders() {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(definition());
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The placeholder that stands for {@code action}'s function: its name in PascalCase. */
    public static String placeholder(ActionFunction<?, ?> action) {
        StringBuilder name = new StringBuilder();
        for (String part : action.name().split("-")) {
            name.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
        }
        return name.toString();
    }

    /** The workflow called {@code id}, if there is one. */
    public static java.util.Optional<Workflow> named(String id) {
        return java.util.Arrays.stream(values()).filter(w -> w.id.equals(id)).findFirst();
    }
}
