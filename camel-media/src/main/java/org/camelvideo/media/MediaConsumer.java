package org.camelvideo.media;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.spi.ExecutorServiceManager;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer fed by its own capture or network thread. A failure in the route goes to the
 * consumer's exception handler and never back to that thread, which must carry on.
 * <p>
 * Network consumers run the route on a thread of their own behind a {@link PacketQueue}
 * ({@link #startRouteThread}), so that a slow route cannot hold up the event loop the packets
 * arrived on; capture consumers drive the route from their own mailbox thread.
 */
public abstract class MediaConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(MediaConsumer.class);
    /** How long a stop waits for this consumer's threads to finish what they hold. */
    protected static final long STOP_WAIT_SECONDS = 10;
    /** How long a stopping route may go on with what was received before the rest is dropped. */
    private static final long DRAIN_MILLIS = 1000;

    private ExecutorService routeThread;
    private PacketQueue packets;
    private String source;

    protected MediaConsumer(Endpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    /** Runs the route with {@code exchange} on this thread, reports a failure as {@code failure}, and releases it. */
    protected void processAndRelease(Exchange exchange, String failure) {
        try {
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        finish(exchange, failure);
    }

    /**
     * Starts the route with {@code exchange} and returns as soon as a step of it goes on another
     * thread (an encoder's); when the route is done, wherever that is, reports a failure as
     * {@code failure}, releases the exchange and runs {@code afterwards}.
     */
    protected void processAsync(Exchange exchange, String failure, Runnable afterwards) {
        try {
            getAsyncProcessor().process(exchange, doneSync -> {
                finish(exchange, failure);
                afterwards.run();
            });
        } catch (RuntimeException e) {
            exchange.setException(e);
            finish(exchange, failure);
            afterwards.run();
        }
    }

    private void finish(Exchange exchange, String failure) {
        if (exchange.getException() != null) {
            getExceptionHandler().handleException(failure, exchange, exchange.getException());
        }
        releaseExchange(exchange, false);
    }

    /**
     * From now on {@link #emit} queues packets for a route thread of this consumer's, which
     * runs the route with each; past {@code maxBytes} waiting, {@code flow} is paused, or
     * packets are dropped up to the next keyframe (see {@link PacketQueue}).
     *
     * @param source  what the packets come from, in the thread's name and the log; no secrets
     * @param failure how a failed exchange is reported
     */
    protected void startRouteThread(String source, long maxBytes, ReadFlow flow, String failure) {
        this.source = source;
        packets = new PacketQueue(source, maxBytes, flow);
        PacketQueue queue = packets;
        ExecutorServiceManager manager = getEndpoint().getCamelContext().getExecutorServiceManager();
        routeThread = manager.newSingleThreadExecutor(this, "route[" + source + "]");
        routeThread.execute(() -> queue.drain(packet -> process(packet, failure)));
    }

    /** Hands {@code packet} to the route thread; never waits. Safe from any thread. */
    protected void emit(MediaPacket packet) {
        PacketQueue queue = packets;
        if (queue != null) {
            queue.offer(packet);
        }
    }

    private void process(MediaPacket packet, String failure) {
        Exchange exchange = createExchange(false);
        Message in = exchange.getIn();
        in.setBody(packet);
        MediaMessages.setPacketHeaders(in, packet);
        processAndRelease(exchange, failure);
    }

    /** Packets dropped because the route fell behind the stream. */
    public long getDroppedPackets() {
        PacketQueue queue = packets;
        return queue == null ? 0 : queue.dropped();
    }

    /**
     * Ends the route thread: it goes on with what was received for up to a second (a route that
     * keeps up, or a recording whose publisher has just gone, finishes), then what still waits is
     * dropped as stale live media, and the exchange in flight gets up to 10 s. Working through
     * seconds of a backlog while Camel stops the route's processors held the stop up and failed
     * those exchanges. Call once no more packets can arrive.
     */
    protected void stopRouteThread() throws InterruptedException {
        if (routeThread == null) {
            return;
        }
        ExecutorServiceManager manager = getEndpoint().getCamelContext().getExecutorServiceManager();
        packets.end();
        manager.shutdown(routeThread);
        if (!manager.awaitTermination(routeThread, DRAIN_MILLIS)) {
            long stale = packets.pendingBytes();
            packets.close();
            LOG.info("The route of {} was behind the stream as it stopped: {} bytes received were not routed", source, stale);
            if (!manager.awaitTermination(routeThread, TimeUnit.SECONDS.toMillis(STOP_WAIT_SECONDS))) {
                manager.shutdownNow(routeThread);
                LOG.warn("The route of {} did not finish its exchange in flight within {} s of the stop", source, STOP_WAIT_SECONDS);
            }
        }
        routeThread = null;
    }

    /**
     * Shuts {@code threads} down, letting them finish what they hold, for at most
     * {@link #STOP_WAIT_SECONDS}; then interrupts them.
     *
     * @return whether they ended in time
     */
    protected boolean endThreads(ExecutorService threads) throws InterruptedException {
        ExecutorServiceManager manager = getEndpoint().getCamelContext().getExecutorServiceManager();
        manager.shutdown(threads);
        if (manager.awaitTermination(threads, TimeUnit.SECONDS.toMillis(STOP_WAIT_SECONDS))) {
            return true;
        }
        manager.shutdownNow(threads);
        return false;
    }
}
