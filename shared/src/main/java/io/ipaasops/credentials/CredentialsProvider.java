package io.ipaasops.credentials;

/**
 * Supplies one platform's credentials; the environment and AWS Secrets Manager implement it.
 *
 * @param <T> the credentials record
 */
public interface CredentialsProvider<T> {

    /**
     * The current credentials.
     *
     * @throws io.ipaasops.core.UnauthorizedException when none are configured
     */
    T get();

    /** Called after the platform refused the credentials; a provider that can reload them (a rotated secret) does. */
    default void refresh() {
    }
}
