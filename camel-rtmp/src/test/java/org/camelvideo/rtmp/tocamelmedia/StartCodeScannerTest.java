package org.camelvideo.rtmp.tocamelmedia;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.camelvideo.media.TestStreams;
import org.camelvideo.media.h264.AnnexB;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The fast scan finds exactly the NAL units camel-media's finds. */
class StartCodeScannerTest {

    private static List<String> units(byte[] data, boolean fast) {
        List<String> out = new ArrayList<>();
        AnnexB.NalUnitVisitor v = (buf, off, len) -> out.add(off + ":" + len);
        if (fast) {
            StartCodeScanner.forEachNalUnit(data, v);
        } else {
            AnnexB.forEachNalUnit(data, v);
        }
        return out;
    }

    @Test
    void sameUnitsOnRealX264Output() {
        for (String name : List.of("x264-high-1920x1080.h264", "x264-baseline-640x480.h264")) {
            byte[] stream = TestStreams.load(name);
            assertThat(units(stream, true)).isNotEmpty().isEqualTo(units(stream, false));
        }
    }

    @Test
    void sameUnitsOnStartCodeRichNoise() {
        Random random = new Random(7);
        byte[] alphabet = { 0, 0, 0, 1, 3, 0x65, (byte) 0x80, (byte) 0xFF };
        for (int i = 0; i < 100_000; i++) {
            byte[] data = new byte[random.nextInt(40)];
            for (int k = 0; k < data.length; k++) {
                data[k] = alphabet[random.nextInt(alphabet.length)];
            }
            assertThat(units(data, true)).as("input %d", i).isEqualTo(units(data, false));
        }
    }
}
