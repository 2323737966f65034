package org.camelvideo.h264;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import org.camelvideo.h264.encode.EncoderSettings;
import org.camelvideo.media.PixelFormat;

/**
 * Encodes VideoFrames to H.264 and AudioFrames to AAC ({@code h264:encode}), or decodes H.264 to
 * VideoFrames ({@code h264:decode}), with FFmpeg.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "h264", title = "H.264", syntax = "h264:operation", producerOnly = true,
             category = { Category.TRANSFORMATION }, headersClass = H264Constants.class)
public class H264Endpoint extends DefaultEndpoint {

    @UriPath(description = "encode (frames to packets) or decode (packets to frames)", enums = "encode,decode")
    @Metadata(required = true)
    private H264Operation operation;
    @UriParam(description = "Target video bit rate in bits per second", defaultValue = "1000000")
    private int bitrate = 1_000_000;
    @UriParam(description = "Keyframe interval in frames", defaultValue = "60")
    private int gop = 60;
    @UriParam(description = "Nominal frame rate, for rate control", defaultValue = "30")
    private int fps = 30;
    @UriParam(description = "H.264 profile; empty lets the encoder choose", enums = "baseline,main,high")
    private String profile;
    @UriParam(description = "Speed preset of libx264 (ultrafast ... veryslow)", defaultValue = "ultrafast")
    private String preset = "ultrafast";
    @UriParam(description = "Tuning of libx264; zerolatency emits each frame at once, as live streaming needs",
              defaultValue = "zerolatency")
    private String tune = "zerolatency";
    @UriParam(description = "FFmpeg encoder; auto takes libx264 when the build has it (-Pgpl), else libopenh264."
                            + " Hardware: h264_vaapi (Intel/AMD), h264_nvenc (NVIDIA), h264_v4l2m2m (Raspberry Pi)",
              defaultValue = "auto", enums = "auto,libx264,libopenh264,h264_vaapi,h264_nvenc,h264_v4l2m2m")
    private String encoder = "auto";
    @UriParam(label = "advanced", description = "Encoder threads; 0 is automatic: FFmpeg picks one per core, except that"
                                                + " libx264 below 1280x720 leaves one core to the capture thread. With two"
                                                + " threads or more, libopenh264 encodes as many slices of each frame in"
                                                + " parallel, and at least 4",
              defaultValue = "0")
    private int threads;
    @UriParam(description = "AAC bit rate in bits per second, for AudioFrames", defaultValue = "128000")
    private int audioBitrate = 128_000;
    @UriParam(label = "advanced", description = "VAAPI render node for encoder=h264_vaapi",
              defaultValue = "/dev/dri/renderD128")
    private String vaapiDevice = "/dev/dri/renderD128";
    @UriParam(description = "Layout of the frames h264:decode delivers", defaultValue = "I420",
              enums = "I420,NV12,NV21,BGR24,GRAY8")
    private PixelFormat pixelFormat = PixelFormat.I420;

    public H264Endpoint(String uri, H264Component component) {
        super(uri, component);
    }

    @Override
    public Producer createProducer() {
        return operation == H264Operation.decode ? new H264DecodeProducer(this) : new H264EncodeProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("h264: transforms frames in a route; use it in to(), not from()");
    }

    EncoderSettings encoderSettings() {
        return new EncoderSettings(encoder, bitrate, gop, fps, profile, preset, tune, threads, vaapiDevice);
    }

    public H264Operation getOperation() {
        return operation;
    }

    public void setOperation(H264Operation operation) {
        this.operation = operation;
    }

    public int getBitrate() {
        return bitrate;
    }

    public void setBitrate(int bitrate) {
        this.bitrate = bitrate;
    }

    public int getGop() {
        return gop;
    }

    public void setGop(int gop) {
        this.gop = gop;
    }

    public int getFps() {
        return fps;
    }

    public void setFps(int fps) {
        this.fps = fps;
    }

    public String getProfile() {
        return profile;
    }

    public void setProfile(String profile) {
        this.profile = profile;
    }

    public String getPreset() {
        return preset;
    }

    public void setPreset(String preset) {
        this.preset = preset;
    }

    public String getTune() {
        return tune;
    }

    public void setTune(String tune) {
        this.tune = tune;
    }

    public String getEncoder() {
        return encoder;
    }

    public void setEncoder(String encoder) {
        this.encoder = encoder;
    }

    public int getThreads() {
        return threads;
    }

    public void setThreads(int threads) {
        this.threads = threads;
    }

    public int getAudioBitrate() {
        return audioBitrate;
    }

    public void setAudioBitrate(int audioBitrate) {
        this.audioBitrate = audioBitrate;
    }

    public String getVaapiDevice() {
        return vaapiDevice;
    }

    public void setVaapiDevice(String vaapiDevice) {
        this.vaapiDevice = vaapiDevice;
    }

    public PixelFormat getPixelFormat() {
        return pixelFormat;
    }

    public void setPixelFormat(PixelFormat pixelFormat) {
        this.pixelFormat = pixelFormat;
    }
}
