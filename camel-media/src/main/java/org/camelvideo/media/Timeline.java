package org.camelvideo.media;

import java.util.Arrays;

/**
 * Carries the timestamps of a stream's tracks on across a break in its source, so that what a
 * server sends stays one continuous timeline. A relay's source can start again from zero (a
 * publisher that reconnects, an upstream server that restarts, a camera that reboots) or leap
 * ahead; a player or server downstream that sees time go back freezes the picture or throws the
 * stream away, and one that sees it leap waits.
 * <p>
 * A time that lands more than {@code maxBackMicros} before its track's last, or more than
 * {@code maxAheadMicros} after it, is a break: the timeline is shifted so that it lands one step
 * (the track's last interval, 1 to 100 ms) after the latest time of any track. Tracks share the
 * shift, so after the first track of a restarted source has moved it, the others land in place
 * and stay in sync with it. Within the bounds times pass through as they are, reordered
 * presentation times and the gaps of a live source included. Times come out from zero.
 */
public final class Timeline {

    private static final long MIN_STEP_MICROS = 1_000;
    private static final long MAX_STEP_MICROS = 100_000;
    private static final long DEFAULT_STEP_MICROS = 33_333;

    private final long maxBackMicros;
    private final long maxAheadMicros;
    private final long[] last;
    private final long[] step;
    private boolean started;
    private long shift;
    private long latest;
    private long breaks;

    /**
     * @param tracks         how many tracks, numbered from 0
     * @param maxBackMicros  how far back a time may go on its track before it is a break
     * @param maxAheadMicros how far ahead a time may leap on its track before it is a break
     */
    public Timeline(int tracks, long maxBackMicros, long maxAheadMicros) {
        this.maxBackMicros = maxBackMicros;
        this.maxAheadMicros = maxAheadMicros;
        this.last = new long[tracks];
        this.step = new long[tracks];
        Arrays.fill(last, Long.MIN_VALUE);
        Arrays.fill(step, DEFAULT_STEP_MICROS);
    }

    /** The time, in microseconds from the start of the output, of {@code micros} on {@code track}. */
    public synchronized long map(int track, long micros) {
        if (!started) {
            shift = -micros;
            started = true;
        }
        long mapped = micros + shift;
        long previous = last[track];
        if (previous != Long.MIN_VALUE && (mapped < previous - maxBackMicros || mapped > previous + maxAheadMicros)) {
            long landing = latest + step[track];
            shift += landing - mapped;
            mapped = landing;
            breaks++;
        } else if (previous != Long.MIN_VALUE && mapped > previous) {
            step[track] = Math.min(MAX_STEP_MICROS, Math.max(MIN_STEP_MICROS, mapped - previous));
        }
        last[track] = mapped;
        latest = Math.max(latest, mapped);
        return mapped;
    }

    /** How many breaks the timeline has been carried across. */
    public synchronized long breaks() {
        return breaks;
    }
}
