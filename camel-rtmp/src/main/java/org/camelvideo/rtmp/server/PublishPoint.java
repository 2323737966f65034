package org.camelvideo.rtmp.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.channel.Channel;

/**
 * One app/stream a server accepts a publisher for, with its optional key. A publisher's
 * publish name must be the stream name followed by the key, verbatim (OBS: server
 * {@code rtmp://host/app}, key {@code stream+key}); without a key, anything after a {@code ?}
 * in the publish name is ignored, and an empty stream name accepts any. One publisher at a time.
 */
public final class PublishPoint {

    private final String app;
    private final String stream;
    private final String streamKey;
    private final PublishSink sink;
    private final AtomicReference<Channel> publisher = new AtomicReference<>();

    public PublishPoint(String app, String stream, String streamKey, PublishSink sink) {
        this.app = app;
        this.stream = stream;
        this.streamKey = streamKey;
        this.sink = sink;
    }

    public String app() {
        return app;
    }

    public PublishSink sink() {
        return sink;
    }

    boolean accepts(String publishName) {
        if (streamKey != null) {
            return MessageDigest.isEqual((stream + streamKey).getBytes(StandardCharsets.UTF_8),
                                         publishName.getBytes(StandardCharsets.UTF_8));
        }
        int query = publishName.indexOf('?');
        return stream.isEmpty() || stream.equals(query < 0 ? publishName : publishName.substring(0, query));
    }

    /** Takes the point for a publisher; false while another one holds it. */
    boolean attach(Channel channel) {
        return publisher.compareAndSet(null, channel) || publisher.get() == channel;
    }

    void detach(Channel channel) {
        publisher.compareAndSet(channel, null);
    }

    /** Ends the current publisher's connection, when the endpoint goes away. */
    void close() {
        Channel ch = publisher.getAndSet(null);
        if (ch != null) {
            ch.close();
        }
    }

    @Override
    public String toString() {
        return app + "/" + stream;
    }
}
