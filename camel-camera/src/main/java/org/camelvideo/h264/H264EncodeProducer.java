package org.camelvideo.h264;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.spi.ExecutorServiceManager;
import org.apache.camel.support.DefaultAsyncProducer;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.camelvideo.ffmpeg.StagedFrames;
import org.camelvideo.h264.encode.AacEncoder;
import org.camelvideo.h264.encode.H264Encoder;
import org.camelvideo.media.AudioFrame;
import org.camelvideo.media.KeyframeRequester;
import org.camelvideo.media.MediaHeaders;
import org.camelvideo.media.MediaMessages;
import org.camelvideo.media.MediaPacket;
import org.camelvideo.media.VideoFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code h264:encode}: the endpoint's encoders run on a thread of their own, and the route goes
 * on from there with the packets. The caller only copies the picture into native memory
 * ({@link StagedFrames}) and returns, so a source that can run ahead (a file read as fast as it
 * goes) hands over its next frame while this one encodes, as the ffmpeg program's reader does
 * beside its encoder. At most two frames are in hand, one encoding and one waiting; a third
 * caller waits, so memory stays bounded and a slow encoder slows its source rather than queueing.
 * Video and audio take the one thread in the order they came. When a frame yields no packet yet
 * (an encoder filling its delay), the exchange stops there; when it yields several, the body is
 * the list.
 */
public class H264EncodeProducer extends DefaultAsyncProducer {

    private static final Logger LOG = LoggerFactory.getLogger(H264EncodeProducer.class);
    private static final int IN_HAND = 2;
    private static final long STOP_WAIT_MILLIS = 10_000;

    private final H264Endpoint endpoint;
    private final Semaphore inHand = new Semaphore(IN_HAND);
    private final StagedFrames staged = new StagedFrames();
    /** Jobs handed to the thread and not yet started, so that a stop can fail the ones it never runs. */
    private final Set<Job> waiting = ConcurrentHashMap.newKeySet();
    private volatile ExecutorService executor;
    private volatile Thread encodingThread;
    /** Used on the encoding thread only. */
    private H264Encoder videoEncoder;
    /** Published on every exchange; one per encoder, so the per-frame path allocates none. */
    private KeyframeRequester keyframeRequester;
    private AacEncoder audioEncoder;

    public H264EncodeProducer(H264Endpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        H264Encoder.requireInBuild(endpoint.encoderSettings().encoder());
        executor = endpoint.getCamelContext().getExecutorServiceManager().newSingleThreadExecutor(this, "h264:encode");
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        Object body = exchange.getMessage().getBody();
        if (!(body instanceof VideoFrame) && !(body instanceof AudioFrame)) {
            return failNow(exchange, callback, new IllegalArgumentException(
                    "h264:encode needs a " + VideoFrame.class.getName() + " or " + AudioFrame.class.getName()
                                                                            + " body, but received " + MediaMessages.describe(body)));
        }
        boolean force = exchange.getMessage().getHeader(MediaHeaders.REQUEST_KEYFRAME, false, Boolean.class);
        if (Thread.currentThread() == encodingThread) {
            // The route after this endpoint feeds it again: waiting for this thread would wait forever.
            return encodeNow(exchange, body, force, callback);
        }
        try {
            inHand.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failNow(exchange, callback, e);
        }
        AVFrame picture;
        try {
            picture = stage(body);
        } catch (RuntimeException | LinkageError e) {
            // A LinkageError too: the frame must complete, or the source waits on it forever.
            inHand.release();
            return failNow(exchange, callback, e);
        }
        Job job = new Job(exchange, body, picture, force, callback);
        waiting.add(job);
        try {
            ExecutorService running = executor;
            if (running == null) {
                throw new RejectedExecutionException("not started");
            }
            running.execute(job);
            return false;
        } catch (RejectedExecutionException e) {
            waiting.remove(job);
            job.release();
            return failNow(exchange, callback, new IllegalStateException("h264:encode is stopped; the frame was not encoded", e));
        }
    }

    private AVFrame stage(Object body) {
        return body instanceof VideoFrame ? staged.stage((VideoFrame) body) : null;
    }

