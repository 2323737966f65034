package org.camelvideo.rtsp.server;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Locale;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import org.camelvideo.rtsp.rtp.RtpFrame;

/**
 * One RTSP session: the tracks a reader set up, how each is carried, and, while playing, the
 * reader's live state. Frames reach it from the producer thread; requests from its connection's
 * event loop.
 */
final class Session {

    /** How one track reaches the reader: interleaved channels, or UDP addresses. */
    static final class TrackTransport {
        final TransportHeader header;
        final InetSocketAddress rtpAddress;
        final InetSocketAddress rtcpAddress;

        TrackTransport(TransportHeader header, InetSocketAddress rtpAddress, InetSocketAddress rtcpAddress) {
            this.header = header;
            this.rtpAddress = rtpAddress;
            this.rtcpAddress = rtcpAddress;
        }
    }

    /** Session ids are unguessable: over UDP the id is all that ties a request to a reader. */
    private static final SecureRandom IDS = new SecureRandom();

    final String id;
    final MediaStream stream;
    final Channel connection;
    /** The context in front of the RTSP encoder: interleaved data is written there, as raw bytes. */
    final ChannelHandlerContext rawContext;
    final UdpTransport udp;
    final TrackTransport[] tracks = new TrackTransport[2];
    volatile boolean playing;
    volatile long lastActivityNanos = System.nanoTime();
    volatile long unwritableSinceNanos;
    private boolean waitingKeyframe;
    private long drops;

    Session(MediaStream stream, ChannelHandlerContext rawContext, UdpTransport udp) {
        this.id = Long.toHexString(IDS.nextLong() & Long.MAX_VALUE).toUpperCase(Locale.ROOT);
        this.stream = stream;
        this.connection = rawContext.channel();
        this.rawContext = rawContext;
        this.udp = udp;
    }

    void touch() {
        lastActivityNanos = System.nanoTime();
    }

    boolean hasTrack(int index) {
        return tracks[index] != null;
    }

    int trackCount() {
        return (tracks[0] != null ? 1 : 0) + (tracks[1] != null ? 1 : 0);
    }

    boolean usesTcp() {
        for (TrackTransport t : tracks) {
            if (t != null && t.header.tcp) {
                return true;
            }
        }
        return false;
    }

    /** Called under the stream's lock when playing starts: on a keyframe from the cache, or waiting for one. */
    void startAt(boolean waitForKeyframe) {
        waitingKeyframe = waitForKeyframe && hasTrack(0);
    }

    /**
     * Hands one frame to this reader without waiting, on its connection's event loop: a reader
     * whose queue is full drops it, and its video then waits for the next keyframe.
     *
     * @param latency    when not null, told how long after {@code handedNanos} the frame's last byte went to the socket
     * @return whether the frame was dropped
     */
    boolean offer(RtpFrame frame, WriteLatency latency, long handedNanos) {
        TrackTransport t = tracks[frame.trackIndex()];
        if (t == null) {
            return false;
        }
        if (waitingKeyframe) {
            if (frame.trackIndex() != 0 || !frame.isKeyframe()) {
                return false;
            }
            waitingKeyframe = false;
        }
        if (!t.header.tcp) {
            udp.sendRtp(frame, t.rtpAddress);
            if (latency != null) {
                latency.record(System.nanoTime() - handedNanos);
            }
            return false;
        }
        if (!connection.isWritable()) {
            waitingKeyframe = hasTrack(0);
            drops++;
            return true;
        }
        ByteBuf data = frame.interleaved(t.header.rtpChannel, connection.alloc());
        if (latency == null) {
            rawContext.writeAndFlush(data, rawContext.voidPromise());
            return false;
        }
        // Usually the socket takes the whole frame in the flush and the listener runs at once;
        // when it cannot, the frame counts as written once its last byte is.
        rawContext.writeAndFlush(data).addListener(f -> {
            if (f.isSuccess()) {
                latency.record(System.nanoTime() - handedNanos);
            }
        });
        return false;
    }

    /** Writes one RTCP packet to the reader of track {@code index}; takes ownership of {@code packet}. */
    void sendRtcp(int index, ByteBuf packet) {
        TrackTransport t = tracks[index];
        if (t == null) {
            packet.release();
        } else if (t.header.tcp) {
            ByteBuf framed = connection.alloc().buffer(4 + packet.readableBytes());
            framed.writeByte('$').writeByte(t.header.rtcpChannel).writeShort(packet.readableBytes()).writeBytes(packet);
            packet.release();
            rawContext.writeAndFlush(framed, rawContext.voidPromise());
        } else {
            udp.sendRtcp(packet, t.rtcpAddress);
        }
    }

    long drops() {
        return drops;
    }

    @Override
    public String toString() {
        return "session " + id + " of " + connection.remoteAddress();
    }
}
