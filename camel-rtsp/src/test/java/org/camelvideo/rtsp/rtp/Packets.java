package org.camelvideo.rtsp.rtp;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;

/** Runs a packetizer into a frame and copies its RTP packets out as byte arrays. */
public final class Packets {

    private Packets() {
    }

    public static List<byte[]> packetize(RtpTrack track, long timestamp, Consumer<RtpFrameWriter> packetizer) {
        RtpFrameWriter w = new RtpFrameWriter(track, 0, timestamp, 64, UnpooledByteBufAllocator.DEFAULT);
        packetizer.accept(w);
        RtpFrame frame = w.finish(false);
        try {
            List<byte[]> out = new ArrayList<>();
            for (int i = 0; i < frame.packetCount(); i++) {
                out.add(ByteBufUtil.getBytes(frame.packet(i)));
            }
            return out;
        } finally {
            frame.release();
        }
    }

    /** The payload of an RTP packet with a plain 12-byte header. */
    public static byte[] payload(byte[] packet) {
        byte[] p = new byte[packet.length - RtpPacket.HEADER_LENGTH];
        System.arraycopy(packet, RtpPacket.HEADER_LENGTH, p, 0, p.length);
        return p;
    }

    public static boolean marker(byte[] packet) {
        return (packet[1] & 0x80) != 0;
    }

    public static int sequence(byte[] packet) {
        return ((packet[2] & 0xff) << 8) | (packet[3] & 0xff);
    }

    /** Parses {@code packet} as a received one and hands it on while its buffer is alive. */
    public static void receive(byte[] packet, Depacketizer into) {
        ByteBuf buf = io.netty.buffer.Unpooled.wrappedBuffer(packet);
        try {
            into.packet(RtpPacket.parse(buf));
        } finally {
            buf.release();
        }
    }

    public static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    public static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int pos = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, pos, p.length);
            pos += p.length;
        }
        return out;
    }

    public static byte[] filled(int length, int first) {
        byte[] b = new byte[length];
        b[0] = (byte) first;
        for (int i = 1; i < length; i++) {
            b[i] = (byte) (i * 7 + 3);
        }
        return b;
    }
}
