package io.ipaasops.github;

import java.util.Arrays;
import java.util.Optional;

/** The webhook events ipaas-ops acts on, by the name GitHub sends in {@code X-GitHub-Event}. */
public enum GitHubEvent {
    /** Sent once when a webhook is created; answered with a pong. */
    PING("ping"),
    /** One or more commits pushed to a branch or tag (or a branch deleted). */
    PUSH("push");

    private final String header;

    GitHubEvent(String header) {
        this.header = header;
    }

    /** The name in {@code X-GitHub-Event}. */
    public String header() {
        return header;
    }

    /** The event called {@code name}, if it is one of these. */
    public static Optional<GitHubEvent> named(String name) {
        return Arrays.stream(values()).filter(e -> e.header.equals(name)).findFirst();
    }
}
