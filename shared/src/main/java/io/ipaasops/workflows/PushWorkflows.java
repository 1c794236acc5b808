package io.ipaasops.workflows;

import io.ipaasops.core.Outcome;
import io.ipaasops.github.PushEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Starts the workflows whose watched file a push changed: a release per integration, a sync per connector. */
@Singleton
public final class PushWorkflows {

    /**
     * What a push started; the request is accepted either way, and finishes in the executions.
     *
     * @param started the executions started (or started by an earlier delivery), in the order of the watches
     * @param ignored why nothing started, naming what did not match; null when something did
     */
    @Serdeable
    public record Started(List<StartedExecution> started, @Nullable String ignored) implements Outcome.Reported {

        @Override
        public Outcome outcome() {
            return Outcome.ACCEPTED;
        }
    }

    private final Watches watches;
    private final WorkflowStarter starter;

    /** Creates the router over the configured watches. */
    public PushWorkflows(Watches watches, WorkflowStarter starter) {
        this.watches = watches;
        this.starter = starter;
    }

    /**
     * Starts an execution for every watch {@code push} matches: its repository, its branch, and a file the push
     * added or modified.
     *
     * @param key the delivery's key, the same on a redelivery; names the executions
     */
    public Started start(PushEvent push, String key) {
        String repository = push.repository().fullName();
        if (push.deletesRef()) {
            return ignored("the push deleted " + push.ref() + " of " + repository);
        }
        String branch = push.branch();
        if (branch == null) {
            return ignored(push.ref() + " of " + repository + " is not a branch");
        }
        List<Watch> ofRepository = watches.all().stream().filter(w -> w.watchesRepository(repository)).toList();
        if (ofRepository.isEmpty()) {
            return ignored("repository " + repository + " is not watched (watched: "
                    + describe(watches.all().stream().map(Watch::repository).toList()) + ")");
        }
        List<Watch> ofBranch = ofRepository.stream().filter(w -> w.branch().equals(branch)).toList();
        if (ofBranch.isEmpty()) {
            return ignored("branch " + branch + " of " + repository + " is not watched (watched: "
                    + describe(ofRepository.stream().map(Watch::branch).toList()) + ")");
        }
        Set<String> changed = push.changedFiles();
        List<Watch> matched = ofBranch.stream().filter(w -> changed.contains(w.path())).toList();
        if (matched.isEmpty()) {
            return ignored("no watched path changed on " + branch + " of " + repository + " (watched: "
                    + describe(ofBranch.stream().map(Watch::path).toList()) + ")");
        }
        List<StartedExecution> started = new ArrayList<>();
        for (Watch watch : matched) {
            String name = WorkflowStarter.executionName(watch.workflow(), key, watch.target() + "\n" + watch.path());
            started.add(starter.start(watch.workflow(), name, watch.input(push)));
        }
        return new Started(started, null);
    }

    private static Started ignored(String reason) {
        return new Started(List.of(), reason);
    }

    private static String describe(List<String> values) {
        return values.isEmpty() ? "none" : new TreeSet<>(values).stream().collect(Collectors.joining(", "));
    }
}
