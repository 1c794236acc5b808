package io.ipaasops.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Checks that the Lambda deployable is not older than its sources, so a deploy never ships stale code. */
final class LambdaJar {

    /** The command that builds the jar (README's first command, without starting the host). */
    static final String BUILD = "./mvnw -B -q -DskipTests package";

    private LambdaJar() {
    }

    /** The Lambda jar's sources under the project root {@code root}: the POMs, shared's and functions' main trees. */
    static List<Path> sources(Path root) {
        return List.of(root.resolve("pom.xml"), root.resolve("shared/pom.xml"), root.resolve("shared/src/main"),
                root.resolve("functions/pom.xml"), root.resolve("functions/src/main"));
    }

    /** Throws, naming the newer file and the command to run, when {@code jar} is missing or older than a source. */
    static void requireCurrent(Path jar, List<Path> sources) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.normalize() + " does not exist: run " + BUILD
                    + " in the project root first");
        }
        FileTime built = modified(jar);
        newest(sources).filter(source -> modified(source).compareTo(built) > 0).ifPresent(source -> {
            throw new IllegalStateException(jar.normalize() + " is older than " + source.normalize()
                    + ", so it would deploy stale code: run " + BUILD + " in the project root first");
        });
    }

    // Directories count too: deleting a source file changes only its directory's time.
    private static Optional<Path> newest(List<Path> sources) {
        return sources.stream().filter(Files::exists).flatMap(LambdaJar::walk)
                .max(Comparator.comparing(LambdaJar::modified));
    }

    private static Stream<Path> walk(Path source) {
        try (Stream<Path> files = Files.walk(source)) {
            return files.toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + source, e);
        }
    }

    private static FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the time of " + path, e);
        }
    }
}
