package io.ipaasops.functions.workflow;

import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Arrays;

/** What a rollout did to one instance, as the report says it. */
@Serdeable
public enum InstanceStatus {
    /** Moved to the version (a release) and deployed. */
    DEPLOYED("deployed"),
    /** Moved to the version, but its deploy failed. */
    UPGRADED("upgraded"),
    /** Neither moved nor deployed: its step failed. */
    FAILED("failed"),
    /** Never reached: the rollout stopped first (stopOnFailure), or the canary was not healthy. */
    NOT_STARTED("not_started"),
    /** Its batch was stopped while it ran, or no result was recorded: check the instance itself. */
    UNKNOWN("unknown");

    private final String json;

    InstanceStatus(String json) {
        this.json = json;
    }

    /** The name in the report. */
    @JsonValue
    public String json() {
        return json;
    }

    /** The status a workflow's result Pass state wrote ({@code deployed}, ...); missing means failed. */
    static InstanceStatus of(@Nullable String json) {
        return json == null ? FAILED : Arrays.stream(values()).filter(s -> s.json.equals(json)).findFirst()
                .orElse(UNKNOWN);
    }
}
