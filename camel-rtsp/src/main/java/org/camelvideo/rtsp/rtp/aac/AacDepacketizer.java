package org.camelvideo.rtsp.rtp.aac;

import io.netty.buffer.ByteBuf;
import org.camelvideo.rtsp.rtp.AccessUnitListener;
import org.camelvideo.rtsp.rtp.Depacketizer;
import org.camelvideo.rtsp.rtp.RtpPacket;

/**
 * Reads RFC 3640 AAC-hbr packets (13-bit size, 3-bit index/index-delta) back into raw frames:
 * several AUs in one packet, each {@code samplesPerFrame} later than the one before, or one AU
 * fragmented over packets up to the marker. A lost fragment drops its frame.
 */
public final class AacDepacketizer implements Depacketizer {

    private final int sizeLength;
    private final int indexLength;
    private final int samplesPerFrame;
    private final AccessUnitListener listener;
    private byte[] fragment;
    private int fragmentLength;
    private int expectedSequence = -1;
    private boolean lostFragmentStart;
    private long droppedFrames;

    public AacDepacketizer(int sizeLength, int indexLength, int samplesPerFrame, AccessUnitListener listener) {
        if (sizeLength + indexLength != 16) {
            throw new IllegalArgumentException("Only 16-bit AU-headers are supported, got sizelength=" + sizeLength
                                               + " indexlength=" + indexLength);
        }
        this.sizeLength = sizeLength;
        this.indexLength = indexLength;
        this.samplesPerFrame = samplesPerFrame;
        this.listener = listener;
    }

    @Override
    public void packet(RtpPacket packet) {
        boolean gap = expectedSequence >= 0 && packet.sequence() != expectedSequence;
        expectedSequence = (packet.sequence() + 1) & 0xffff;
        if (gap) {
            if (fragment != null) {
                dropFragment();
            }
            // A fragment after a gap cannot be told from a first one: wait for the next marker.
            lostFragmentStart = true;
        }
        ByteBuf p = packet.payload();
        int start = p.readerIndex();
        int end = p.writerIndex();
        if (end - start < 2) {
            droppedFrames++;
            return;
        }
        int headerBits = p.getUnsignedShort(start);
        int headers = headerBits / (sizeLength + indexLength);
        int data = start + 2 + (headerBits + 7) / 8;
        if (headerBits % 16 != 0 || headers == 0 || data > end) {
            droppedFrames++;
            return;
        }
        if (headers == 1) {
            int size = p.getUnsignedShort(start + 2) >>> indexLength;
            if (size > end - data || fragment != null) {
                fragment(p, data, end, size, packet);
                return;
            }
        }
        lostFragmentStart = false;
        for (int i = 0; i < headers; i++) {
            int size = p.getUnsignedShort(start + 2 + 2 * i) >>> indexLength;
            if (data + size > end) {
                droppedFrames++;
                return;
            }
            byte[] frame = new byte[size];
            p.getBytes(data, frame);
            data += size;
            listener.accessUnit(frame, (packet.timestamp() + (long) i * samplesPerFrame) & 0xffff_ffffL, true);
        }
    }

    private void fragment(ByteBuf p, int data, int end, int size, RtpPacket packet) {
        if (lostFragmentStart) {
            lostFragmentStart = !packet.marker();
            return;
        }
        if (fragment == null) {
            fragment = new byte[size];
            fragmentLength = 0;
        }
        int n = end - data;
        if (fragment.length != size || fragmentLength + n > size) {
            dropFragment();
            return;
        }
        p.getBytes(data, fragment, fragmentLength, n);
        fragmentLength += n;
        if (packet.marker()) {
            if (fragmentLength == size) {
                listener.accessUnit(fragment, packet.timestamp(), true);
                fragment = null;
            } else {
                dropFragment();
            }
        }
    }

    private void dropFragment() {
        fragment = null;
        droppedFrames++;
    }

    public long droppedFrames() {
        return droppedFrames;
    }
}
