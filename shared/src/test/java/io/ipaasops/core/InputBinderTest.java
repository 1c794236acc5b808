package io.ipaasops.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Binding JSON input to an action's record: every problem is reported, each by the field it is about. */
class InputBinderTest {

    @Serdeable
    record Variable(@NonNull String name, @Nullable String value) {
    }

    @Serdeable
    record Input(@NonNull String id, @Nullable Integer first, @Nullable Boolean force,
                 @Nullable List<Variable> variables) {
    }

    /** A payload someone else defines: only the fields read are declared. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Owner(@NonNull String login) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Payload(@NonNull String ref, @Nullable @JsonProperty("head_owner") Owner headOwner) {
    }

    private final InputBinder binder = new InputBinder(JsonMapper.createDefault());

    private List<FieldError> problems(String json) {
        return assertThrows(ValidationException.class,
                () -> binder.bind(json.getBytes(StandardCharsets.UTF_8), Input.class)).fields();
    }

    @Test
    void aValidInputBindsToTheRecord() {
        Input input = binder.bind("{\"id\":\"a\",\"first\":5,\"variables\":[{\"name\":\"shop\",\"value\":\"x\"}]}"
                .getBytes(StandardCharsets.UTF_8), Input.class);

        assertEquals(new Input("a", 5, null, List.of(new Variable("shop", "x"))), input);
    }

    @Test
    void everyProblemIsListedByItsField() {
        List<FieldError> problems = problems("{\"first\":\"ten\",\"force\":1,\"variables\":[{\"value\":3},null],"
                + "\"idd\":\"typo\"}");

        assertEquals(List.of("idd", "id", "first", "force", "variables[0].name", "variables[0].value",
                "variables[1]"), problems.stream().map(FieldError::field).toList());
        assertTrue(problems.get(0).message().contains("known: id, first, force, variables"), problems::toString);
    }

    @Test
    void aRecordThatIgnoresUnknownFieldsBindsAForeignPayloadAndStillChecksWhatItDeclares() {
        Payload payload = binder.bind(("{\"ref\":\"refs/heads/main\",\"forced\":false,\"pusher\":{\"name\":\"o\"},"
                + "\"head_owner\":{\"login\":\"octocat\",\"id\":1}}").getBytes(StandardCharsets.UTF_8),
                Payload.class);
        List<FieldError> problems = assertThrows(ValidationException.class, () -> binder.bind(
                "{\"ref\":7,\"head_owner\":{\"id\":1}}".getBytes(StandardCharsets.UTF_8), Payload.class)).fields();

        assertEquals(new Payload("refs/heads/main", new Owner("octocat")), payload);
        assertEquals(List.of(new FieldError("ref", "must be a string"), new FieldError("head_owner.login",
                "is required")), problems);
    }

    @Test
    void aBlankRequiredStringIsRefused() {
        assertEquals(List.of(new FieldError("id", "must not be blank")), problems("{\"id\":\"  \"}"));
    }

    @Test
    void aNumberTooLargeForItsFieldIsNotAWholeNumberOfThatSize() {
        assertEquals("first", problems("{\"id\":\"a\",\"first\":3000000000}").get(0).field());
        assertEquals("first", problems("{\"id\":\"a\",\"first\":1.5}").get(0).field());
    }

    @Test
    void inputThatIsNotAJsonObjectIsNamedAsTheWhole() {
        assertEquals(List.of(new FieldError("$", "the input must be a JSON object")), problems("[1,2]"));
        assertEquals(List.of(new FieldError("$", "the input is not valid JSON")), problems("{\"id\":"));
    }

    @Test
    void emptyInputIsAnEmptyObject() {
        assertEquals(List.of(new FieldError("id", "is required")), problems("  \n"));
    }
}
