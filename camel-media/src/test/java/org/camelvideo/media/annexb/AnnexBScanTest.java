package org.camelvideo.media.annexb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.camelvideo.media.TestStreams;
import org.junit.jupiter.api.Test;

/** The skipping scan finds exactly the NAL units a byte-by-byte reading of Annex B finds. */
class AnnexBScanTest {

    private static List<String> scanned(byte[] data) {
        List<String> out = new ArrayList<>();
        AnnexB.forEachNalUnit(data, (buf, off, len) -> out.add(off + ":" + len));
        return out;
    }

    /** The definition, one byte at a time: a unit runs from after 00 00 01 to the next one, less trailing zeros. */
    private static List<String> reference(byte[] data) {
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i + 2 < data.length; i++) {
            if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1) {
                starts.add(i);
            }
        }
        List<String> out = new ArrayList<>();
        for (int k = 0; k < starts.size(); k++) {
            int begin = starts.get(k) + 3;
            int end = k + 1 < starts.size() ? starts.get(k + 1) : data.length;
            while (end > begin && data[end - 1] == 0) {
                end--;
            }
            if (end > begin) {
                out.add(begin + ":" + (end - begin));
            }
        }
        return out;
    }

    @Test
    void realX264Output() {
        for (String name : List.of("x264-high-1920x1080.h264", "x264-baseline-640x480.h264")) {
            byte[] stream = TestStreams.load(name);
            assertThat(scanned(stream)).isNotEmpty().isEqualTo(reference(stream));
        }
    }

    @Test
    void startCodeRichNoise() {
        Random random = new Random(7);
        byte[] alphabet = { 0, 0, 0, 1, 3, 0x65, (byte) 0x80, (byte) 0xff };
        for (int i = 0; i < 100_000; i++) {
            byte[] data = new byte[random.nextInt(40)];
            for (int k = 0; k < data.length; k++) {
                data[k] = alphabet[random.nextInt(alphabet.length)];
            }
            assertThat(scanned(data)).as("input %d", i).isEqualTo(reference(data));
        }
    }
}
