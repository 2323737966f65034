package org.camelvideo.rtsp.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WriteLatencyTest {

    @Test
    void percentilesToTheBucketEdge() {
        WriteLatency latency = new WriteLatency();
        assertThat(latency.percentileMicros(0.99)).isZero();
        for (int i = 1; i <= 100; i++) {
            latency.record(i * 100_000L); // 0.1 ms .. 10 ms
        }
        assertThat(latency.count()).isEqualTo(100);
        assertThat(latency.percentileMicros(0.5)).isEqualTo(5010);
        assertThat(latency.percentileMicros(0.99)).isEqualTo(9910);
        latency.record(Long.MAX_VALUE);
        assertThat(latency.percentileMicros(1.0)).isEqualTo(50_010);
    }
}
