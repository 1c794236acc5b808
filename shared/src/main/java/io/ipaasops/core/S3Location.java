package io.ipaasops.core;

import io.micronaut.core.annotation.NonNull;
import io.micronaut.serde.annotation.Serdeable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An object in Amazon S3 (or, for a listing, a key prefix): where a workflow keeps what does not fit in its state.
 *
 * @param bucket the bucket's name
 * @param key    the object's key
 */
@Serdeable
public record S3Location(@NonNull String bucket, @NonNull String key) {

    /** S3's rules for a general purpose bucket's name. */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final int LONGEST_KEY = 1024;

    /** The object's {@code s3://} address, as the console and the CLI show it. */
    public String uri() {
        return "s3://" + bucket + "/" + key;
    }

    /** What is wrong with this location, each problem named by {@code field} (e.g. {@code targets}). */
    public List<FieldError> problems(String field) {
        List<FieldError> problems = new ArrayList<>();
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            problems.add(new FieldError(field + ".bucket", "is not an S3 bucket name (3 to 63 lowercase letters,"
                    + " digits, dots and hyphens)"));
        }
        int length = key.getBytes(StandardCharsets.UTF_8).length;
        if (key.isBlank() || length > LONGEST_KEY || key.startsWith("/")) {
            problems.add(new FieldError(field + ".key", "must be 1 to " + LONGEST_KEY
                    + " bytes and not start with /"));
        }
        return problems;
    }

    /** The object {@code name} under this location taken as a prefix. */
    public S3Location resolve(String name) {
        return new S3Location(bucket, key.endsWith("/") ? key + name : key + "/" + name);
    }

    @Override
    public String toString() {
        return uri();
    }
}
