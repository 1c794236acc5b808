package io.ipaasops.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipaasops.core.Deadline;
import io.ipaasops.testing.LambdaEvents;
import io.ipaasops.testing.PrismaticStub;
import io.ipaasops.triggers.EventAdapter;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without {@code IDEMPOTENCY_TABLE}, idempotency is off: a redelivered message runs again (as README says). */
class IdempotencyOffTest {

    @Test
    void redeliveryRunsAgainWhenNoTableIsConfigured() {
        PrismaticCases.Case deploy = PrismaticCases.ALL.get(0);
        try (PrismaticStub prismatic = new PrismaticStub();
             ApplicationContext context = ApplicationContext.run(Map.of("prismatic.url", prismatic.url(),
                     "prism.refresh-token", PrismaticStub.REFRESH_TOKEN))) {
            prismatic.stubData(deploy.operation(), deploy.data());
            EventAdapter adapter = context.getBean(EventAdapter.class);
            byte[] event = LambdaEvents.sqs("same-message", deploy.input()).getBytes(StandardCharsets.UTF_8);

            adapter.handle(Actions.named(deploy.action()).orElseThrow(), event, Deadline.in(Duration.ofSeconds(10)));
            adapter.handle(Actions.named(deploy.action()).orElseThrow(), event, Deadline.in(Duration.ofSeconds(10)));

            assertEquals(2, prismatic.requests(deploy.operation()).size());
        }
    }
}
