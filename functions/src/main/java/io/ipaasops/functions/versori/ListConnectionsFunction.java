package io.ipaasops.functions.versori;

import io.ipaasops.versori.PageQuery;
import io.ipaasops.versori.VersoriClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/** Lists a connector's connections (summaries): one page, or every page with {@code all}. */
public final class ListConnectionsFunction extends VersoriFunction<ListConnectionsFunction.ListConnectionsInput,
        Map<String, Object>> {

    /** The action's input. */
    @Serdeable
    public record ListConnectionsInput(@NonNull String connectorId, @Nullable String organisationId,
                                       @Nullable Integer first, @Nullable String after, @Nullable String before,
                                       @Nullable Boolean all) {
    }

    /** Creates the handler; the Lambda runtime calls this. */
    public ListConnectionsFunction() {
        this(null);
    }

    /** Creates the handler on a started context (tests, the local host); {@code null}: its own, on first use. */
    public ListConnectionsFunction(@Nullable ApplicationContext context) {
        super(context, "list-connections", ListConnectionsInput.class, Effect.READ);
    }

    @Override
    protected Map<String, Object> execute(ListConnectionsInput in, VersoriClient versori) {
        return versori.connections(in.organisationId(), in.connectorId(), new PageQuery(in.first(), in.after(),
                in.before(), Boolean.TRUE.equals(in.all())));
    }
}
