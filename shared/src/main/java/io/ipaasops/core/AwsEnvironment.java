package io.ipaasops.core;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * Where AWS calls go and as whom: region, credentials and endpoint, named on Lambda rather than searched for, so
 * that a cold start probes no profile file or instance metadata (the SDK's Lambda cold-start guidance).
 *
 * <p>On Lambda: the region from {@code AWS_REGION}; credentials from Lambda's variables on an on-demand start, or
 * from the container endpoint under SnapStart (a restored snapshot has no credential variables and must not reuse
 * the ones INIT saw) and wherever a container endpoint is given. Elsewhere (tests, a laptop) the SDK's default
 * chains. The standard {@code AWS_ENDPOINT_URL_<SERVICE>} and {@code AWS_ENDPOINT_URL} variables are honoured.</p>
 */
public final class AwsEnvironment {

    private final UnaryOperator<String> env;

    /** The environment of this process. */
    public AwsEnvironment() {
        this(System::getenv);
    }

    /** An environment read through {@code env} (tests). */
    AwsEnvironment(UnaryOperator<String> env) {
        this.env = env;
    }

    /** The region calls are signed for and sent to. */
    public String region() {
        return namedRegion().orElseGet(() -> new DefaultAwsRegionProviderChain().getRegion().id());
    }

    /** The region when {@code aws.region} or {@code AWS_REGION} names it (always on Lambda): nothing is probed. */
    public Optional<String> namedRegion() {
        String region = System.getProperty("aws.region");
        region = region == null || region.isBlank() ? env.apply("AWS_REGION") : region;
        return region == null || region.isBlank() ? Optional.empty() : Optional.of(region);
    }

    /** Whom calls are signed as; built once per client, resolved (and cached by the provider) on each call. */
    public AwsCredentialsProvider credentials() {
        boolean lambda = env.apply("AWS_LAMBDA_FUNCTION_NAME") != null;
        boolean snapStart = "snap-start".equals(env.apply("AWS_LAMBDA_INITIALIZATION_TYPE"));
        boolean container = env.apply("AWS_CONTAINER_CREDENTIALS_FULL_URI") != null
                || env.apply("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") != null;
        boolean variables = env.apply("AWS_ACCESS_KEY_ID") != null && env.apply("AWS_SECRET_ACCESS_KEY") != null;
        if (lambda) {
            if (variables && !snapStart) {
                return EnvironmentVariableCredentialsProvider.create();
            }
            if (snapStart || container) {
                return ContainerCredentialsProvider.create();
            }
        }
        return DefaultCredentialsProvider.builder().build();
    }

    /**
     * The endpoint of a service: {@code override} when set, else {@code AWS_ENDPOINT_URL_<serviceId>}, else
     * {@code AWS_ENDPOINT_URL}, else the service's regional endpoint.
     *
     * @param serviceId the SDK's service id in upper snake case, e.g. {@code SECRETS_MANAGER}
     * @param hostPrefix the endpoint's host prefix, e.g. {@code secretsmanager}
     */
    public URI endpoint(String override, String serviceId, String hostPrefix) {
        return configuredEndpoint(override, serviceId).orElseGet(() -> {
            String region = region().toLowerCase(Locale.ROOT);
            return URI.create("https://" + hostPrefix + "." + region + ".amazonaws.com"
                    + (region.startsWith("cn-") ? ".cn" : "") + "/");
        });
    }

    /**
     * The endpoint set for a service, ending in {@code /}: {@code override}, else {@code AWS_ENDPOINT_URL_<serviceId>},
     * else {@code AWS_ENDPOINT_URL}; empty when the service's own endpoint applies.
     */
    public Optional<URI> configuredEndpoint(String override, String serviceId) {
        for (String candidate : new String[] {override, env.apply("AWS_ENDPOINT_URL_" + serviceId),
                env.apply("AWS_ENDPOINT_URL")}) {
            if (candidate != null && !candidate.isBlank()) {
                return Optional.of(URI.create(candidate.endsWith("/") ? candidate : candidate + "/"));
            }
        }
        return Optional.empty();
    }
}
