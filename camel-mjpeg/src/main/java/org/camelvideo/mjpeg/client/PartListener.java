package org.camelvideo.mjpeg.client;

import org.camelvideo.mjpeg.multipart.JpegPart;

/** Receives what a {@link MjpegClient} reads, on its event loop. */
public interface PartListener {

    void onPart(JpegPart part);

    /** A part that was skipped (oversized, not a JPEG); the stream goes on. */
    void onDrop(String reason);
}
