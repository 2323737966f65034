package org.camelvideo.media;

import java.util.Objects;

/**
 * One encoded access unit: a whole video picture (Annex-B NAL units for H.264/H.265, start
 * codes included) or one audio frame (raw AAC, no ADTS header), with its timing and the codec
 * configuration in force for it. Immutable once published; the payload array is shared.
 */
public final class MediaPacket {

    private final Codec codec;
    private final byte[] payload;
    private final long ptsMicros;
    private final long dtsMicros;
    private final boolean keyframe;
    private final CodecConfig config;

    public MediaPacket(Codec codec, byte[] payload, long ptsMicros, long dtsMicros, boolean keyframe, CodecConfig config) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.payload = Objects.requireNonNull(payload, "payload");
        this.ptsMicros = ptsMicros;
        this.dtsMicros = dtsMicros;
        this.keyframe = keyframe;
        if (config != null && config.codec() != codec) {
            throw new IllegalArgumentException("A " + codec + " packet cannot carry a " + config.codec() + " configuration");
        }
        this.config = config;
    }

    public Codec codec() {
        return codec;
    }

    public byte[] payload() {
        return payload;
    }

    public long ptsMicros() {
        return ptsMicros;
    }

    public long dtsMicros() {
        return dtsMicros;
    }

    /** An IDR picture (a decoder can start here) or, for audio, always true. */
    public boolean isKeyframe() {
        return keyframe;
    }

    /** The configuration in force for this packet, or null when none is known yet. */
    public CodecConfig config() {
        return config;
    }

    @Override
    public String toString() {
        return "MediaPacket[" + codec + (keyframe ? " key" : "") + " " + payload.length + "B pts=" + ptsMicros
               + "us dts=" + dtsMicros + "us]";
    }
}
