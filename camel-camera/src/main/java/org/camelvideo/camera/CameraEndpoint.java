package org.camelvideo.camera;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import org.camelvideo.camera.source.SourceSettings;
import org.camelvideo.camera.source.Sources;
import org.camelvideo.media.PixelFormat;

/**
 * Captures live frames. The source is the built-in moving test pattern ({@code testsrc}, the
 * default), a V4L2 camera ({@code /dev/video0}), a media file, or any URL FFmpeg can read.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "camera", title = "Camera", syntax = "camera:source",
             consumerOnly = true, category = { Category.IOT }, headersClass = CameraConstants.class)
public class CameraEndpoint extends DefaultEndpoint {

    @UriPath(description = "testsrc (a moving pattern with a frame counter and clock, pure Java), a V4L2 device such as"
                           + " /dev/video0, a media file path, or an FFmpeg-readable URL",
             defaultValue = "testsrc")
    @Metadata(required = true)
    private String source = Sources.TESTSRC;
    @UriParam(description = "Picture width in pixels; 0 keeps the source's own (testsrc: 640)", defaultValue = "0")
    private int width;
    @UriParam(description = "Picture height in pixels; 0 keeps the source's own (testsrc: 480)", defaultValue = "0")
    private int height;
    @UriParam(description = "Frames per second of testsrc, and the rate asked of a camera; files keep their own",
              defaultValue = "30")
    private int fps = 30;
    @UriParam(description = "Layout of the frames delivered", defaultValue = "I420", enums = "I420,NV12,NV21,BGR24,GRAY8")
    private PixelFormat pixelFormat = PixelFormat.I420;
    @UriParam(description = "Start a file again from the beginning when it ends", defaultValue = "false")
    private boolean loop;
    @UriParam(description = "Pace files and testsrc to their timestamps and deliver the newest frame when the route is"
                            + " slower (live). false reads as fast as the route takes frames and drops none",
              defaultValue = "true")
    private boolean realtime = true;
    @UriParam(description = "Also deliver AudioFrames: testsrc's beep, a file's audio track, or the audioDevice",
              defaultValue = "false")
    private boolean audio;
    @UriParam(description = "Audio capture device when audio=true: an FFmpeg input format, a colon and the device,"
                            + " e.g. pulse:default or alsa:hw:1,0")
    private String audioDevice;
    @UriParam(description = "Sample rate of testsrc and device audio", defaultValue = "48000")
    private int audioSampleRate = 48000;
    @UriParam(description = "Channels of testsrc and device audio", defaultValue = "2")
    private int audioChannels = 2;
    @UriParam(label = "advanced", description = "FFmpeg input format to force, e.g. v4l2, rawvideo, mjpeg")
    private String inputFormat;
    @UriParam(label = "advanced",
              description = "FFmpeg demuxer options as key=value pairs separated by commas,"
                            + " e.g. input_format=mjpeg,video_size=1280x720 or rtsp_transport=tcp")
    private String inputOptions;
    @UriParam(label = "advanced", description = "A network source (RTSP, HTTP, any URL) that sends nothing for this many"
                                                + " milliseconds, or does not answer its opening within it, is given up"
                                                + " and reconnected: a camera that froze without closing the connection",
              defaultValue = "10000")
    private long readTimeout = 10000;
    @UriParam(label = "advanced", description = "First delay in milliseconds before a failed source is tried again;"
                                                + " it doubles on each failure up to maxReconnectDelay",
              defaultValue = "1000")
    private long reconnectDelay = 1000;
    @UriParam(label = "advanced", description = "Longest delay in milliseconds between two attempts to reopen a source",
              defaultValue = "30000")
    private long maxReconnectDelay = 30000;

    public CameraEndpoint(String uri, CameraComponent component) {
        super(uri, component);
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("camera: only captures; use it in from(), not to()");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        CameraConsumer consumer = new CameraConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    SourceSettings settings() {
        return new SourceSettings(width, height, fps, pixelFormat, loop, realtime, audio, audioSampleRate, audioChannels,
                                  inputFormat, inputOptions, readTimeout);
    }

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    public int getWidth() {
        return width;
    }

    public void setWidth(int width) {
        this.width = width;
    }

    public int getHeight() {
        return height;
    }

    public void setHeight(int height) {
        this.height = height;
    }

    public int getFps() {
        return fps;
    }

    public void setFps(int fps) {
        this.fps = fps;
    }

    public PixelFormat getPixelFormat() {
        return pixelFormat;
    }

    public void setPixelFormat(PixelFormat pixelFormat) {
        this.pixelFormat = pixelFormat;
    }

    public boolean isLoop() {
        return loop;
    }

    public void setLoop(boolean loop) {
        this.loop = loop;
    }

    public boolean isRealtime() {
        return realtime;
    }

    public void setRealtime(boolean realtime) {
        this.realtime = realtime;
    }

    public boolean isAudio() {
        return audio;
    }

    public void setAudio(boolean audio) {
        this.audio = audio;
    }

    public String getAudioDevice() {
        return audioDevice;
    }

    public void setAudioDevice(String audioDevice) {
        this.audioDevice = audioDevice;
    }

    public int getAudioSampleRate() {
        return audioSampleRate;
    }

    public void setAudioSampleRate(int audioSampleRate) {
        this.audioSampleRate = audioSampleRate;
    }

    public int getAudioChannels() {
        return audioChannels;
    }

    public void setAudioChannels(int audioChannels) {
        this.audioChannels = audioChannels;
    }

    public String getInputFormat() {
        return inputFormat;
    }

    public void setInputFormat(String inputFormat) {
        this.inputFormat = inputFormat;
    }

    public String getInputOptions() {
        return inputOptions;
    }

    public void setInputOptions(String inputOptions) {
        this.inputOptions = inputOptions;
    }

    public long getReconnectDelay() {
        return reconnectDelay;
    }

    public void setReconnectDelay(long reconnectDelay) {
        this.reconnectDelay = reconnectDelay;
    }

    public long getReadTimeout() {
        return readTimeout;
    }

    public void setReadTimeout(long readTimeout) {
        this.readTimeout = readTimeout;
    }

    public long getMaxReconnectDelay() {
        return maxReconnectDelay;
    }

    public void setMaxReconnectDelay(long maxReconnectDelay) {
        this.maxReconnectDelay = maxReconnectDelay;
    }
}
