package io.ipaasops.prismatic;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** An instance: one customer's deployment of one integration version. {@code flowConfigs} only from get-instance. */
@Serdeable
public record Instance(String id, String name, String description, Boolean enabled, Integer deployedVersion,
                       Boolean needsDeploy, String configState, Boolean inFailedState, List<String> labels,
                       String lastDeployedAt, String lastExecutedAt, String updatedAt, CustomerRef customer,
                       IntegrationRef integration, Nodes<FlowConfig> flowConfigs) {
}
