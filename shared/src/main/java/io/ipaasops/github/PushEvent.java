package io.ipaasops.github;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The parts of GitHub's {@code push} webhook payload that decide which workflows start; GitHub sends many more
 * fields, which are ignored.
 *
 * @param ref        the full ref pushed, {@code refs/heads/<branch>} or {@code refs/tags/<tag>}
 * @param after      the commit the ref points at now; forty zeros when the ref was deleted
 * @param deleted    whether the push deleted the ref
 * @param repository the repository pushed to
 * @param commits    the pushed commits (GitHub lists at most 2,048)
 * @param headCommit the commit at {@code after}; null when the ref was deleted
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record PushEvent(@NonNull String ref, @NonNull String after, @Nullable Boolean deleted,
                        @NonNull Repository repository, @Nullable List<Commit> commits,
                        @Nullable @JsonProperty("head_commit") Commit headCommit) {

    private static final String BRANCHES = "refs/heads/";

    /**
     * The repository, as GitHub names it in a webhook payload.
     *
     * @param fullName {@code owner/name}
     * @param htmlUrl  its web page
     */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Repository(@NonNull @JsonProperty("full_name") String fullName,
                             @Nullable @JsonProperty("html_url") String htmlUrl) {
    }

    /**
     * One commit of a push.
     *
     * @param id       its SHA
     * @param message  its message
     * @param url      its web page
     * @param added    files it added
     * @param modified files it changed
     */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Commit(@Nullable String id, @Nullable String message, @Nullable String url,
                         @Nullable List<String> added, @Nullable List<String> modified) {
    }

    /** Whether the push deleted its ref (then {@code after} is all zeros). */
    public boolean deletesRef() {
        return Boolean.TRUE.equals(deleted) || after == null || after.chars().allMatch(c -> c == '0');
    }

    /** The branch pushed to, or null when the ref is not a branch (a tag). */
    public @Nullable String branch() {
        return ref != null && ref.startsWith(BRANCHES) ? ref.substring(BRANCHES.length()) : null;
    }

    /** Every file the push added or changed, in every commit and the head commit (removed files are not). */
    public Set<String> changedFiles() {
        List<Commit> all = new ArrayList<>(commits == null ? List.of() : commits);
        if (headCommit != null) {
            all.add(headCommit);
        }
        Set<String> files = new LinkedHashSet<>();
        for (Commit commit : all) {
            files.addAll(commit.added() == null ? List.of() : commit.added());
            files.addAll(commit.modified() == null ? List.of() : commit.modified());
        }
        return files;
    }

    /** The first line of the head commit's message, or null. */
    public @Nullable String headline() {
        String message = headCommit == null ? null : headCommit.message();
        return message == null ? null : message.lines().findFirst().orElse("").strip();
    }
}
