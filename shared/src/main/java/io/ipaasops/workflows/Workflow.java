package io.ipaasops.workflows;

import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The workflows, each a Step Functions state machine named by its kebab-case noun and defined by one Amazon States
 * Language file beside this class ({@code <id>.asl.json}): the one source of truth that the CDK stack deploys and the
 * tests run. A Task names the action it runs as {@code ${PascalCaseName}}, substituted with the function's alias ARN
 * on AWS and with the action's route by the local engine.
 */
@Serdeable
public enum Workflow {
    /** Import and publish a version, canary first, then the fleet, then the test flows; one report. */
    RELEASE("release", "ipaas.workflows.release-arn", "RELEASE_STATE_MACHINE_ARN"),
    /** Deploy every instance that needs a deploy; one report. */
    DEPLOY_FLEET("deploy-fleet", "ipaas.workflows.deploy-fleet-arn", "DEPLOY_FLEET_STATE_MACHINE_ARN"),
    /** Run the configured test flows; alert and count on any failure. */
    NIGHTLY_TESTS("nightly-tests", "ipaas.workflows.nightly-tests-arn", "NIGHTLY_TESTS_STATE_MACHINE_ARN"),
    /** Bring a Versori connector in line with its definition in the repository. */
    SYNC_CONNECTOR("sync-connector", "ipaas.workflows.sync-connector-arn", "SYNC_CONNECTOR_STATE_MACHINE_ARN");

    private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("\\$\\{([A-Za-z0-9]+)}");

    private final String id;
    private final String property;
    private final String variable;

    Workflow(String id, String property, String variable) {
        this.id = id;
        this.property = property;
        this.variable = variable;
    }

    /** The workflow's name, as in its execution names and outputs. */
    @JsonValue
    public String id() {
        return id;
    }

    /** The property holding its state machine's ARN, and the environment variable it comes from, for messages. */
    public String configuredBy() {
        return property + " (" + variable + ")";
    }

    /** The definition's JSON text, with its placeholders. */
    public String definition() {
        try (java.io.InputStream in = Workflow.class.getResourceAsStream(id + ".asl.json")) {
            if (in == null) {
                throw new IllegalStateException("missing workflow definition " + id);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The placeholders the definition uses, such as {@code DeployInstance} and {@code AlertTopic}. */
    public java.util.Set<String> placeholders() {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        java.util.regex.Matcher m = PLACEHOLDER.matcher(definition());
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The placeholder that stands for {@code action}'s function: its name in PascalCase. */
    public static String placeholder(io.ipaasops.core.Action<?, ?> action) {
        StringBuilder name = new StringBuilder();
        for (String part : action.name().split("-")) {
            name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return name.toString();
    }

    /** The workflow called {@code id}, if there is one. */
    public static java.util.Optional<Workflow> named(String id) {
        return java.util.Arrays.stream(values()).filter(w -> w.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
