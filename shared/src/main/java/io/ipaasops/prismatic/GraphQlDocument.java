package io.ipaasops.prismatic;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A GraphQL operation kept as a {@code .graphql} resource (as Prism keeps them), with its fragments inlined.
 *
 * <p>A document names the fragments it needs with {@code #import "Name.graphql"} lines, the graphql-tag
 * convention; each fragment is included once. Documents are read on first use and kept.</p>
 *
 * @param name     the file name without extension, e.g. {@code deployInstance}
 * @param text     the full document sent on the wire
 * @param mutation whether the operation is a mutation (mutations are never repeated blindly)
 */
public record GraphQlDocument(String name, String text, boolean mutation) {

    /** The classpath folder holding the documents. */
    public static final String FOLDER = "/io/ipaasops/prismatic/graphql/";

    private static final Pattern IMPORT = Pattern.compile("^#import \"([A-Za-z0-9_]+\\.graphql)\"\\s*$",
            Pattern.MULTILINE);
    private static final Map<String, GraphQlDocument> LOADED = new ConcurrentHashMap<>();

    /** Loads the document {@code name} with its imported fragments. */
    public static GraphQlDocument load(String name) {
        return LOADED.computeIfAbsent(name, n -> {
            Set<String> fragments = new LinkedHashSet<>();
            String own = read(n + ".graphql");
            collect(own, fragments);
            StringBuilder text = new StringBuilder(strip(own));
            for (String fragment : fragments) {
                text.append('\n').append(strip(read(fragment)));
            }
            String body = text.toString().trim();
            return new GraphQlDocument(n, body, GraphQlOperations.mayChange(body, null));
        });
    }

    private static void collect(String source, Set<String> fragments) {
        Matcher m = IMPORT.matcher(source);
        while (m.find()) {
            if (fragments.add(m.group(1))) {
                collect(read(m.group(1)), fragments);
            }
        }
    }

    private static String strip(String source) {
        return IMPORT.matcher(source).replaceAll("").trim();
    }

    private static String read(String file) {
        try (InputStream in = GraphQlDocument.class.getResourceAsStream(FOLDER + file)) {
            if (in == null) {
                throw new IllegalStateException("missing GraphQL document " + FOLDER + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
