package org.camelvideo.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimelineTest {

    private static final int VIDEO = 0;
    private static final int AUDIO = 1;

    private final Timeline timeline = new Timeline(2, 1_000_000, 10_000_000);

    @Test
    void passesAContinuousStreamThroughFromZero() {
        assertThat(timeline.map(VIDEO, 5_000_000)).isEqualTo(0);
        assertThat(timeline.map(AUDIO, 5_010_000)).isEqualTo(10_000);
        assertThat(timeline.map(VIDEO, 5_033_333)).isEqualTo(33_333);
        assertThat(timeline.map(AUDIO, 5_031_333)).isEqualTo(31_333);
        assertThat(timeline.breaks()).isZero();
    }

    @Test
    void keepsReorderedPresentationTimesAndTheGapsOfALiveSource() {
        timeline.map(VIDEO, 0);
        assertThat(timeline.map(VIDEO, 100_000)).isEqualTo(100_000);
        assertThat(timeline.map(VIDEO, 33_333)).isEqualTo(33_333);
        assertThat(timeline.map(VIDEO, 66_666)).isEqualTo(66_666);
        // A camera that stalled for five seconds: the gap is real time and stays.
        assertThat(timeline.map(VIDEO, 5_133_333)).isEqualTo(5_133_333);
        assertThat(timeline.breaks()).isZero();
    }

    @Test
    void carriesASourceThatStartsAgainFromZeroOnOneStepLaterWithItsTracksInSync() {
        for (long t = 0; t <= 14_000_000; t += 40_000) {
            timeline.map(VIDEO, t);
            timeline.map(AUDIO, t + 5_000);
        }
        // The restarted source: video first, then audio 5 ms behind it, as before the break.
        assertThat(timeline.map(VIDEO, 0)).isEqualTo(14_005_000 + 40_000);
        assertThat(timeline.map(AUDIO, 5_000)).isEqualTo(14_050_000);
        assertThat(timeline.map(VIDEO, 40_000)).isEqualTo(14_085_000);
        assertThat(timeline.breaks()).isEqualTo(1);
    }

    @Test
    void aLeapFarAheadIsABreakToo() {
        timeline.map(AUDIO, 0);
        timeline.map(AUDIO, 21_333);
        assertThat(timeline.map(AUDIO, 3_600_000_000L)).isEqualTo(42_666);
        assertThat(timeline.map(AUDIO, 3_600_021_333L)).isEqualTo(63_999);
        assertThat(timeline.breaks()).isEqualTo(1);
    }

    @Test
    void theStepIsBoundedWhenATrackHadNoIntervalYetOrAHugeOne() {
        timeline.map(VIDEO, 0);
        timeline.map(VIDEO, 900_000);
        assertThat(timeline.map(VIDEO, -60_000_000)).isEqualTo(1_000_000);
    }
}
