package io.ipaasops.local.host;

/**
 * How much the local host takes on at once, so that no client, slow or greedy, can freeze it for everyone else.
 *
 * @param workers most requests handled at once (threads are started as needed and stop when idle)
 * @param queue   requests that may wait for a worker beyond that; later ones are answered 503
 * @param maxBody the largest request body in bytes; a larger one is answered 413
 */
public record HostLimits(int workers, int queue, int maxBody) {

    /** Lambda's own limit on a synchronous invocation's payload: 6 MB. */
    public static final int LAMBDA_PAYLOAD = 6 * 1024 * 1024;

    /** The limits {@code serve} runs with. */
    public static final HostLimits DEFAULT = new HostLimits(32, 16, LAMBDA_PAYLOAD);

    /** How long a client has to send a whole request, headers and body, before its connection is closed. */
    public static final int REQUEST_SECONDS = 30;

    /** How long answering may take once the request is in: the action's timeout, plus time to send the answer. */
    public static final int RESPONSE_SECONDS = (int) LocalHost.TIMEOUT.toSeconds() + 30;

    /**
     * Gives the JDK's HTTP server its request and response deadlines (it has none by default) unless the JVM was
     * started with its own.
     *
     * <p>The JDK reads these system properties once, when the first server of the process is created, so this
     * must run before that: {@link Launcher#start} calls it before it binds the sandbox.</p>
     */
    public static void applyToJdkServer() {
        setIfAbsent("sun.net.httpserver.maxReqTime", REQUEST_SECONDS);
        setIfAbsent("sun.net.httpserver.maxRspTime", RESPONSE_SECONDS);
        // The JDK server writes a response's headers and body separately; with Nagle's algorithm on, the body of
        // every answer on a kept-alive connection waits for the client's delayed ACK (about 40 ms).
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static void setIfAbsent(String property, int seconds) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, Integer.toString(seconds));
        }
    }
}
