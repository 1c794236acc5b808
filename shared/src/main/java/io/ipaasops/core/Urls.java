package io.ipaasops.core;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Platform URLs built one way: a configured base and a path, with path segments percent-encoded. */
public final class Urls {

    private Urls() {
    }

    /** {@code base} (with or without a trailing slash) followed by {@code path}, which starts with a slash. */
    public static String join(URI base, String path) {
        String text = base.toString();
        return (text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + path;
    }

    /** One path segment, percent-encoded: a slash in it stays inside the segment, a space is {@code %20}. */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
