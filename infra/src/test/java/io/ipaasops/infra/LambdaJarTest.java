package io.ipaasops.infra;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stale or missing Lambda jar stops the synthesis, so a deploy never uploads code older than the checkout. */
class LambdaJarTest {

    private static final Instant BUILT = Instant.parse("2026-01-01T10:00:00Z");

    @TempDir
    Path root;

    private Path jar() throws IOException {
        Path jar = Files.createDirectories(root.resolve("functions/target")).resolve("ipaas-ops-lambda.jar");
        Files.writeString(jar, "jar");
        return touch(jar, BUILT);
    }

    private Path source(String path, Instant modified) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "class A {}");
        touch(file, modified);
        // Editing a file leaves its folders' times alone: they stay from before the build.
        for (Path dir = file.getParent(); !dir.equals(root); dir = dir.getParent()) {
            touch(dir, BUILT.minusSeconds(3600));
        }
        return file;
    }

    private static Path touch(Path path, Instant modified) throws IOException {
        return Files.setLastModifiedTime(path, FileTime.from(modified));
    }

    @Test
    void aJarBuiltAfterEverySourceIsCurrent() throws IOException {
        source("functions/src/main/java/A.java", BUILT.minusSeconds(60));
        source("shared/src/main/resources/a.graphql", BUILT.minusSeconds(60));
        Path jar = jar();

        assertDoesNotThrow(() -> LambdaJar.requireCurrent(jar, LambdaJar.sources(root)));
    }

    @Test
    void aSourceChangedAfterTheBuildNamesTheFileAndTheBuildCommand() throws IOException {
        Path changed = source("shared/src/main/java/B.java", BUILT.plusSeconds(1));
        Path jar = jar();

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> LambdaJar.requireCurrent(jar, LambdaJar.sources(root)));
        assertTrue(e.getMessage().contains(changed.toString()) && e.getMessage().contains(LambdaJar.BUILD),
                e.getMessage());
    }

    @Test
    void aSourceDeletedAfterTheBuildMakesTheJarStaleThroughItsFolder() throws IOException {
        Path deleted = source("functions/src/main/java/C.java", BUILT.minusSeconds(60));
        Path jar = jar();
        Files.delete(deleted);
        touch(deleted.getParent(), BUILT.plusSeconds(1));

        assertThrows(IllegalStateException.class, () -> LambdaJar.requireCurrent(jar, LambdaJar.sources(root)));
    }

    @Test
    void aChangedPomMakesTheJarStale() throws IOException {
        source("functions/pom.xml", BUILT.plusSeconds(1));
        Path jar = jar();

        assertThrows(IllegalStateException.class, () -> LambdaJar.requireCurrent(jar, LambdaJar.sources(root)));
    }

    @Test
    void aMissingJarSaysWhichCommandBuildsIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> LambdaJar.requireCurrent(
                root.resolve("functions/target/ipaas-ops-lambda.jar"), List.of(root)));
        assertTrue(e.getMessage().contains("does not exist") && e.getMessage().contains(LambdaJar.BUILD),
                e.getMessage());
    }
}
