package io.ipaasops.prismatic;

import io.micronaut.serde.annotation.Serdeable;

/** An instance's configuration of one flow, with the webhook URL that triggers it. */
@Serdeable
public record FlowConfig(String id, String webhookUrl, Ref flow) {
}
