package org.camelvideo.rtsp;

import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedOperation;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.support.DefaultProducer;
import org.camelvideo.media.Codec;
import org.camelvideo.media.KeyframeRequester;
import org.camelvideo.media.MediaHeaders;
import org.camelvideo.media.MediaMessages;
import org.camelvideo.media.MediaPacket;
import org.camelvideo.media.h264.H264AccessUnit;
import org.camelvideo.rtsp.server.MediaStream;

/**
 * Serves the route's packets at the endpoint's path: each exchange is one frame (or a list of
 * them, as an encoder emits when one input completes several), handed to the readers without
 * waiting for any of them.
 */
@ManagedResource(description = "RTSP server stream")
public class RtspProducer extends DefaultProducer {

    private final RtspEndpoint endpoint;
    private MediaStream stream;
    private long startNanos;

    public RtspProducer(RtspEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        stream = endpoint.servedPath().acquire();
        startNanos = System.nanoTime();
    }

    @Override
    protected void doStop() throws Exception {
        if (stream != null) {
            endpoint.servedPath().release();
            stream = null;
        }
        super.doStop();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        KeyframeRequester requester = exchange.getProperty(MediaHeaders.KEYFRAME_REQUESTER, KeyframeRequester.class);
        if (requester != null) {
            stream.keyframeRequester(requester);
        }
        Message in = exchange.getIn();
        Object body = in.getBody();
        List<MediaPacket> packets = MediaMessages.packets(body);
        if (packets != null) {
            packets.forEach(this::publish);
        } else if (body instanceof byte[]) {
            byte[] nal = (byte[]) body;
            AnnexBBody.requireStartCode(nal);
            Boolean key = in.getHeader(MediaHeaders.KEYFRAME, Boolean.class);
            Long pts = in.getHeader(MediaHeaders.TIMESTAMP, Long.class);
            stream.publishVideo(Codec.H264, nal, pts != null ? pts : (System.nanoTime() - startNanos) / 1000,
                                key != null ? key : H264AccessUnit.isKeyframe(nal), null);
        } else {
            throw MediaMessages.notPackets("rtsp: serves a MediaPacket (H264, H265 or AAC, e.g. from h264:encode), a list of them or"
                                           + " an Annex-B byte[]", body);
        }
    }

    private void publish(MediaPacket p) {
        if (p.codec() == Codec.H264 || p.codec() == Codec.H265) {
            stream.publishVideo(p.codec(), p.payload(), p.ptsMicros(), p.isKeyframe(), p.config());
        } else if (p.codec() == Codec.AAC) {
            stream.publishAudio(p.payload(), p.ptsMicros(), p.config());
        } else {
            throw new IllegalArgumentException("rtsp: serves H264, H265 and AAC packets, not " + p.codec());
        }
    }

    @ManagedAttribute(description = "Readers playing now")
    public int getReaderCount() {
        return stream == null ? 0 : stream.readerCount();
    }

    @ManagedAttribute(description = "Frames served")
    public long getFrames() {
        return stream == null ? 0 : stream.frames();
    }

    @ManagedAttribute(description = "Frames dropped for being longer than maxFrameLength")
    public long getOversizeFrames() {
        return stream == null ? 0 : stream.oversizeFrames();
    }

    @ManagedAttribute(description = "Frames dropped for readers that could not keep up")
    public long getReaderDrops() {
        return stream == null ? 0 : stream.readerDrops();
    }

    @ManagedAttribute(description = "Median time in microseconds from a frame's hand-off to its write to a reader's socket")
    public long getWriteLatencyP50Micros() {
        return stream == null ? 0 : stream.writeLatency().percentileMicros(0.5);
    }

    @ManagedAttribute(description = "99th percentile time in microseconds from a frame's hand-off to its write to a reader's"
                                    + " socket")
    public long getWriteLatencyP99Micros() {
        return stream == null ? 0 : stream.writeLatency().percentileMicros(0.99);
    }

    @ManagedOperation(description = "Starts the write latency figures afresh")
    public void resetWriteLatency() {
        if (stream != null) {
            stream.writeLatency().reset();
        }
    }

    @ManagedAttribute(description = "Readers disconnected after the write timeout")
    public long getStuckReaders() {
        return stream == null ? 0 : stream.stuckReaders();
    }
}
