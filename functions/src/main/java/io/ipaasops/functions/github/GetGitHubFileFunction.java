package io.ipaasops.functions.github;

import io.ipaasops.github.GitHubClient;
import io.ipaasops.github.GitHubFile;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Reads one file of a repository at a commit, branch or tag (GitHub's contents API), as UTF-8 text. */
public final class GetGitHubFileFunction extends GitHubFunction<GetGitHubFileFunction.GetGitHubFileInput,
        GitHubFile> {

    /** The action's input: {@code repository} as {@code owner/name}; {@code ref} a commit SHA, branch or tag. */
    @Serdeable
    public record GetGitHubFileInput(@NonNull String repository, @NonNull String path, @NonNull String ref) {
    }

    /** Creates the handler; the Lambda runtime calls this. */
    public GetGitHubFileFunction() {
        this(null);
    }

    /** Creates the handler on a started context (tests, the local host); {@code null}: its own, on first use. */
    public GetGitHubFileFunction(@Nullable ApplicationContext context) {
        super(context, "get-github-file", GetGitHubFileInput.class, Effect.READ);
    }

    @Override
    protected GitHubFile execute(GetGitHubFileInput input, GitHubClient github) {
        return github.readFile(input.repository(), input.path(), input.ref());
    }
}
