package io.ipaasops.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Finds a free loopback port for a stub that must keep its port across a restart. */
public final class FreePort {

    private FreePort() {
    }

    /** A port that was free a moment ago. */
    public static int find() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
