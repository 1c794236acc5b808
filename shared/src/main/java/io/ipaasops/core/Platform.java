package io.ipaasops.core;

/**
 * The platforms ipaas-ops drives: each one's route prefix, the name its messages use, and whether its calls carry
 * the invocation's X-Ray trace header (docs/decisions/0029).
 */
public enum Platform {
    /** Prismatic's GraphQL API. */
    PRISMATIC("prismatic", "Prismatic", true),
    /** Versori's connect API. */
    VERSORI("versori", "Versori", true),
    /** GitHub's REST API (repository contents) and its push webhook. */
    GITHUB("github", "GitHub", false),
    /** No platform: the workflows' own steps (planning and reporting), which call nothing. */
    WORKFLOW("workflow", "Workflow", false);

    private final String route;
    private final String title;
    private final boolean carriesTrace;

    Platform(String route, String title, boolean carriesTrace) {
        this.route = route;
        this.title = title;
        this.carriesTrace = carriesTrace;
    }

    /** Whether requests to it carry the invocation's {@code X-Amzn-Trace-Id} ({@link Trace}). */
    public boolean carriesTrace() {
        return carriesTrace;
    }

    /** The route prefix of its actions ({@code POST /prismatic/deploy-instance}), also its name in metrics and logs. */
    public String route() {
        return route;
    }

    /** The name people know it by, used in messages and logs. */
    @Override
    public String toString() {
        return title;
    }
}
