package io.ipaasops.functions.workflow;

import io.ipaasops.core.AwsS3;
import io.ipaasops.core.S3Location;
import io.ipaasops.core.UpstreamException;
import io.ipaasops.functions.workflow.SummarizeRolloutFunction.InstanceOutcome;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A rollout's per-instance outcomes from what its Distributed Map's {@code ResultWriter} wrote to S3: the manifest,
 * the {@code SUCCEEDED} files (each child execution's output: its batch's results) and the {@code FAILED} files (a
 * child that stopped the rollout names the instance and its error in its cause; the rest of its batch is known from
 * its input).
 */
final class MapResults {

    /** The error of the definitions' Fail state when an instance failed and stopped the rollout. */
    static final String INSTANCE_FAILED = "InstanceFailed";
    /** The error of the definitions' Fail state when an instance moved but did not deploy and stopped the rollout. */
    static final String MOVED_NOT_DEPLOYED = "InstanceMovedNotDeployed";
    private static final String MANIFEST = "manifest.json";

    private final AwsS3 s3;
    private final JsonMapper mapper;

    MapResults(AwsS3 s3, JsonMapper mapper) {
        this.s3 = s3;
        this.mapper = mapper;
    }

    /** The manifest a Distributed Map names in its output ({@code ResultWriterDetails}), if it is such an output. */
    static Optional<S3Location> manifestOf(@Nullable JsonNode mapOutput) {
        JsonNode details = mapOutput == null || !mapOutput.isObject() ? null : mapOutput.get("ResultWriterDetails");
        String bucket = SummarizeRolloutFunction.text(details, "Bucket");
        String key = SummarizeRolloutFunction.text(details, "Key");
        return bucket == null || key == null ? Optional.empty() : Optional.of(new S3Location(bucket, key));
    }

    /** The newest manifest under {@code prefix}: a map run that failed leaves one, but no output naming it. */
    Optional<S3Location> newestManifest(S3Location prefix) {
        String under = prefix.key().endsWith("/") ? prefix.key() : prefix.key() + "/";
        return s3.list(prefix.bucket(), under).stream().filter(o -> o.key().endsWith("/" + MANIFEST))
                .max(Comparator.comparing(AwsS3.Listed::lastModified).thenComparing(AwsS3.Listed::key))
                .map(o -> new S3Location(prefix.bucket(), o.key()));
    }

    /** Every outcome the map run recorded, in the order of its result files. */
    List<InstanceOutcome> read(S3Location manifest) {
        JsonNode document = json(s3.get(manifest), manifest.uri());
        String bucket = SummarizeRolloutFunction.text(document, "DestinationBucket");
        JsonNode files = document.get("ResultFiles");
        if (files == null || !files.isObject()) {
            throw new UpstreamException(manifest.uri() + " is not a Distributed Map's manifest (no ResultFiles)");
        }
        List<InstanceOutcome> outcomes = new ArrayList<>();
        for (String status : List.of("SUCCEEDED", "FAILED", "PENDING")) {
            JsonNode listed = files.get(status);
            if (listed == null || !listed.isArray()) {
                continue;
            }
            for (JsonNode file : listed.values()) {
                S3Location at = new S3Location(bucket == null ? manifest.bucket() : bucket,
                        SummarizeRolloutFunction.text(file, "Key"));
                JsonNode entries = json(s3.get(at), at.uri());
                for (JsonNode entry : entries.isArray() ? entries.values() : List.of(entries)) {
                    outcomes.addAll(status.equals("SUCCEEDED") ? succeeded(entry) : unfinished(entry));
                }
            }
        }
        return outcomes;
    }

    /** The ids of the targets a map read (plan-rollout's file), in order. */
    List<String> targets(S3Location targets) {
        JsonNode document = json(s3.get(targets), targets.uri());
        List<String> ids = new ArrayList<>();
        for (JsonNode target : document.isArray() ? document.values() : List.<JsonNode>of()) {
            String id = SummarizeRolloutFunction.text(target, "id");
            if (id != null) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** A child that ended well: its output is its batch's results (or one result, unbatched). */
    private List<InstanceOutcome> succeeded(JsonNode entry) {
        JsonNode output = embedded(entry, "Output");
        List<InstanceOutcome> outcomes = new ArrayList<>();
        for (JsonNode result : output.isArray() ? output.values() : List.of(output)) {
            outcomes.add(SummarizeRolloutFunction.instance(result, false));
        }
        return outcomes;
    }

    /**
     * A child that failed, timed out, was stopped or never started: the instance that stopped the rollout is named
     * in the cause, those before it in the batch were deployed (one at a time, in order), those after it never ran.
     */
    private List<InstanceOutcome> unfinished(JsonNode entry) {
        List<String> items = new ArrayList<>();
        JsonNode input = embedded(entry, "Input");
        JsonNode batch = input.isObject() && input.get("Items") != null ? input.get("Items") : input;
        for (JsonNode item : batch.isArray() ? batch.values() : List.of(batch)) {
            String id = SummarizeRolloutFunction.text(item, "id");
            if (id != null) {
                items.add(id);
            }
        }
        String status = SummarizeRolloutFunction.text(entry, "Status");
        String error = SummarizeRolloutFunction.text(entry, "Error");
        // The definitions' Fail state's cause: "<instance id> <error>: <cause>" (an instance id has no space).
        String cause = INSTANCE_FAILED.equals(error) || MOVED_NOT_DEPLOYED.equals(error)
                ? SummarizeRolloutFunction.text(entry, "Cause") : null;
        int space = cause == null ? -1 : cause.indexOf(' ');
        String stoppedAt = space < 0 ? null : cause.substring(0, space);
        List<InstanceOutcome> outcomes = new ArrayList<>();
        if (stoppedAt == null || !items.contains(stoppedAt)) {
            String why = status == null ? "its batch never started" : "its batch ended " + status
                    + (error == null ? "" : " (" + error + ")") + " before reporting";
            InstanceStatus each = status == null || status.equals("PENDING") ? InstanceStatus.NOT_STARTED
                    : InstanceStatus.UNKNOWN;
            items.forEach(id -> outcomes.add(new InstanceOutcome(id, each, false,
                    each == InstanceStatus.NOT_STARTED ? null : why)));
            return outcomes;
        }
        int at = items.indexOf(stoppedAt);
        for (int i = 0; i < items.size(); i++) {
            InstanceStatus each = i < at ? InstanceStatus.DEPLOYED : i > at ? InstanceStatus.NOT_STARTED
                    : MOVED_NOT_DEPLOYED.equals(error) ? InstanceStatus.UPGRADED : InstanceStatus.FAILED;
            outcomes.add(new InstanceOutcome(items.get(i), each, false,
                    i == at ? cause.substring(space + 1) : null));
        }
        return outcomes;
    }

    /** A field that Step Functions wrote as JSON text (a child's Input, Output or a Fail state's Cause). */
    private JsonNode embedded(JsonNode entry, String field) {
        String text = SummarizeRolloutFunction.text(entry, field);
        if (text == null) {
            return JsonNode.nullNode();
        }
        try {
            JsonNode node = mapper.readValue(text, JsonNode.class);
            return node == null ? JsonNode.nullNode() : node;
        } catch (IOException e) {
            return JsonNode.createStringNode(text);
        }
    }

    private JsonNode json(byte[] bytes, String where) {
        try {
            JsonNode node = mapper.readValue(bytes, JsonNode.class);
            if (node == null) {
                throw new UpstreamException(where + " is empty");
            }
            return node;
        } catch (IOException e) {
            throw new UpstreamException(where + " is not JSON", java.util.List.of(), e);
        }
    }
}
