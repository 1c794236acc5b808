package io.ipaasops.functions.github;

import io.ipaasops.core.Platform;
import io.ipaasops.github.GitHubClient;
import io.ipaasops.lambda.ActionFunction;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.BeanLocator;
import io.micronaut.core.annotation.Nullable;

/**
 * The base of every GitHub API action: the action receives its validated input and the GitHub client.
 *
 * @param <I> the input record
 * @param <O> the output
 */
public abstract class GitHubFunction<I, O> extends ActionFunction<I, O> {

    /** Describes a GitHub action on {@code context} (null: Lambda's own); see {@link ActionFunction}. */
    protected GitHubFunction(@Nullable ApplicationContext context, String name, Class<I> inputType, Effect effect) {
        super(context, Platform.GITHUB, name, inputType, effect);
    }

    /** Runs the action: usually one call on {@code github}. */
    protected abstract O execute(I input, GitHubClient github);

    @Override
    public final O run(I input, BeanLocator beans) {
        return execute(input, beans.getBean(GitHubClient.class));
    }
}
