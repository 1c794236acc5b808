package io.ipaasops.prismatic;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds GraphQL variables from name/value pairs, leaving out every value the caller did not set. */
public final class Variables {

    private Variables() {
    }

    /**
     * The variables {@code name1, value1, name2, value2, ...} whose value is not null, in order.
     *
     * <p>An unset variable is left out rather than sent as null, so the server sees no filter at all.</p>
     */
    public static Map<String, Object> of(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                variables.put((String) namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return variables;
    }
}
