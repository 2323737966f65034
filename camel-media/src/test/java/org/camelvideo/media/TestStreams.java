package org.camelvideo.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.camelvideo.media.annexb.AnnexB;
import org.camelvideo.media.h265.H265NalType;

/** Loads the real encoder output kept in test resources (made with the ffmpeg program). */
public final class TestStreams {

    private TestStreams() {
    }

    public static byte[] load(String name) {
        try (InputStream in = TestStreams.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalStateException("Missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The access units of an H.265 resource written with access unit delimiters (x265 aud=1), Annex-B each. */
    public static List<byte[]> h265AccessUnits(String name) {
        return h265AccessUnits(load(name));
    }

    /** The access units of an H.265 stream written with access unit delimiters, Annex-B each. */
    public static List<byte[]> h265AccessUnits(byte[] stream) {
        List<List<byte[]>> units = new ArrayList<>();
        for (byte[] nal : AnnexB.split(stream)) {
            if (H265NalType.of(nal[0]) == H265NalType.ACCESS_UNIT_DELIMITER || units.isEmpty()) {
                units.add(new ArrayList<>());
            }
            units.get(units.size() - 1).add(nal);
        }
        return units.stream().map(AnnexB::join).toList();
    }
}
