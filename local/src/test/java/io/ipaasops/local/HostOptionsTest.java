package io.ipaasops.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipaasops.local.host.HostOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** serve's flags and variables: the defaults, what each accepts, and an error naming whatever is wrong. */
class HostOptionsTest {

    @Test
    void byDefaultTheHostListensOnLoopbackPort8080WithoutFaults() {
        HostOptions options = HostOptions.parse(List.of(), Map.of());

        assertTrue(options.host().isLoopbackAddress(), options.host()::toString);
        assertEquals("127.0.0.1", options.host().getHostAddress());
        assertEquals(8080, options.port());
        assertFalse(options.sandbox());
        assertEquals(Duration.ZERO, options.faults().latency());
        assertFalse(options.exposed());
    }

    @Test
    void flagsWinOverTheEnvironmentAndTakeEitherSpelling() {
        HostOptions options = HostOptions.parse(List.of("--port=9090", "--host", "0.0.0.0", "--sandbox"),
                Map.of("PORT", "7070", "SANDBOX_LATENCY_MS", "25", "SANDBOX_ERROR_RATE", "0.5",
                        "SANDBOX_RATE_LIMIT_RATE", "1"));

        assertEquals(9090, options.port());
        assertTrue(options.host().isAnyLocalAddress());
        assertTrue(options.sandbox());
        assertEquals(Duration.ofMillis(25), options.faults().latency());
        assertEquals(0.5, options.faults().errorRate());
        assertEquals(1.0, options.faults().rateLimitRate());
        assertEquals(7070, HostOptions.parse(List.of(), Map.of("PORT", "7070")).port());
    }

    static Stream<Arguments> badOptions() {
        return Stream.of(
                Arguments.of(List.of("--port", "99999"), Map.of(), "--port"),
                Arguments.of(List.of("--port", "abc"), Map.of(), "--port"),
                Arguments.of(List.of("--port"), Map.of(), "--port"),
                Arguments.of(List.of("--port", "--sandbox"), Map.of(), "--port"),
                Arguments.of(List.of("--host"), Map.of(), "--host"),
                Arguments.of(List.of("--host", "300.1.1.1"), Map.of(), "--host"),
                Arguments.of(List.of("--host", "example.com"), Map.of(), "--host"),
                Arguments.of(List.of("--prot", "8080"), Map.of(), "--prot"),
                Arguments.of(List.of("8080"), Map.of(), "8080"),
                Arguments.of(List.of(), Map.of("PORT", "eighty"), "PORT"),
                Arguments.of(List.of(), Map.of("SANDBOX_LATENCY_MS", "soon"), "SANDBOX_LATENCY_MS"),
                Arguments.of(List.of(), Map.of("SANDBOX_LATENCY_MS", "-5"), "SANDBOX_LATENCY_MS"),
                Arguments.of(List.of(), Map.of("SANDBOX_ERROR_RATE", "lots"), "SANDBOX_ERROR_RATE"),
                Arguments.of(List.of(), Map.of("SANDBOX_ERROR_RATE", "1.5"), "SANDBOX_ERROR_RATE"),
                Arguments.of(List.of(), Map.of("SANDBOX_RATE_LIMIT_RATE", "NaN"), "SANDBOX_RATE_LIMIT_RATE"),
                Arguments.of(List.of(), Map.of("SANDBOX_INSTANCES", "many"), "SANDBOX_INSTANCES"),
                Arguments.of(List.of(), Map.of("SANDBOX_INSTANCES", "-1"), "SANDBOX_INSTANCES"),
                Arguments.of(List.of(), Map.of("SANDBOX_INSTANCES", "100001"), "SANDBOX_INSTANCES"));
    }

    @ParameterizedTest
    @MethodSource("badOptions")
    void aBadFlagOrVariableIsRefusedNamingIt(List<String> args, Map<String, String> env, String named) {
        HostOptions.Invalid invalid = assertThrows(HostOptions.Invalid.class, () -> HostOptions.parse(args, env));

        assertEquals(named, invalid.option());
        assertTrue(invalid.getMessage().startsWith(named + ": "), invalid::getMessage);
        assertFalse(invalid.getMessage().contains("\n"), "one line");
    }

    @Test
    void theStandaloneSandboxTakesOnlyAPortListensOnLoopbackAndSeedsMoreInstancesWhenAsked() {
        HostOptions sandbox = HostOptions.parseSandbox(List.of("--port", "0"), Map.of("SANDBOX_INSTANCES", "250",
                "PORT", "7070"));
        HostOptions byDefault = HostOptions.parseSandbox(List.of(), Map.of("PORT", "7070"));

        assertEquals(0, sandbox.port());
        assertEquals(250, sandbox.moreInstances());
        assertTrue(sandbox.sandbox() && !sandbox.exposed());
        assertEquals(HostOptions.SANDBOX_PORT, byDefault.port(), "PORT is serve's, not the sandbox's");
        assertEquals(0, byDefault.moreInstances());
        for (String flag : List.of("--host", "--sandbox")) {
            HostOptions.Invalid invalid = assertThrows(HostOptions.Invalid.class,
                    () -> HostOptions.parseSandbox(List.of(flag), Map.of()));
            assertEquals(flag + ": unknown option; sandbox takes --port N", invalid.getMessage());
        }
    }

    @Test
    void listeningOnEveryInterfaceWithoutSignaturesWarnsAndOnLoopbackDoesNot() {
        HostOptions everywhere = HostOptions.parse(List.of("--host", "0.0.0.0"), Map.of());
        HostOptions loopback = HostOptions.parse(List.of(), Map.of());

        assertTrue(everywhere.warning(false).orElseThrow().contains("signature checking OFF"));
        assertTrue(everywhere.warning(true).isEmpty(), "signed requests only: nothing to warn about");
        assertTrue(loopback.warning(false).isEmpty());
    }
}
