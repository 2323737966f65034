package org.camelvideo.jpeg;

import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedDeque;

import org.camelvideo.media.VideoFrame;

/**
 * A small pool of {@link JpegEncoder}s shared by every conversion in the JVM, so converting a
 * stream of frames opens an encoder once, from any thread, and idle encoders are bounded.
 */
public final class JpegEncoders {

    private static final int MAX_IDLE = 4;
    private static final ConcurrentLinkedDeque<JpegEncoder> IDLE = new ConcurrentLinkedDeque<>();

    private JpegEncoders() {
    }

    /** The frame as a JPEG file, quality 1 (smallest) to 100 (best). */
    public static byte[] encode(VideoFrame frame, int quality) {
        JpegEncoder encoder = borrow(frame);
        try {
            return encoder.encode(frame, quality);
        } finally {
            giveBack(encoder);
        }
    }

    /** The mjpeg quantiser scale (ffmpeg's {@code -q:v}) for a quality: 100 gives 2, the best, 1 gives 31. */
    public static int qscale(int quality) {
        return Math.round(2 + (100 - Math.max(1, Math.min(100, quality))) * 29 / 99f);
    }

    private static JpegEncoder borrow(VideoFrame frame) {
        for (Iterator<JpegEncoder> it = IDLE.iterator(); it.hasNext();) {
            JpegEncoder e = it.next();
            if (e.fits(frame) && IDLE.removeFirstOccurrence(e)) {
                return e;
            }
        }
        return new JpegEncoder(frame.width(), frame.height());
    }

    private static void giveBack(JpegEncoder encoder) {
        IDLE.addFirst(encoder);
        while (IDLE.size() > MAX_IDLE) {
            JpegEncoder oldest = IDLE.pollLast();
            if (oldest != null) {
                oldest.close();
            }
        }
    }
}
