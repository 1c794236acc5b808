package io.ipaasops.prismatic;

import io.micronaut.serde.annotation.Serdeable;

/** One execution of a flow; {@code endedAt} is null while it runs. */
@Serdeable
public record Execution(String id, String startedAt, String endedAt, String status, String error, String invokeType,
                        String resultType, Boolean isTestExecution, Integer stepCount, Ref instance, Ref flow,
                        IntegrationRef integration) {

    /** Whether the execution has finished. */
    public boolean ended() {
        return endedAt != null;
    }
}