    private boolean encodeNow(Exchange exchange, Object body, boolean force, AsyncCallback callback) {
        AVFrame picture = null;
        try {
            picture = stage(body);
            encode(exchange, body, picture, force);
        } catch (RuntimeException | LinkageError e) {
            exchange.setException(e);
        } finally {
            if (picture != null) {
                staged.release(picture);
            }
        }
        callback.done(true);
        return true;
    }

    private static boolean failNow(Exchange exchange, AsyncCallback callback, Throwable e) {
        exchange.setException(e);
        callback.done(true);
        return true;
    }

    /** On the encoding thread. */
    private void encode(Exchange exchange, Object body, AVFrame picture, boolean force) {
        List<MediaPacket> packets;
        if (picture != null) {
            if (videoEncoder == null) {
                videoEncoder = new H264Encoder(endpoint.encoderSettings());
                keyframeRequester = videoEncoder::requestKeyframe;
            }
            exchange.setProperty(MediaHeaders.KEYFRAME_REQUESTER, keyframeRequester);
            packets = videoEncoder.encode(picture, ((VideoFrame) body).ptsMicros(), force);
        } else {
            if (audioEncoder == null) {
                audioEncoder = new AacEncoder(endpoint.getAudioBitrate());
            }
            packets = audioEncoder.encode((AudioFrame) body);
        }
        emit(exchange, packets);
    }

    private static void emit(Exchange exchange, List<MediaPacket> packets) {
        Message message = exchange.getMessage();
        message.removeHeader(MediaHeaders.REQUEST_KEYFRAME);
        if (packets.isEmpty()) {
            exchange.setRouteStop(true);
            return;
        }
        MediaPacket first = packets.get(0);
        message.setBody(packets.size() == 1 ? first : packets);
        MediaMessages.setPacketHeaders(message, first);
        if (first.codec().isVideo() && first.config() != null) {
            message.setHeader(MediaHeaders.WIDTH, first.config().width());
            message.setHeader(MediaHeaders.HEIGHT, first.config().height());
        }
    }

    @Override
    protected void doStop() throws Exception {
        ExecutorService running = executor;
        executor = null;
        if (running != null) {
            // The frames in hand are still encoded and passed on, as a recording would want.
            ExecutorServiceManager manager = endpoint.getCamelContext().getExecutorServiceManager();
            manager.shutdown(running);
            if (!manager.awaitTermination(running, STOP_WAIT_MILLIS)) {
                manager.shutdownNow(running);
                for (Job job : waiting) {
                    job.fail(new IllegalStateException("h264:encode stopped before it encoded this frame"));
                }
                // The thread may still be inside the encoder: its native memory is left, not freed under it.
                LOG.warn("h264:encode did not finish its frames within {} s of being stopped", STOP_WAIT_MILLIS / 1000);
                super.doStop();
                return;
            }
        }
        if (videoEncoder != null) {
            videoEncoder.close();
            videoEncoder = null;
        }
        if (audioEncoder != null) {
            audioEncoder.close();
            audioEncoder = null;
        }
        staged.close();
        encodingThread = null;
        super.doStop();
    }

    /** One frame handed to the encoding thread, with what it holds until encoded. */
    private final class Job implements Runnable {

        private final Exchange exchange;
        private final Object body;
        private final AVFrame picture;
        private final boolean force;
        private final AsyncCallback callback;

        Job(Exchange exchange, Object body, AVFrame picture, boolean force, AsyncCallback callback) {
            this.exchange = exchange;
            this.body = body;
            this.picture = picture;
            this.force = force;
            this.callback = callback;
        }

        @Override
        public void run() {
            if (!waiting.remove(this)) {
                return;
            }
            encodingThread = Thread.currentThread();
            try {
                encode(exchange, body, picture, force);
            } catch (RuntimeException | LinkageError e) {
                exchange.setException(e);
            } finally {
                // Given back before the route goes on, so the caller can hand over its next frame meanwhile.
                release();
            }
            callback.done(false);
        }

        void fail(Exception e) {
            if (waiting.remove(this)) {
                exchange.setException(e);
                release();
                callback.done(false);
            }
        }

        void release() {
            if (picture != null) {
                staged.release(picture);
            }
            inHand.release();
        }
    }
}
