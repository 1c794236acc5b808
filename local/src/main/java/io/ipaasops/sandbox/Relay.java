package io.ipaasops.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/** Relay connections over in-memory lists: filters by Prismatic's argument naming, sorting, and cursor paging. */
final class Relay {

    static final int DEFAULT_PAGE = 100;
    private static final String PREFIX = "arrayconnection:";

    private Relay() {
    }

    /**
     * One page of {@code items} per the Relay arguments {@code first/after/last/before/offset}, as the map
     * {@code {edges, nodes, pageInfo, totalCount}}.
     */
    static Map<String, Object> page(List<Map<String, Object>> items, Map<String, Object> args) {
        int total = items.size();
        int start = 0;
        int end = total;
        if (args.get("after") instanceof String after) {
            start = Math.max(start, index(after) + 1);
        }
        if (args.get("before") instanceof String before) {
            end = Math.min(end, index(before));
        }
        if (args.get("offset") instanceof Integer offset) {
            start += Math.max(0, offset);
        }
        Integer first = (Integer) args.get("first");
        Integer last = (Integer) args.get("last");
        if (first != null) {
            end = Math.min(end, start + Math.max(0, first));
        }
        if (last != null) {
            start = Math.max(start, end - Math.max(0, last));
        }
        if (first == null && last == null) {
            end = Math.min(end, start + DEFAULT_PAGE);
        }
        start = Math.min(start, total);
        end = Math.max(start, Math.min(end, total));
        Map<String, Object> pageInfo = new LinkedHashMap<>();
        pageInfo.put("hasNextPage", end < total);
        pageInfo.put("hasPreviousPage", start > 0);
        pageInfo.put("startCursor", start < end ? cursor(start) : null);
        pageInfo.put("endCursor", start < end ? cursor(end - 1) : null);
        Map<String, Object> connection = new LinkedHashMap<>();
        List<Map<String, Object>> nodes = new ArrayList<>(items.subList(start, end));
        List<Map<String, Object>> edges = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            Map<String, Object> edge = new LinkedHashMap<>();
            edge.put("cursor", cursor(start + i));
            edge.put("node", nodes.get(i));
            edges.add(edge);
        }
        connection.put("edges", edges);
        connection.put("nodes", nodes);
        connection.put("pageInfo", pageInfo);
        connection.put("totalCount", total);
        return connection;
    }

    /** Sorts by {@code sortBy: [{field, direction}]}; {@code fields} maps each order field to a value. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> sort(List<Map<String, Object>> items, Object sortBy,
                                          Map<String, Function<Map<String, Object>, Comparable<Object>>> fields) {
        if (!(sortBy instanceof List<?> orders) || orders.isEmpty()) {
            return items;
        }
        Comparator<Map<String, Object>> comparator = null;
        for (Object o : orders) {
            Map<String, Object> order = (Map<String, Object>) o;
            Function<Map<String, Object>, Comparable<Object>> key = fields.get(String.valueOf(order.get("field")));
            if (key == null) {
                continue;
            }
            Comparator<Map<String, Object>> next = Comparator.comparing(key,
                    Comparator.nullsFirst(Comparator.naturalOrder()));
            if ("DESC".equals(String.valueOf(order.get("direction")))) {
                next = next.reversed();
            }
            comparator = comparator == null ? next : comparator.thenComparing(next);
        }
        List<Map<String, Object>> sorted = new ArrayList<>(items);
        if (comparator != null) {
            sorted.sort(comparator);
        }
        return sorted;
    }

    /**
     * The filter Prismatic's argument names describe: {@code x} equals, {@code x_Icontains}, {@code x_Istartswith},
     * {@code x_Iexact}; {@code labels_Icontains} matches any label. Paging and sorting arguments are ignored, as are
     * names {@code special} handles itself.
     */
    static Predicate<Map<String, Object>> filter(Map<String, Object> args, List<String> special) {
        Predicate<Map<String, Object>> all = item -> true;
        for (Map.Entry<String, Object> arg : args.entrySet()) {
            String name = arg.getKey();
            Object wanted = arg.getValue();
            if (wanted == null || special.contains(name)
                    || List.of("first", "after", "last", "before", "offset", "sortBy").contains(name)) {
                continue;
            }
            int cut = name.indexOf('_');
            String field = cut < 0 ? name : name.substring(0, cut);
            String op = cut < 0 ? "" : name.substring(cut + 1);
            String text = String.valueOf(wanted).toLowerCase(Locale.ROOT);
            Predicate<Map<String, Object>> test = switch (op) {
                case "Icontains" -> item -> values(item.get(field)).stream().anyMatch(v -> v.contains(text));
                case "Istartswith" -> item -> values(item.get(field)).stream().anyMatch(v -> v.startsWith(text));
                case "Iexact" -> item -> values(item.get(field)).stream().anyMatch(v -> v.equals(text));
                default -> item -> wanted.equals(item.get(field));
            };
            all = all.and(test);
        }
        return all;
    }

    private static List<String> values(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(v -> String.valueOf(v).toLowerCase(Locale.ROOT)).toList();
        }
        return value == null ? List.of() : List.of(String.valueOf(value).toLowerCase(Locale.ROOT));
    }

    static String cursor(int index) {
        return Base64.getEncoder().encodeToString((PREFIX + index).getBytes(StandardCharsets.UTF_8));
    }

    private static int index(String cursor) {
        try {
            String decoded = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
            return decoded.startsWith(PREFIX) ? Integer.parseInt(decoded.substring(PREFIX.length())) : -1;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
