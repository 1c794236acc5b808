package io.ipaasops.local.host;

import io.ipaasops.sandbox.Sandbox;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code serve} was asked for, from its flags and the environment, checked before anything starts.
 *
 * @param host    the address to listen on: loopback unless {@code --host} says otherwise
 * @param port    the port ({@code --port}, else {@code PORT}, else 8080; 0 for any free port)
 * @param sandbox whether both platforms run on the built-in sandbox whatever credentials are configured
 * @param faults  the sandbox's fault injection ({@code SANDBOX_LATENCY_MS}, {@code SANDBOX_ERROR_RATE},
 *                {@code SANDBOX_RATE_LIMIT_RATE})
 * @param moreInstances how many instances the sandbox seeds beyond its demo data ({@code SANDBOX_INSTANCES})
 */
public record HostOptions(InetAddress host, int port, boolean sandbox, Sandbox.Faults faults, int moreInstances) {

    /** The port when neither {@code --port} nor {@code PORT} gives one. */
    public static final int DEFAULT_PORT = 8080;
    /** The port of the standalone sandbox ({@code sandbox}) when {@code --port} gives none: beside serve's. */
    public static final int SANDBOX_PORT = 8081;
    /** The most instances {@code SANDBOX_INSTANCES} may add: enough for paging benchmarks, small for memory. */
    public static final int MAX_MORE_INSTANCES = 100_000;

    private static final String TAKES = "serve takes --port N, --host ADDRESS, --sandbox";
    private static final String SANDBOX_TAKES = "sandbox takes --port N";

    /** A flag or variable that cannot be used; the message names it and says what it should be. */
    public static final class Invalid extends IllegalArgumentException {

        private final String option;

        Invalid(String option, String message) {
            super(option + ": " + message);
            this.option = option;
        }

        /** The flag or environment variable at fault. */
        public String option() {
            return option;
        }
    }

    /**
     * Parses {@code serve}'s arguments and the variables it reads.
     *
     * @throws Invalid naming the first flag or variable that is unknown, missing its value or out of range
     */
    public static HostOptions parse(List<String> args, Map<String, String> env) {
        return parse(args, env, false);
    }

    /**
     * Parses the standalone sandbox's arguments ({@code --port} only; it always listens on loopback) and the
     * variables it reads.
     *
     * @throws Invalid naming the first flag or variable that is unknown, missing its value or out of range
     */
    public static HostOptions parseSandbox(List<String> args, Map<String, String> env) {
        return parse(args, env, true);
    }

