package io.ipaasops.functions.github;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.ipaasops.core.Delivery;
import io.ipaasops.core.FieldError;
import io.ipaasops.core.Outcome;
import io.ipaasops.core.Platform;
import io.ipaasops.core.ValidationException;
import io.ipaasops.github.GitHubEvent;
import io.ipaasops.github.PushEvent;
import io.ipaasops.lambda.ActionFunction;
import io.ipaasops.workflows.PushWorkflows;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.BeanLocator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * GitHub's push webhook ({@code POST /github/push}): a push starts the release and connector-sync workflows whose
 * watched file it changed (202, the executions started); a ping is answered with a pong (200); any other event
 * is acknowledged and ignored (204).
 *
 * <p>The event is GitHub's {@code X-GitHub-Event} header, which the webhook trigger binds as the {@link Delivery}.
 * Invoked without one (the CLI, a direct invocation replaying a payload), the payload's shape says it: a ping has
 * {@code zen}, a push has {@code ref}. Executions are named for the delivery key, else the pushed commit.</p>
 */
public final class GitHubPushFunction extends ActionFunction<GitHubPushFunction.GitHubPushInput, Outcome.Reported> {

    /**
     * The fields of GitHub's ping and push payloads this webhook reads; every other field is ignored.
     *
     * @param zen        a ping's GitHub zen
     * @param ref        a push's ref
     * @param after      a push's new head
     * @param deleted    whether a push deleted its ref
     * @param repository the repository
     * @param commits    a push's commits
     * @param headCommit a push's head commit
     */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record GitHubPushInput(@Nullable String zen, @Nullable String ref, @Nullable String after,
                                  @Nullable Boolean deleted, @Nullable PushEvent.Repository repository,
                                  @Nullable List<PushEvent.Commit> commits,
                                  @Nullable @JsonProperty("head_commit") PushEvent.Commit headCommit) {
    }

    /**
     * The answer to a ping.
     *
     * @param pong always true
     * @param zen  the zen GitHub sent
     */
    @Serdeable
    public record Pong(boolean pong, @Nullable String zen) implements Outcome.Reported {

        @Override
        public Outcome outcome() {
            return Outcome.DONE;
        }
    }

    /**
     * The answer to an event this webhook does not act on.
     *
     * @param ignored why
     */
    @Serdeable
    public record NotHandled(String ignored) implements Outcome.Reported {

        @Override
        public Outcome outcome() {
            return Outcome.NOTHING_TO_DO;
        }
    }

    /** Creates the handler; the Lambda runtime calls this. */
    public GitHubPushFunction() {
        this(null);
    }

    /** Creates the handler on a started context (tests, the local host); {@code null}: its own, on first use. */
    public GitHubPushFunction(@Nullable ApplicationContext context) {
        super(context, Platform.GITHUB, "github-push", GitHubPushInput.class, Effect.WRITE);
    }

    /** GitHub's webhook is configured at {@code /github/push}, not at the action's name. */
    @Override
    public String route() {
        return "/github/push";
    }

    @Override
    public Outcome.Reported run(GitHubPushInput input, BeanLocator beans) {
        Delivery delivery = Delivery.current();
        Optional<GitHubEvent> event = delivery.event() != null ? GitHubEvent.named(delivery.event())
                : input.zen() != null ? Optional.of(GitHubEvent.PING)
                : input.ref() != null ? Optional.of(GitHubEvent.PUSH) : Optional.empty();
        if (event.isEmpty()) {
            return new NotHandled(delivery.event() != null
                    ? "GitHub event '" + delivery.event() + "' is not handled; only ping and push are"
                    : "no X-GitHub-Event header, and the payload is neither a ping nor a push");
        }
        if (event.get() == GitHubEvent.PING) {
            return new Pong(true, input.zen());
        }
        PushEvent push = push(input);
        String key = delivery.id() != null ? delivery.id() : push.after();
        return beans.getBean(PushWorkflows.class).start(push, key);
    }

    private static PushEvent push(GitHubPushInput input) {
        List<FieldError> missing = new ArrayList<>();
        if (input.ref() == null) {
            missing.add(new FieldError("ref", "is required in a push"));
        }
        if (input.after() == null) {
            missing.add(new FieldError("after", "is required in a push"));
        }
        if (input.repository() == null) {
            missing.add(new FieldError("repository", "is required in a push"));
        }
        if (!missing.isEmpty()) {
            throw new ValidationException("not a GitHub push payload", missing);
        }
        return new PushEvent(input.ref(), input.after(), input.deleted(), input.repository(), input.commits(),
                input.headCommit());
    }
}
