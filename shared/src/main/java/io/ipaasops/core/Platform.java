package io.ipaasops.core;

/** The platforms ipaas-ops drives: each one's route prefix and the name its messages use. */
public enum Platform {
    /** Prismatic's GraphQL API. */
    PRISMATIC("prismatic", "Prismatic"),
    /** Versori's connect API. */
    VERSORI("versori", "Versori"),
    /** GitHub's REST API (repository contents) and its push webhook. */
    GITHUB("github", "GitHub"),
    /** No platform: the workflows' own steps (planning and reporting), which call nothing. */
    WORKFLOW("workflow", "Workflow");

    private final String route;
    private final String title;

    Platform(String route, String title) {
        this.route = route;
        this.title = title;
    }

    /** The route prefix of its actions, as in {@code POST /prismatic/deploy-instance}. */
    public String route() {
        return route;
    }

    /** The name people know it by, used in messages and logs. */
    @Override
    public String toString() {
        return title;
    }
}
