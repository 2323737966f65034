package org.camelvideo.camera.source;

import org.camelvideo.media.AudioFrame;
import org.camelvideo.media.SampleFormat;
import org.camelvideo.media.VideoFrame;

/**
 * {@code camera:testsrc}: the moving {@link TestPattern} at any size and rate and, when audio is
 * asked for, a 440 Hz tone that beeps on every second, in 1024-sample frames (one AAC frame
 * each). Pure Java, so it runs wherever the JVM does.
 */
public final class TestPatternSource implements FrameSource {

    static final int DEFAULT_WIDTH = 640;
    static final int DEFAULT_HEIGHT = 480;
    private static final int AUDIO_FRAME_SAMPLES = 1024;

    private final SourceSettings settings;
    private final int width;
    private final int height;
    private final Pacer pacer = new Pacer();
    private TestPattern pattern;
    private long videoCount;
    private long audioSamples;

    public TestPatternSource(SourceSettings settings) {
        this.settings = settings;
        this.width = settings.width() > 0 ? settings.width() : DEFAULT_WIDTH;
        this.height = settings.height() > 0 ? settings.height() : DEFAULT_HEIGHT;
        if (settings.fps() <= 0) {
            throw new IllegalArgumentException("testsrc needs a positive fps, got " + settings.fps());
        }
    }

    @Override
    public void open() {
        pattern = new TestPattern(width, height);
    }

    @Override
    public Object read() throws InterruptedException {
        long videoPts = videoCount * 1_000_000L / settings.fps();
        Object next;
        if (settings.audio() && audioPts() < videoPts) {
            next = nextAudio();
        } else {
            byte[] i420 = pattern.draw(videoCount);
            next = new VideoFrame(width, height, settings.pixelFormat(),
                                  I420Conversion.convert(i420, width, height, settings.pixelFormat()), videoPts, videoCount);
            videoCount++;
        }
        if (settings.realtime()) {
            pacer.await(next instanceof VideoFrame ? ((VideoFrame) next).ptsMicros() : ((AudioFrame) next).ptsMicros());
        }
        return next;
    }

    private long audioPts() {
        return audioSamples * 1_000_000L / settings.audioSampleRate();
    }

    private AudioFrame nextAudio() {
        int rate = settings.audioSampleRate();
        int channels = settings.audioChannels();
        byte[] pcm = new byte[AUDIO_FRAME_SAMPLES * channels * 2];
        for (int i = 0, o = 0; i < AUDIO_FRAME_SAMPLES; i++) {
            long s = audioSamples + i;
            boolean beep = (s % rate) < rate / 10;
            short v = (short) (beep ? 8000 * Math.sin(2 * Math.PI * 440 * s / rate) : 0);
            for (int c = 0; c < channels; c++) {
                pcm[o++] = (byte) v;
                pcm[o++] = (byte) (v >> 8);
            }
        }
        AudioFrame frame = new AudioFrame(rate, channels, SampleFormat.S16, pcm, audioPts());
        audioSamples += AUDIO_FRAME_SAMPLES;
        return frame;
    }

    @Override
    public void interrupt() {
        // read() only ever sleeps for pacing, which the capture thread's interrupt ends.
    }

    @Override
    public void close() {
        pattern = null;
    }

    @Override
    public String describe() {
        return "testsrc " + width + "x" + height + "@" + settings.fps();
    }
}
