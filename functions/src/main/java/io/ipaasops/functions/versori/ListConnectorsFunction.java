package io.ipaasops.functions.versori;

import io.ipaasops.versori.PageQuery;
import io.ipaasops.versori.VersoriClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/** Lists the organisation's connectors (ListConnectors): one page, or every page with {@code all}. */
public final class ListConnectorsFunction extends VersoriFunction<ListConnectorsFunction.ListConnectorsInput,
        Map<String, Object>> {

    /** The action's input; {@code name} is a case-insensitive substring, {@code sort} e.g. {@code name:asc}. */
    @Serdeable
    public record ListConnectorsInput(@Nullable Integer first, @Nullable String after, @Nullable String before,
                                      @Nullable String name, @Nullable String sort, @Nullable String organisationId,
                                      @Nullable Boolean all) {
    }

    /** Creates the handler; the Lambda runtime calls this. */
    public ListConnectorsFunction() {
        this(null);
    }

    /** Creates the handler on a started context (tests, the local host); {@code null}: its own, on first use. */
    public ListConnectorsFunction(@Nullable ApplicationContext context) {
        super(context, "list-connectors", ListConnectorsInput.class, Effect.READ);
    }

    @Override
    protected Map<String, Object> execute(ListConnectorsInput in, VersoriClient versori) {
        return versori.connectors(in.organisationId(), new PageQuery(in.first(), in.after(), in.before(),
                Boolean.TRUE.equals(in.all())), in.name(), in.sort());
    }
}
