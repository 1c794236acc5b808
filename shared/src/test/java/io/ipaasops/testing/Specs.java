package io.ipaasops.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the API contracts in {@code ../shared/specs}, which tests read in place and never copy. */
public final class Specs {

    private Specs() {
    }

    /** The specs folder, if present: the {@code ipaasops.specs.dir} property, else {@code ../shared/specs} upwards. */
    public static Optional<Path> dir() {
        String configured = System.getProperty("ipaasops.specs.dir");
        if (configured != null && Files.isDirectory(Path.of(configured))) {
            return Optional.of(Path.of(configured).normalize());
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared").resolve("specs");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The named spec file, if the specs folder and the file are present. */
    public static Optional<Path> file(String name) {
        return dir().map(d -> d.resolve(name)).filter(Files::isRegularFile);
    }

    /** The message tests print when they skip for want of the specs. */
    public static String missing(String name) {
        return "skipped: ../shared/specs/" + name + " is absent (CI has it); set -Dipaasops.specs.dir to run";
    }
}
