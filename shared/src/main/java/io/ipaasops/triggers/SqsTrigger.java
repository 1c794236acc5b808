package io.ipaasops.triggers;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.ipaasops.core.ActionException;
import io.ipaasops.core.Action;
import io.ipaasops.core.ActionInvoker;
import io.ipaasops.core.Deadline;
import io.ipaasops.core.Delivery;
import io.ipaasops.core.ErrorResponse;
import io.ipaasops.core.ErrorType;
import io.ipaasops.core.FieldError;
import io.ipaasops.core.InputBinder;
import io.ipaasops.core.ValidationException;
import io.ipaasops.telemetry.Invocation;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQS batches: each record's body is one input, run in order; the answer is a partial batch response.
 *
 * <p>A record that fails for a reason that may pass is listed in {@code batchItemFailures}, so SQS retries it and
 * eventually moves it to the dead-letter queue, while the records that succeeded are not run again. A record that
 * no retry can help ({@link ErrorType#retryable()} false: invalid input, a refused change) or must not be repeated
 * (an unknown outcome) is logged once at ERROR, with its message id and the error, and not listed. Records the
 * remaining time cannot cover are listed without running, so nothing is lost.</p>
 *
 * <p>The batch is one invocation in the metrics: it failed if any record did (a record handed back unrun counts as
 * {@code transient}), with the first failure's type; the record says how many records ran and failed.</p>
 */
@Singleton
public final class SqsTrigger implements Trigger {

    private static final Logger LOG = LoggerFactory.getLogger(SqsTrigger.class);
    /** Below this much time left, a record is handed back rather than started. */
    static final Duration MINIMUM_TIME_FOR_A_RECORD = Duration.ofSeconds(2);

    private final JsonMapper mapper;
    private final InputBinder binder;
    private final ActionInvoker invoker;
    private final IdempotentRunner runner;

    /** Creates the trigger. */
    public SqsTrigger(JsonMapper mapper, InputBinder binder, ActionInvoker invoker, IdempotentRunner runner) {
        this.mapper = mapper;
        this.binder = binder;
        this.invoker = invoker;
        this.runner = runner;
    }

    @Override
    public String name() {
        return "sqs";
    }

    /** A batch whose first record comes from SQS. */
    @Override
    public boolean recognises(JsonNode event) {
        JsonNode records = event.get("Records");
        if (records == null || !records.isArray() || records.size() == 0) {
            return false;
        }
        JsonNode source = records.get(0).get("eventSource");
        return source != null && source.isString() && "aws:sqs".equals(source.getStringValue());
    }

    @Override
    public byte[] handle(Action<?, ?> action, JsonNode event, Deadline deadline) {
        SQSEvent batch;
        try {
            batch = mapper.readValueFromTree(event, SQSEvent.class);
        } catch (IOException e) {
            throw new ValidationException("malformed SQS event", List.of(new FieldError("Records", "is malformed")));
        }
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = batch == null || batch.getRecords() == null ? List.of() : batch.getRecords();
        Invocation invocation = Invocation.current();
        for (SQSEvent.SQSMessage message : records) {
            String id = message.getMessageId();
            invocation.record();
            if (!deadline.allows(MINIMUM_TIME_FOR_A_RECORD)) {
                // Not run, handed back: it counts as a transient failure of this invocation.
                invocation.failed(ErrorType.TRANSIENT);
                failures.add(new SQSBatchResponse.BatchItemFailure(id));
                continue;
            }
            try (Invocation.Scope correlated = invocation.delivery(id)) {
                if (!runRecord(action, message, deadline, invocation)) {
                    failures.add(new SQSBatchResponse.BatchItemFailure(id));
                }
            }
        }
        return invoker.toJson(SQSBatchResponse.builder().withBatchItemFailures(failures).build());
    }

    /** Runs one record; false when it must be handed back for a retry. Its lines carry its message id. */
    private boolean runRecord(Action<?, ?> action, SQSEvent.SQSMessage message, Deadline deadline,
                              Invocation invocation) {
        String id = message.getMessageId();
        try {
            byte[] body = message.getBody() == null ? new byte[0] : message.getBody().getBytes(StandardCharsets.UTF_8);
            runner.run(action, binder.parse(body), deadline, new Delivery(null, id));
            return true;
        } catch (ActionException e) {
            invocation.failed(e.errorType());
            if (e.errorType().retryable()) {
                LOG.warn("{}: SQS message {} failed ({}), returned for retry: {}", action.name(), id, e.type(),
                        e.getMessage());
                return false;
            }
            LOG.error("{}: SQS message {} failed ({}) and will not be retried: {}", action.name(), id,
                    e.type(), new String(invoker.toJson(ErrorResponse.of(e)), StandardCharsets.UTF_8));
            return true;
        } catch (RuntimeException e) {
            invocation.failedUnexpectedly();
            LOG.error("{}: SQS message {} failed unexpectedly, returned for retry", action.name(), id, e);
            return false;
        }
    }
}
