package io.ipaasops.prismatic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipaasops.core.FieldError;
import io.ipaasops.core.ValidationException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading a document's operation type with GraphQL's lexical rules, so that no mutation passes for a query. */
class GraphQlOperationsTest {

    /** Mutations in the shapes a regular expression took for queries. */
    static Stream<String> disguisedMutations() {
        return Stream.of(
                "fragment F on Integration { id } mutation { importIntegration(input: {definition: \"x\"}) { integration { ...F } } }",
                "\uFEFFmutation { deleteCustomer(input: {id: \"1\"}) { errors { field } } }",
                ", mutation { deleteCustomer(input: {id: \"1\"}) { errors { field } } }",
                "# a comment ended by a bare CR\rmutation { deleteCustomer(input: {id: \"1\"}) { errors { field } } }",
                "query Q { a } mutation M { b }",
                "\"\"\"a description \"\"\" type X { a: Int }",
                "schema { query: Query }");
    }

    @ParameterizedTest
    @MethodSource("disguisedMutations")
    void documentsThatMayChangeAreReadAsMutations(String document) {
        assertTrue(GraphQlOperations.mayChange(document, null), document);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{ authenticatedUser { name } }",
        "query { authenticatedUser { name } }",
        "# mutation in a comment\nquery Q { a(text: \"mutation { x }\") }",
        "query Q { a(text: \"\"\"\nmutation { x } \\\"\"\" still a string\n\"\"\") }",
        "query Q($in: In = {mutation: 1}) { a(in: $in) }",
        "fragment F on User { name } query Q { authenticatedUser { ...F } }",
        "query A { a } query B { b }",
        "subscription S { executions { id } }"})
    void queriesAreReadAsQueries(String document) {
        assertFalse(GraphQlOperations.mayChange(document, null), document);
    }

    @Test
    void operationNameChoosesAmongSeveral() {
        String document = "query Read { a } mutation Write { b }";

        assertFalse(GraphQlOperations.mayChange(document, "Read"));
        assertTrue(GraphQlOperations.mayChange(document, "Write"));
        assertEquals(List.of(new GraphQlOperations.Operation(GraphQlOperations.Kind.QUERY, "Read"),
                new GraphQlOperations.Operation(GraphQlOperations.Kind.MUTATION, "Write")),
                GraphQlOperations.operations(document));
    }

    @Test
    void anOperationNameThatNamesNothingIsTheCallersMistake() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> GraphQlOperations.mayChange("query Read { a }", "Write"));

        assertEquals("operationName", e.fields().get(0).field());
    }

    @Test
    void typeSystemDefinitionsCannotBeRead() {
        assertNull(GraphQlOperations.operations("type Query { a: Int } query { a }"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"query { a(text: \"open) }", "query { a(text: \"\"\"open) }", "query { a ",
        "query { a ) }", "query { a % }", "", "  # only a comment", "fragment F on User { name }"})
    void malformedDocumentsAreValidationErrorsOnTheQueryField(String document) {
        ValidationException e = assertThrows(ValidationException.class,
                () -> GraphQlOperations.mayChange(document, null));

        assertEquals("query", e.fields().get(0).field());
        assertFalse(e.fields().get(0).message().isBlank());
    }

    @Test
    void aLexicalErrorIsLocatedByLineAndColumn() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> GraphQlOperations.mayChange("query {\r\n  a(text: \"x\n) }", null));

        assertEquals(new FieldError("query", "line 2, column 11: unterminated string"), e.fields().get(0));
    }
}
