package org.camelvideo.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads the real encoder output kept in test resources (made with the ffmpeg program). */
public final class TestStreams {

    private TestStreams() {
    }

    public static byte[] load(String name) {
        try (InputStream in = TestStreams.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalStateException("Missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
