package io.ipaasops.prismatic;

import io.ipaasops.core.AllPages;
import io.ipaasops.core.FieldError;
import io.ipaasops.core.Platform;
import io.ipaasops.core.NotFoundException;
import io.ipaasops.core.UpstreamException;
import io.ipaasops.core.ValidationException;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fetches Relay connections: one page as asked, or with {@code all} every page in a stable order.
 *
 * <p>{@code all} pages with {@code first: 100} after each {@code endCursor} until {@code hasNextPage} is false,
 * keeps only the nodes of each page, and stops with a clear error past {@code prismatic.max-items}.</p>
 */
@Singleton
final class Pager {

    static final int PAGE_SIZE = 100;

    private final GraphQl graphQl;
    private final JsonMapper mapper;
    private final PrismaticConfig config;

    Pager(GraphQl graphQl, JsonMapper mapper, PrismaticConfig config) {
        this.graphQl = graphQl;
        this.mapper = mapper;
        this.config = config;
    }

    /**
     * Fetches the connection at {@code path} in the document's data.
     *
     * @param stableSort the {@code sortBy} value that makes paging stable, or null where the field takes none
     */
    <T> Page<T> fetch(GraphQlDocument document, Map<String, Object> filters, PageRequest page,
                      List<Map<String, String>> stableSort, Class<T> nodeType, String... path) {
        Map<String, Object> variables = new LinkedHashMap<>(filters);
        if (!page.all()) {
            variables.putAll(Variables.of("first", page.first(), "after", page.after(), "last", page.last(),
                    "before", page.before(), "offset", page.offset()));
            return read(graphQl.execute(document, variables), nodeType, path);
        }
        if (page.last() != null || page.before() != null) {
            throw new ValidationException("all pages are fetched forwards",
                    List.of(new FieldError("all", "cannot be combined with last or before")));
        }
        variables.put("first", PAGE_SIZE);
        if (stableSort != null) {
            variables.put("sortBy", stableSort);
        }
        variables.putAll(Variables.of("offset", page.offset()));
        AllPages.Collected<T, Page<T>> all = AllPages.collect(Platform.PRISMATIC, page.after(), config.getMaxItems(),
                "prismatic.max-items", cursor -> {
                    if (cursor != null) {
                        variables.put("after", cursor);
                        variables.remove("offset");
                    }
                    Page<T> current = read(graphQl.execute(document, variables), nodeType, path);
                    PageInfo info = current.pageInfo();
                    if (info.hasNextPage() && info.endCursor() == null) {
                        throw new UpstreamException("Prismatic reported another page but gave no cursor");
                    }
                    return new AllPages.Slice<>(current.nodes(), info.hasNextPage() ? info.endCursor() : null, current);
                });
        return new Page<>(all.items(), new PageInfo(false, page.after() != null, all.first().pageInfo().startCursor(),
                all.last().pageInfo().endCursor()), all.last().totalCount());
    }

    private <T> Page<T> read(JsonNode data, Class<T> nodeType, String... path) {
        JsonNode node = data;
        for (String step : path) {
            node = node.get(step);
            if (node == null || node.isNull()) {
                throw new NotFoundException("Prismatic has no " + step + " for the given id");
            }
        }
        try {
            Page<T> page = mapper.readValueFromTree(node, Argument.of(Page.class, nodeType));
            if (page.nodes() == null || page.pageInfo() == null) {
                throw new UpstreamException("Prismatic returned a page without nodes or pageInfo");
            }
            return page;
        } catch (IOException e) {
            throw new UpstreamException("Prismatic returned a page of an unexpected shape");
        }
    }
}
