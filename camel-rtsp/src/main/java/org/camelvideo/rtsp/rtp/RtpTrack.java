package org.camelvideo.rtsp.rtp;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The sending state of one RTP stream: SSRC, the next sequence number, the clock and its random
 * origin (RFC 3550 5.1 asks for random initial values), and the counts a sender report gives.
 * Used by one producer thread at a time; the counters are read by the RTCP timer.
 */
public final class RtpTrack {

    private final int payloadType;
    private final int clockRate;
    private final int ssrc;
    private final long timestampOrigin;
    private int nextSequence;
    private volatile long packets;
    private volatile long octets;
    private volatile long lastTimestamp;
    private volatile long lastTimestampNanos;

    public RtpTrack(int payloadType, int clockRate) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        this.payloadType = payloadType;
        this.clockRate = clockRate;
        this.ssrc = random.nextInt();
        this.timestampOrigin = random.nextLong(0x1_0000_0000L);
        this.nextSequence = random.nextInt(0x10000);
        this.lastTimestamp = timestampOrigin;
        this.lastTimestampNanos = System.nanoTime();
    }

    public int payloadType() {
        return payloadType;
    }

    public int clockRate() {
        return clockRate;
    }

    public int ssrc() {
        return ssrc;
    }

    /** The 32-bit RTP timestamp of a presentation time. */
    public long timestampOf(long ptsMicros) {
        return (timestampOrigin + Math.floorDiv(ptsMicros * clockRate, 1_000_000L)) & 0xffff_ffffL;
    }

    /** The sequence number the next packet will carry. */
    public int nextSequence() {
        return nextSequence;
    }

    int takeSequence() {
        int s = nextSequence;
        nextSequence = (s + 1) & 0xffff;
        return s;
    }

    void sent(long timestamp, int packetCount, int payloadOctets) {
        packets += packetCount;
        octets += payloadOctets;
        lastTimestamp = timestamp;
        lastTimestampNanos = System.nanoTime();
    }

    public long packets() {
        return packets;
    }

    public long octets() {
        return octets;
    }

    /** The RTP timestamp of the current instant, extrapolated from the last frame sent. */
    public long timestampNow(long nowNanos) {
        return (lastTimestamp + (nowNanos - lastTimestampNanos) * clockRate / 1_000_000_000L) & 0xffff_ffffL;
    }
}
