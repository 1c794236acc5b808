package io.ipaasops.github;

import io.micronaut.serde.annotation.Serdeable;

/**
 * One file read from a repository.
 *
 * @param repository the repository, {@code owner/name}
 * @param path       the file's path in it, without a leading slash
 * @param ref        the commit, branch or tag it was read at
 * @param content    the file's bytes as UTF-8 text
 */
@Serdeable
public record GitHubFile(String repository, String path, String ref, String content) {
}
