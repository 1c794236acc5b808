package io.ipaasops.triggers;

import io.ipaasops.core.Action;
import io.ipaasops.core.Delivery;
import io.ipaasops.core.Outcome;
import io.ipaasops.core.Platform;
import io.ipaasops.prismatic.PrismaticClient;
import io.micronaut.context.BeanLocator;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/** Actions as the functions module writes them (an input record, one real client call), for testing the triggers. */
final class FixtureActions {

    /** An instance id, and deploy's {@code force}. */
    @Serdeable
    record InstanceInput(@NonNull String instanceId, @Nullable Boolean force) {
    }

    /** A customer id. */
    @Serdeable
    record CustomerInput(@NonNull String customerId) {
    }

    /** An integration id. */
    @Serdeable
    record IntegrationInput(@NonNull String integrationId) {
    }

    /** The outcome an acknowledging action is to report. */
    @Serdeable
    record OutcomeInput(@NonNull String outcome) {
    }

    /** What an acknowledging action saw of its delivery, and the outcome it reports. */
    @Serdeable
    record Acknowledged(String event, String delivery, @io.micronaut.core.annotation.Nullable Outcome reported)
            implements Outcome.Reported {

        @Override
        public Outcome outcome() {
            return reported;
        }
    }

    /** How often {@link #ACKNOWLEDGE} ran. */
    static final AtomicInteger ACKNOWLEDGED = new AtomicInteger();

    /** A changing action that calls no platform: it reports the outcome it is given and the delivery it ran in. */
    static final Action<?, ?> ACKNOWLEDGE = new Action<OutcomeInput, Acknowledged>() {
        @Override
        public Platform platform() {
            return Platform.GITHUB;
        }

        @Override
        public String name() {
            return "acknowledge";
        }

        @Override
        public Class<OutcomeInput> inputType() {
            return OutcomeInput.class;
        }

        @Override
        public Effect effect() {
            return Effect.WRITE;
        }

        @Override
        public Acknowledged run(OutcomeInput input, BeanLocator beans) {
            ACKNOWLEDGED.incrementAndGet();
            Delivery delivery = Delivery.current();
            return new Acknowledged(delivery.event(), delivery.id(), Outcome.valueOf(input.outcome()));
        }
    };

    /** One Prismatic action made of its name, effect, input record and client call. */
    record Fixture<I, O>(String name, Effect effect, Class<I> inputType, BiFunction<I, PrismaticClient, O> call)
            implements Action<I, O> {

        @Override
        public Platform platform() {
            return Platform.PRISMATIC;
        }

        @Override
        public O run(I input, BeanLocator beans) {
            return call.apply(input, beans.getBean(PrismaticClient.class));
        }
    }

    static final Action<?, ?> DEPLOY = new Fixture<>("deploy-instance", Action.Effect.WRITE, InstanceInput.class,
            (in, prismatic) -> prismatic.deployInstance(in.instanceId(), in.force()));
    static final Action<?, ?> DISABLE = new Fixture<>("disable-instance", Action.Effect.WRITE, InstanceInput.class,
            (in, prismatic) -> prismatic.disableInstance(in.instanceId()));
    static final Action<?, ?> GET_INSTANCE = new Fixture<>("get-instance", Action.Effect.READ, InstanceInput.class,
            (in, prismatic) -> prismatic.instance(in.instanceId()));
    static final Action<?, ?> GET_CUSTOMER = new Fixture<>("get-customer", Action.Effect.READ, CustomerInput.class,
            (in, prismatic) -> prismatic.customer(in.customerId()));
    static final Action<?, ?> PUBLISH = new Fixture<>("publish-integration-version", Action.Effect.WRITE,
            IntegrationInput.class, (in, prismatic) -> prismatic.publishIntegration(in.integrationId(), null, null));

    private FixtureActions() {
    }
}
