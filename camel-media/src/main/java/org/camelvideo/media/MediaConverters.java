package org.camelvideo.media;

import org.apache.camel.Converter;

/** Type conversions of the media model that need no codec. */
@Converter(generateLoader = true)
public final class MediaConverters {

    private MediaConverters() {
    }

    /** The encoded bytes of a packet: Annex-B for H.264/H.265, raw AAC, a JPEG file. */
    @Converter
    public static byte[] toBytes(MediaPacket packet) {
        return packet.payload();
    }
}