    private static HostOptions parse(List<String> args, Map<String, String> env, boolean standalone) {
        Integer port = null;
        InetAddress host = InetAddress.getLoopbackAddress();
        boolean sandbox = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            int equals = arg.indexOf('=');
            String name = arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
            String inline = name.equals(arg) ? null : arg.substring(equals + 1);
            if (standalone && !name.equals("--port")) {
                throw new Invalid(arg, (arg.startsWith("-") ? "unknown option; " : "unexpected argument; ")
                        + SANDBOX_TAKES);
            }
            switch (name) {
                case "--port" -> port = port(name, inline != null ? inline : value(args, ++i, name, "8080"));
                case "--host" -> host = address(name, inline != null ? inline : value(args, ++i, name, "0.0.0.0"));
                case "--sandbox" -> {
                    if (inline != null) {
                        throw new Invalid(name, "takes no value");
                    }
                    sandbox = true;
                }
                default -> throw new Invalid(arg, arg.startsWith("-") ? "unknown option; " + TAKES
                        : "unexpected argument; " + TAKES);
            }
        }
        if (port == null && standalone) {
            port = SANDBOX_PORT;
        } else if (port == null) {
            port = set(env, "PORT") ? port("PORT", env.get("PORT")) : DEFAULT_PORT;
        }
        Sandbox.Faults faults = new Sandbox.Faults(Duration.ofMillis(millis(env, "SANDBOX_LATENCY_MS")),
                rate(env, "SANDBOX_ERROR_RATE"), rate(env, "SANDBOX_RATE_LIMIT_RATE"), 1);
        return new HostOptions(host, port, sandbox || standalone, faults, count(env, "SANDBOX_INSTANCES"));
    }

    /** The socket address to bind. */
    public InetSocketAddress address() {
        return new InetSocketAddress(host, port);
    }

    /** Whether other machines may reach the host: it listens on something other than loopback. */
    public boolean exposed() {
        return !host.isLoopbackAddress();
    }

    /** The warning to print when the host is reachable from other machines and runs unsigned requests. */
    public Optional<String> warning(boolean signaturesRequired) {
        if (!exposed() || signaturesRequired) {
            return Optional.empty();
        }
        return Optional.of("WARNING: listening on " + describe(host) + " with webhook signature checking OFF:"
                + " anyone who can reach this machine on port " + port + " can run every action. Set WEBHOOK_SECRET,"
                + " or leave out --host to listen on 127.0.0.1 only.");
    }

    /** How a person reaches {@code bound}: {@code localhost:port} where that works, else the address itself. */
    public static String authority(InetSocketAddress bound) {
        InetAddress address = bound.getAddress();
        if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
            return "localhost:" + bound.getPort();
        }
        String literal = address.getHostAddress();
        return (address instanceof Inet6Address ? "[" + literal + "]" : literal) + ":" + bound.getPort();
    }

    /** The address as a person reads it in a banner. */
    public static String describe(InetAddress address) {
        return address.getHostAddress() + (address.isAnyLocalAddress() ? " (every interface)"
                : address.isLoopbackAddress() ? " (this machine only)" : "");
    }

    private static String value(List<String> args, int at, String option, String example) {
        if (at >= args.size() || args.get(at).startsWith("--")) {
            throw new Invalid(option, "needs a value, e.g. " + option + " " + example);
        }
        return args.get(at);
    }

    private static int port(String option, String value) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below, with the other bad values
        }
        throw new Invalid(option, "'" + value + "' is not a port number (0 to 65535; 0 picks a free one)");
    }

    /** An IP literal or {@code localhost}: a name would need a DNS lookup, and a host binds an address. */
    private static InetAddress address(String option, String value) {
        if (value.equalsIgnoreCase("localhost")) {
            return InetAddress.getLoopbackAddress();
        }
        String literal = value.startsWith("[") && value.endsWith("]") ? value.substring(1, value.length() - 1) : value;
        boolean ipv4 = literal.matches("\\d{1,3}(\\.\\d{1,3}){3}")
                && List.of(literal.split("\\.")).stream().allMatch(octet -> Integer.parseInt(octet) <= 255);
        boolean ipv6 = literal.contains(":") && literal.matches("[0-9A-Fa-f:.]+");
        if (ipv4 || ipv6) {
            try {
                // A literal: InetAddress parses it without any lookup.
                return InetAddress.getByName(literal);
            } catch (UnknownHostException e) {
                // reported below
            }
        }
        throw new Invalid(option, "'" + value + "' is not an IP address (127.0.0.1, the default, or 0.0.0.0 for"
                + " every interface)");
    }

    private static long millis(Map<String, String> env, String variable) {
        if (!set(env, variable)) {
            return 0;
        }
        String value = env.get(variable);
        try {
            long millis = Long.parseLong(value.trim());
            if (millis >= 0) {
                return millis;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new Invalid(variable, "'" + value + "' is not a number of milliseconds (0 or more)");
    }

    private static int count(Map<String, String> env, String variable) {
        if (!set(env, variable)) {
            return 0;
        }
        String value = env.get(variable);
        try {
            int count = Integer.parseInt(value.trim());
            if (count >= 0 && count <= MAX_MORE_INSTANCES) {
                return count;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new Invalid(variable, "'" + value + "' is not a number of instances (0 to " + MAX_MORE_INSTANCES + ")");
    }

    private static double rate(Map<String, String> env, String variable) {
        if (!set(env, variable)) {
            return 0;
        }
        String value = env.get(variable);
        try {
            double rate = Double.parseDouble(value.trim());
            if (rate >= 0 && rate <= 1) {
                return rate;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new Invalid(variable, "'" + value + "' is not a share from 0 to 1 (0.25 is one request in four)");
    }

    private static boolean set(Map<String, String> env, String variable) {
        String value = env.get(variable);
        return value != null && !value.isBlank();
    }
}
