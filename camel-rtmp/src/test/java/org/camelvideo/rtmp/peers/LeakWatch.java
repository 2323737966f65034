package org.camelvideo.rtmp.peers;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;

/**
 * Turns Netty's leak reports (PARANOID in every test JVM) into test failures instead of log
 * lines. Each test class touches this class before it makes its first buffer, so the factory is
 * in place before Netty creates its detectors.
 */
public final class LeakWatch {

    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    static {
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new ResourceLeakDetectorFactory() {
            @Override
            @SuppressWarnings("deprecation")
            public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval, long maxActive) {
                return new ResourceLeakDetector<T>(resource, samplingInterval) {
                    @Override
                    protected void reportTracedLeak(String type, String records) {
                        LEAKS.add(type + " leaked:" + records);
                        super.reportTracedLeak(type, records);
                    }

                    @Override
                    protected void reportUntracedLeak(String type) {
                        LEAKS.add(type + " leaked");
                        super.reportUntracedLeak(type);
                    }
                };
            }
        });
    }

    private LeakWatch() {
    }

    /** Call first in each test class. */
    public static void install() {
        // The static initializer did the work.
    }

    /** Collects garbage, lets the detector look, and fails with any leak found so far. */
    public static void assertNoLeaks() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
            for (int j = 0; j < 64; j++) {
                ByteBuf probe = PooledByteBufAllocator.DEFAULT.buffer(16);
                probe.release();
            }
        }
        if (!LEAKS.isEmpty()) {
            throw new AssertionError("Netty buffers leaked:\n" + String.join("\n", LEAKS));
        }
    }

    /**
     * Threads of this component still alive 5 s after the call, which a stopped context must not
     * leave. The wait is for threads already on their way out: Netty completes an event loop's
     * termination future, which the component's stop awaits, just before its thread returns.
     */
    public static List<String> rtmpThreads() throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        List<String> alive = aliveRtmpThreads();
        while (!alive.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            alive = aliveRtmpThreads();
        }
        return alive;
    }

    private static List<String> aliveRtmpThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("camel-rtmp") || n.contains("route[")).toList();
    }
}
