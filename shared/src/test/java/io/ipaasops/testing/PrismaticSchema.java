package io.ipaasops.testing;

import graphql.GraphQLContext;
import graphql.execution.RawVariables;
import graphql.execution.ValuesResolver;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import graphql.validation.ValidationError;
import graphql.validation.Validator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Validates GraphQL documents and their variables against Prismatic's published schema. */
public final class PrismaticSchema {

    /** The schema file name inside the specs folder. */
    public static final String FILE = "prismatic-schema.graphql";

    private static GraphQLSchema schema;

    private PrismaticSchema() {
    }

    /** The parsed schema, or empty when the specs are absent; parsed once per JVM (it is about 490 KB). */
    public static synchronized Optional<GraphQLSchema> schema() {
        if (schema == null) {
            Optional<Path> file = Specs.file(FILE);
            if (file.isEmpty()) {
                return Optional.empty();
            }
            schema = UnExecutableSchemaGenerator.makeUnExecutableSchema(new SchemaParser().parse(file.get().toFile()));
        }
        return Optional.of(schema);
    }

    /** The problems with {@code query} and {@code variables}; empty when both are valid (or the schema is absent). */
    public static List<String> problems(String query, Map<String, Object> variables) {
        Optional<GraphQLSchema> loaded = schema();
        if (loaded.isEmpty()) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        Document document;
        try {
            document = Parser.parse(query);
        } catch (RuntimeException e) {
            return List.of("does not parse: " + e.getMessage());
        }
        for (ValidationError error : new Validator().validateDocument(loaded.get(), document, Locale.ENGLISH)) {
            problems.add(error.getMessage());
        }
        if (problems.isEmpty() && variables != null) {
            for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
                try {
                    ValuesResolver.coerceVariableValues(loaded.get(), operation.getVariableDefinitions(),
                            RawVariables.of(variables), GraphQLContext.getDefault(), Locale.ENGLISH);
                } catch (RuntimeException e) {
                    problems.add("variables: " + e.getMessage());
                }
                var declared = operation.getVariableDefinitions().stream().map(v -> v.getName()).toList();
                variables.keySet().stream().filter(k -> !declared.contains(k))
                        .forEach(k -> problems.add("variable $" + k + " is sent but not declared"));
            }
        }
        return problems;
    }
}
