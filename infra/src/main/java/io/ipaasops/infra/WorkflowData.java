package io.ipaasops.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.ipaasops.workflows.Workflow;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.constructs.Construct;

/**
 * The workflows' data bucket: what a big fleet's rollout cannot keep in its state (plan-rollout's targets, the
 * Distributed Map's results, the full report; decision 0028). Each workflow's objects are under {@code <workflow>/},
 * and only that workflow's state machine and the functions its definition hands the bucket may use them.
 */
public final class WorkflowData extends Construct {

    /** The definitions' placeholder for the bucket's name. */
    public static final String PLACEHOLDER = "WorkflowBucket";
    /** Days an object is kept: as long as Step Functions shows the execution whose report it is. */
    static final int EXPIRY_DAYS = 90;

    /** What each function a definition hands the bucket does with it; any other function is refused at synthesis. */
    static final Map<String, List<String>> ACTIONS = Map.of(
            "plan-rollout", List.of("s3:PutObject"),
            "summarize-rollout", List.of("s3:GetObject", "s3:PutObject", "s3:ListBucket"));

    private final Bucket bucket;

    /** Creates the bucket. */
    public WorkflowData(Construct scope, String id) {
        super(scope, id);
        bucket = Bucket.Builder.create(this, "Bucket")
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .minimumTlsVersion(1.2)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .lifecycleRules(List.of(LifecycleRule.builder().id("expire-workflow-data").enabled(true)
                        .expiration(Duration.days(EXPIRY_DAYS))
                        .abortIncompleteMultipartUploadAfter(Duration.days(1)).build()))
                // Kept when the stack goes: an execution's report may still be wanted; the rule empties it.
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        NagSuppressions.addResourceSuppressions(bucket, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-S1")
                .reason("Transient workflow data (a rollout's targets, results and report, expired after "
                        + EXPIRY_DAYS + " days), read and written only by this stack's state machines and two"
                        + " functions, per workflow prefix; the state machines' logs (level ALL) and X-Ray show every"
                        + " access, and a server-access-log bucket would itself need S1 suppressed.")
                .build()));
    }

    /** The bucket. */
    public Bucket bucket() {
        return bucket;
    }

    /**
     * Lets {@code machine}'s Distributed Map read its items ({@code ItemReader}) and write its results
     * ({@code ResultWriter}, multipart uploads included) under {@code <workflow>/}.
     */
    void grantStateMachine(StateMachine machine, Workflow workflow) {
        machine.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:GetObject", "s3:PutObject", "s3:ListMultipartUploadParts",
                        "s3:AbortMultipartUpload"))
                .resources(List.of(objects(workflow))).build());
    }

    /** Lets the function of {@code action} do what it does with the bucket, under {@code <workflow>/} only. */
    void grantFunction(String action, IGrantable function, Workflow workflow) {
        List<String> actions = ACTIONS.get(action);
        if (actions == null) {
            throw new IllegalStateException("workflow " + workflow.id() + " hands ${" + PLACEHOLDER + "} to "
                    + action + ", which WorkflowData.ACTIONS does not say may use it");
        }
        List<String> onObjects = actions.stream().filter(a -> !a.equals("s3:ListBucket")).toList();
        if (!onObjects.isEmpty()) {
            function.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create().actions(onObjects)
                    .resources(List.of(objects(workflow))).build());
        }
        if (actions.contains("s3:ListBucket")) {
            // Listing is a bucket action; the condition keeps it to the workflow's own prefix.
            function.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
                    .actions(List.of("s3:ListBucket")).resources(List.of(bucket.getBucketArn()))
                    .conditions(Map.of("StringLike", Map.of("s3:prefix", workflow.id() + "/*"))).build());
        }
    }

    private String objects(Workflow workflow) {
        return bucket.arnForObjects(workflow.id() + "/*");
    }
}
