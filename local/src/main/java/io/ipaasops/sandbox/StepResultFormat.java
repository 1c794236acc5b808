package io.ipaasops.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * A step result as Prismatic serves it at {@code resultsUrl} and Prism reads it: a MessagePack map of
 * {@code data} and {@code contentType}; for JSON, {@code data} is the JSON text (Prism parses it when the content
 * type is JSON).
 */
final class StepResultFormat {

    private StepResultFormat() {
    }

    /** The MessagePack bytes of one step result. */
    static byte[] encode(String data, String contentType) {
        try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
            packer.packMapHeader(2);
            packer.packString("data");
            packer.packString(data);
            packer.packString("contentType");
            packer.packString(contentType);
            packer.flush();
            return packer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
