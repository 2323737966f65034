package org.camelvideo.rtmp.flv;

import java.util.List;

import org.camelvideo.media.Codec;
import org.camelvideo.media.CodecConfig;
import org.camelvideo.rtmp.amf.EcmaArray;

/**
 * The {@code @setDataFrame onMetaData} a publisher sends before its first frame (FLV
 * specification E.5): what live platforms show and check (size, frame rate, codecs, bitrates).
 */
public final class MetaData {

    static final String SET_DATA_FRAME = "@setDataFrame";
    static final String ON_META_DATA = "onMetaData";
    static final int AUDIO_CODEC_AAC = FlvAudio.FORMAT_AAC;

    private MetaData() {
    }

    /**
     * @param video          the video configuration, or null without video
     * @param audio          the audio configuration, or null without audio
     * @param frameRate      frames per second, 0 when unknown
     * @param videoBitrate   bits per second, 0 when unknown
     * @param audioBitrate   bits per second, 0 when unknown
     */
    public static List<Object> of(CodecConfig video, CodecConfig audio, double frameRate, long videoBitrate, long audioBitrate) {
        EcmaArray m = new EcmaArray();
        m.put("duration", 0.0);
        if (video != null) {
            m.put("width", (double) video.width());
            m.put("height", (double) video.height());
            m.put("videocodecid", (double) (video.codec() == Codec.H265 ? FlvVideo.FOURCC_HEVC : FlvVideo.CODEC_AVC));
            if (videoBitrate > 0) {
                m.put("videodatarate", videoBitrate / 1000.0);
            }
            if (frameRate > 0) {
                m.put("framerate", frameRate);
            }
        }
        if (audio != null) {
            m.put("audiocodecid", (double) AUDIO_CODEC_AAC);
            m.put("audiosamplerate", (double) audio.sampleRate());
            m.put("audiosamplesize", 16.0);
            m.put("stereo", audio.channels() > 1);
            if (audioBitrate > 0) {
                m.put("audiodatarate", audioBitrate / 1000.0);
            }
        }
        m.put("encoder", "Camel Video");
        return List.of(SET_DATA_FRAME, ON_META_DATA, m);
    }
}
