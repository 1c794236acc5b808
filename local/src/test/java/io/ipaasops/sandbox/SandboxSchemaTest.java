package io.ipaasops.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import graphql.language.AstPrinter;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.TypeDefinition;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import graphql.validation.Validator;
import io.ipaasops.prismatic.GraphQlDocument;
import io.ipaasops.testing.PrismaticSchema;
import io.ipaasops.testing.Specs;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The sandbox's schema is a true subset of Prismatic's, and serves every document the client sends. */
class SandboxSchemaTest {

    private static final TypeDefinitionRegistry SANDBOX = new SchemaParser().parse(PrismaticSandbox.schemaText());

    private static TypeDefinitionRegistry real() {
        Optional<Path> file = Specs.file(PrismaticSchema.FILE);
        assumeTrue(file.isPresent(), Specs.missing(PrismaticSchema.FILE));
        return new SchemaParser().parse(file.get().toFile());
    }

    @Test
    void everyTypeFieldArgumentAndValueExistsInPrismaticSchemaWithTheSameType() {
        assertEquals(List.of(), problems(SANDBOX, real()));
    }

    @Test
    void theComparisonCatchesAWrongTypeAMissingFieldAndAnInventedValue() {
        TypeDefinitionRegistry wrong = new SchemaParser().parse("""
                type Instance { enabled: Boolean name: String! nickname: String }
                enum ExecutionStatus { SUCCESS EXPLODED }""");

        assertEquals(List.of("Instance.enabled is Boolean here but Boolean!", "Instance.nickname does not exist",
                "ExecutionStatus.EXPLODED is not a value there"), problems(wrong, real()));
    }

    private static List<String> problems(TypeDefinitionRegistry sandbox, TypeDefinitionRegistry real) {
        List<String> problems = new ArrayList<>();
        for (TypeDefinition<?> ours : sandbox.types().values()) {
            Optional<TypeDefinition> theirs = real.getType(ours.getName());
            if (theirs.isEmpty() || theirs.get().getClass() != ours.getClass()) {
                problems.add("type " + ours.getName() + " is not a " + ours.getClass().getSimpleName() + " there");
                continue;
            }
            if (ours instanceof ObjectTypeDefinition o) {
                Map<String, FieldDefinition> fields = ((ObjectTypeDefinition) theirs.get()).getFieldDefinitions()
                        .stream().collect(Collectors.toMap(FieldDefinition::getName, f -> f));
                for (FieldDefinition field : o.getFieldDefinitions()) {
                    String where = o.getName() + "." + field.getName();
                    FieldDefinition match = fields.get(field.getName());
                    if (match == null) {
                        problems.add(where + " does not exist");
                        continue;
                    }
                    same(where, field.getType(), match.getType(), problems);
                    arguments(where, field.getInputValueDefinitions(), match.getInputValueDefinitions(), problems);
                }
            } else if (ours instanceof InputObjectTypeDefinition i) {
                arguments(i.getName(), i.getInputValueDefinitions(),
                        ((InputObjectTypeDefinition) theirs.get()).getInputValueDefinitions(), problems);
            } else if (ours instanceof EnumTypeDefinition e) {
                List<String> values = ((EnumTypeDefinition) theirs.get()).getEnumValueDefinitions().stream()
                        .map(EnumValueDefinition::getName).toList();
                e.getEnumValueDefinitions().stream().filter(v -> !values.contains(v.getName()))
                        .forEach(v -> problems.add(e.getName() + "." + v.getName() + " is not a value there"));
            }
        }
        sandbox.scalars().keySet().stream().filter(s -> !real.scalars().containsKey(s))
                .forEach(s -> problems.add("scalar " + s + " does not exist"));
        return problems;
    }

    private static void arguments(String where, List<InputValueDefinition> ours, List<InputValueDefinition> theirs,
                                  List<String> problems) {
        Map<String, InputValueDefinition> byName = theirs.stream()
                .collect(Collectors.toMap(InputValueDefinition::getName, a -> a));
        for (InputValueDefinition argument : ours) {
            InputValueDefinition match = byName.get(argument.getName());
            if (match == null) {
                problems.add(where + "(" + argument.getName() + ") does not exist");
            } else {
                same(where + "(" + argument.getName() + ")", argument.getType(), match.getType(), problems);
            }
        }
    }

    private static void same(String where, graphql.language.Type<?> ours, graphql.language.Type<?> theirs,
                             List<String> problems) {
        if (!AstPrinter.printAst(ours).equals(AstPrinter.printAst(theirs))) {
            problems.add(where + " is " + AstPrinter.printAst(ours) + " here but " + AstPrinter.printAst(theirs));
        }
    }

    @Test
    void everyDocumentTheClientSendsIsValidAgainstTheSandbox() throws IOException, URISyntaxException {
        GraphQLSchema schema = UnExecutableSchemaGenerator.makeUnExecutableSchema(SANDBOX);
        java.net.URI uri = GraphQlDocument.class.getResource(GraphQlDocument.FOLDER).toURI();
        List<String> problems = new ArrayList<>();
        // From the reactor the documents are a folder; from the installed shared jar, entries of a zip.
        try (java.nio.file.FileSystem jar = uri.getScheme().equals("jar")
                ? java.nio.file.FileSystems.newFileSystem(uri, Map.of()) : null;
             Stream<Path> files = Files.list(jar == null ? Path.of(uri) : jar.provider().getPath(uri))) {
            for (String name : files.map(p -> p.getFileName().toString())
                    .filter(n -> Character.isLowerCase(n.charAt(0))).map(n -> n.replace(".graphql", "")).toList()) {
                new Validator().validateDocument(schema, Parser.parse(GraphQlDocument.load(name).text()),
                        Locale.ENGLISH).forEach(e -> problems.add(name + ": " + e.getMessage()));
            }
        }

        assertEquals(List.of(), problems);
    }
}
