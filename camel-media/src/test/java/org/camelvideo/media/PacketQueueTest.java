package org.camelvideo.media;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PacketQueueTest {

    private static MediaPacket video(long pts, boolean key, int size) {
        return new MediaPacket(Codec.H264, new byte[size], pts, pts, key, null);
    }

    private static MediaPacket audio(long pts) {
        return new MediaPacket(Codec.AAC, new byte[100], pts, pts, true, null);
    }

    /** Runs the route with what waits, in order, until the queue is closed. */
    private static List<Long> drain(PacketQueue queue) throws InterruptedException {
        List<Long> seen = new ArrayList<>();
        CountDownLatch empty = new CountDownLatch(1);
        Thread route = new Thread(() -> queue.drain(p -> {
            seen.add(p.ptsMicros());
            if (queue.pendingBytes() == 0) {
                empty.countDown();
            }
        }));
        route.start();
        empty.await(5, TimeUnit.SECONDS);
        queue.close();
        route.join(5000);
        assertThat(route.isAlive()).isFalse();
        return seen;
    }

    @Test
    void withoutFlowAnOverrunDropsUpToTheNextKeyframeWhichReplacesTheStaleQueue() throws Exception {
        PacketQueue queue = new PacketQueue("test", 1000, null);
        queue.offer(video(0, true, 400));
        queue.offer(video(1, false, 400));
        queue.offer(video(2, false, 400));
        queue.offer(audio(3));
        queue.offer(video(4, false, 100));
        queue.offer(video(5, true, 400));
        queue.offer(video(6, false, 400));
        assertThat(queue.dropped()).as("2, 3 and 4 on the overrun, 0 and 1 replaced by the keyframe").isEqualTo(5);
        assertThat(drain(queue)).containsExactly(5L, 6L);
    }

    @Test
    void audioOnlyStreamsResumeAtAnyFrame() throws Exception {
        PacketQueue queue = new PacketQueue("test", 250, null);
        queue.offer(audio(0));
        queue.offer(audio(1));
        queue.offer(audio(2));
        assertThat(queue.dropped()).isEqualTo(2);
        assertThat(drain(queue)).containsExactly(2L);
    }

    @Test
    void withFlowAnOverrunPausesReadingLosesNothingAndResumesAtHalf() throws Exception {
        List<String> calls = new ArrayList<>();
        ReadFlow flow = new ReadFlow() {
            @Override
            public synchronized boolean pause() {
                calls.add("pause");
                return true;
            }

            @Override
            public synchronized void resume() {
                calls.add("resume");
            }
        };
        PacketQueue queue = new PacketQueue("test", 1000, flow);
        for (int i = 0; i < 5; i++) {
            queue.offer(video(i, i == 0, 400));
        }
        assertThat(queue.dropped()).as("paused, what was read already is taken").isZero();
        assertThat(calls).containsOnly("pause");
        assertThat(drain(queue)).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(calls).endsWith("resume").containsOnlyOnce("resume");
    }

    /** A sender that closed ahead of a slow route: Netty reads its socket buffer to the end, paused or not. */
    @Test
    void pausedTheQueueTakesASocketBufferfulBeyondTheBoundAndDropsPastIt() throws Exception {
        ReadFlow flow = new ReadFlow() {
            @Override
            public boolean pause() {
                return true;
            }

            @Override
            public void resume() {
            }
        };
        PacketQueue queue = new PacketQueue("test", 1000, flow);
        int mib = 1024 * 1024;
        for (int i = 0; i < 8; i++) {
            queue.offer(video(i, i == 0, mib));
        }
        assertThat(queue.dropped()).isZero();
        queue.offer(video(8, false, mib));
        assertThat(queue.dropped()).isEqualTo(1);
        assertThat(drain(queue)).hasSize(8);
    }

    @Test
    void aFlowThatCannotPauseMeansDrops() throws Exception {
        ReadFlow udp = new ReadFlow() {
            @Override
            public boolean pause() {
                return false;
            }

            @Override
            public void resume() {
                throw new AssertionError("never paused");
            }
        };
        PacketQueue queue = new PacketQueue("test", 1000, udp);
        for (int i = 0; i < 4; i++) {
            queue.offer(video(i, i == 0, 400));
        }
        assertThat(queue.dropped()).isEqualTo(2);
        assertThat(drain(queue)).containsExactly(0L, 1L);
    }

    @Test
    void endedTheQueueRunsTheRouteWithWhatWaitsAndThenReturns() {
        PacketQueue queue = new PacketQueue("test", 1000, null);
        queue.offer(video(0, true, 10));
        queue.offer(video(1, false, 10));
        queue.end();
        queue.offer(video(2, false, 10));
        List<Long> seen = new ArrayList<>();
        queue.drain(p -> seen.add(p.ptsMicros()));
        assertThat(seen).containsExactly(0L, 1L);
    }

    @Test
    void packetsOfferedAfterCloseAreIgnored() {
        PacketQueue queue = new PacketQueue("test", 1000, null);
        queue.close();
        queue.offer(video(0, true, 10));
        assertThat(queue.pendingBytes()).isZero();
        assertThat(queue.dropped()).isZero();
    }
}
