package io.ipaasops.prismatic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ipaasops.testing.PrismaticSchema;
import io.ipaasops.testing.Specs;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every GraphQL document the client can send is valid against Prismatic's published schema. */
class PrismaticDocumentsTest {

    static Stream<String> operations() throws IOException, URISyntaxException {
        Path folder = Path.of(PrismaticDocumentsTest.class.getResource(GraphQlDocument.FOLDER).toURI());
        try (Stream<Path> files = Files.list(folder)) {
            // Operations are lowerCamelCase files; fragments are UpperCamelCase and only travel inside them.
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".graphql") && Character.isLowerCase(n.charAt(0)))
                    .map(n -> n.substring(0, n.length() - ".graphql".length()))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("operations")
    void documentValidatesAgainstPrismaticSchema(String name) {
        assumeTrue(PrismaticSchema.schema().isPresent(), Specs.missing(PrismaticSchema.FILE));
        GraphQlDocument document = GraphQlDocument.load(name);

        assertEquals(List.of(), PrismaticSchema.problems(document.text(), null), document.text());
    }

    @Test
    void validatorRejectsInventedFieldsSoTheCheckCanFail() {
        assumeTrue(PrismaticSchema.schema().isPresent(), Specs.missing(PrismaticSchema.FILE));

        List<String> problems = PrismaticSchema.problems(
                "mutation t($name: String) { testIntegrationFlow(input: {flowName: $name}) { errors { field } } }",
                Map.of("name", "x"));

        assertFalse(problems.isEmpty());
    }

    @Test
    void validatorRejectsVariablesOfTheWrongType() {
        assumeTrue(PrismaticSchema.schema().isPresent(), Specs.missing(PrismaticSchema.FILE));

        List<String> problems = PrismaticSchema.problems(GraphQlDocument.load("listInstances").text(),
                Map.of("needsDeploy", "yes"));

        assertFalse(problems.isEmpty());
    }

    @Test
    void fragmentsAreInlinedOnceAndMutationsRecognised() {
        GraphQlDocument deploy = GraphQlDocument.load("deployInstance");
        GraphQlDocument list = GraphQlDocument.load("listInstances");

        assertTrue(deploy.mutation());
        assertFalse(list.mutation());
        assertEquals(1, list.text().split("fragment InstanceFields on Instance", -1).length - 1);
        assertFalse(list.text().contains("#import"));
    }
}
