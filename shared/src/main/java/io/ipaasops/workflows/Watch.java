package io.ipaasops.workflows;

import io.ipaasops.github.PushEvent;

/** A file on a branch of a repository whose changes start a workflow. */
public sealed interface Watch permits ReleaseWatch, ConnectorSyncWatch {

    /** The repository, {@code owner/name}. */
    String repository();

    /** The branch, without {@code refs/heads/}. */
    String branch();

    /** The file's path in the repository. */
    String path();

    /** The workflow a change starts. */
    Workflow workflow();

    /** What the workflow works on (an integration or connector id); it tells two watches of one push apart. */
    String target();

    /** The execution input for {@code push}, which changed this watch's file. */
    Object input(PushEvent push);

    /** Whether GitHub's {@code owner/name} is this repository (GitHub's names ignore case). */
    default boolean watchesRepository(String fullName) {
        return repository().equalsIgnoreCase(fullName);
    }

    /** Where the workflow reads the watched file: this path at the pushed commit. */
    default WorkflowInputs.Source source(PushEvent push) {
        return new WorkflowInputs.Source(push.repository().fullName(), path(), push.after());
    }
}
