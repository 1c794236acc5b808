package io.ipaasops.local.host;

import io.ipaasops.core.Platform;
import io.ipaasops.lambda.ActionFunction;
import io.ipaasops.functions.Actions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@code GET /} answers: every action with its route and a ready-to-paste example, as text or as JSON. */
final class Index {

    private final Map<String, String> examples;

    Index(Map<String, String> examples) {
        this.examples = examples;
    }

    /** The JSON form, {@code {"actions":[{action, route, handler, changes, example}]}}, for programs. */
    Map<String, Object> json(String authority) {
        List<Object> actions = new ArrayList<>();
        for (ActionFunction<?, ?> action : Actions.all()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("action", action.name());
            entry.put("route", "POST " + action.route());
            entry.put("handler", action.getClass().getName());
            entry.put("changes", action.effect() == ActionFunction.Effect.WRITE);
            entry.put("example", example(action, authority));
            actions.add(entry);
        }
        return Map.of("actions", actions);
    }

    /** The page a person reads in a browser or a terminal. */
    String text(String authority) {
        StringBuilder page = new StringBuilder();
        page.append("ipaas-ops local function host: ").append(Actions.all().size())
                .append(" actions, each at the route API Gateway gives it.\n")
                .append("Every request runs through the same handler code as on Lambda and is answered with JSON.\n")
                .append("This list as JSON: curl -s -H 'Accept: application/json' ").append(authority).append("/\n");
        Platform platform = null;
        for (ActionFunction<?, ?> action : Actions.all()) {
            if (action.platform() != platform) {
                platform = action.platform();
                page.append("\n== ").append(platform.route()).append(" ==\n");
            }
            boolean changes = action.effect() == ActionFunction.Effect.WRITE;
            page.append("\n").append(action.name()).append(changes ? " (changes the platform)" : " (reads only)")
                    .append("\n  ").append(example(action, authority)).append("\n");
        }
        return page.toString();
    }

    private String example(ActionFunction<?, ?> action, String authority) {
        return "curl -s -X POST " + authority + action.route() + " -H 'Content-Type: application/json' -d '"
                + examples.getOrDefault(action.name(), "{}") + "'";
    }
}
