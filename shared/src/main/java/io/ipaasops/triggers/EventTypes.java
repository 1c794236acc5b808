package io.ipaasops.triggers;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.SerdeImport;
import java.util.List;

/**
 * Compile-time serde metadata for exactly the AWS Lambda event types the triggers read and write.
 *
 * <p>The micronaut-aws-lambda-events-serde module covers every AWS event type: at start-up it loaded ~360 classes
 * we never use and it brought 9 MB of runtime dependencies (aws-lambda-java-serialization, function-aws) into the
 * jar. Importing the few types here keeps the real event classes with no reflection and none of that weight.</p>
 */
@SerdeImport(APIGatewayV2HTTPEvent.class)
@SerdeImport(APIGatewayV2HTTPEvent.RequestContext.class)
@SerdeImport(APIGatewayV2HTTPEvent.RequestContext.Http.class)
@SerdeImport(APIGatewayV2HTTPEvent.RequestContext.Authorizer.class)
@SerdeImport(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.class)
@SerdeImport(APIGatewayV2HTTPEvent.RequestContext.IAM.class)
@SerdeImport(APIGatewayV2HTTPEvent.RequestContext.CognitoIdentity.class)
@SerdeImport(APIGatewayProxyRequestEvent.class)
@SerdeImport(APIGatewayProxyRequestEvent.ProxyRequestContext.class)
@SerdeImport(APIGatewayProxyRequestEvent.RequestIdentity.class)
@SerdeImport(value = SQSEvent.class, mixin = EventTypes.SqsEventNames.class)
@SerdeImport(SQSEvent.SQSMessage.class)
@SerdeImport(SQSEvent.MessageAttribute.class)
@SerdeImport(SQSBatchResponse.class)
@SerdeImport(SQSBatchResponse.BatchItemFailure.class)
final class EventTypes {

    private EventTypes() {
    }

    /** SQS delivers the batch under {@code Records}, capitalised, where the class's property is {@code records}. */
    interface SqsEventNames {

        @JsonProperty("Records")
        List<SQSEvent.SQSMessage> getRecords();
    }
}
