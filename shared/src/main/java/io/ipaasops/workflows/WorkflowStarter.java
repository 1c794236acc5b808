package io.ipaasops.workflows;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Starts workflow executions by name, at most once per name: on AWS {@link StepFunctionsStarter}, on the local host
 * the local engine. The push webhook's code is the same on both; only this bean differs.
 */
public interface WorkflowStarter {

    /** Longest execution name Step Functions takes. */
    int MAX_NAME = 80;

    /**
     * Starts {@code workflow}'s execution {@code name} with {@code input} (serialized to JSON), or answers the
     * execution an earlier start under that name began ({@code alreadyStarted}); it never runs one name twice.
     */
    StartedExecution start(Workflow workflow, String name, Object input);

    /**
     * An execution name for {@code workflow}: {@code <workflow>-<key>-<8 hex of target and path>}, only
     * {@code [A-Za-z0-9-_]}, at most 80 characters. The same delivery key and watch give the same name.
     *
     * @param key    the delivery's key (GitHub's delivery GUID), else the pushed commit
     * @param target what the execution works on and where it reads it, telling apart watches of one push
     */
    static String executionName(Workflow workflow, String key, String target) {
        String suffix = "-" + HexFormat.of().formatHex(sha256(target), 0, 4);
        String safeKey = key.replaceAll("[^A-Za-z0-9_-]", "-");
        String prefix = workflow.id() + "-";
        int room = MAX_NAME - prefix.length() - suffix.length();
        return prefix + (safeKey.length() > room ? safeKey.substring(0, room) : safeKey) + suffix;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
