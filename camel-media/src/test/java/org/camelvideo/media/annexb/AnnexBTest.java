package org.camelvideo.media.annexb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.camelvideo.media.TestStreams;
import org.camelvideo.media.h264.H264NalType;
import org.junit.jupiter.api.Test;

class AnnexBTest {

    @Test
    void splitsRealX264OutputIntoItsNalUnits() {
        byte[] stream = TestStreams.load("x264-baseline-640x480.h264");
        List<Integer> types = new ArrayList<>();
        for (byte[] unit : AnnexB.split(stream)) {
            types.add(H264NalType.of(unit[0]));
        }
        // x264 with zerolatency on 2 cores slices each picture in two: SPS, PPS, its version
        // SEI, two IDR slices, then the two slices of a P picture.
        assertThat(types).containsExactly(H264NalType.SPS, H264NalType.PPS, H264NalType.SEI, H264NalType.IDR_SLICE,
                                          H264NalType.IDR_SLICE, H264NalType.NON_IDR_SLICE, H264NalType.NON_IDR_SLICE);
    }

    @Test
    void acceptsThreeAndFourByteStartCodesAndDropsTrailingZeros() {
        byte[] data = { 9, 0, 0, 1, 0x67, 1, 2, 0, 0, 0, 0, 1, 0x68, 3, 0, 0, 1, 0x65, 4, 5, 0 };
        List<byte[]> units = AnnexB.split(data);
        assertThat(units).hasSize(3);
        assertThat(units.get(0)).containsExactly(0x67, 1, 2);
        assertThat(units.get(1)).containsExactly(0x68, 3);
        assertThat(units.get(2)).containsExactly(0x65, 4, 5);
    }

    @Test
    void avccRoundTripIsByteExact() {
        byte[] data = { 0, 0, 0, 1, 0x67, 1, 2, 0, 0, 1, 0x68, 3 };
        byte[] avcc = AnnexB.toAvcc(data);
        assertThat(avcc).containsExactly(0, 0, 0, 3, 0x67, 1, 2, 0, 0, 0, 2, 0x68, 3);
        assertThat(AnnexB.fromAvcc(avcc, 0, avcc.length, 4)).containsExactly(0, 0, 0, 1, 0x67, 1, 2, 0, 0, 0, 1, 0x68, 3);
    }

    @Test
    void realStreamSurvivesAvccRoundTrip() {
        byte[] stream = TestStreams.load("x264-high-1920x1080.h264");
        byte[] back = AnnexB.fromAvcc(AnnexB.toAvcc(stream), 0, AnnexB.toAvcc(stream).length, 4);
        assertThat(AnnexB.split(back)).usingRecursiveComparison().isEqualTo(AnnexB.split(stream));
    }

    @Test
    void truncatedAvccIsRefusedWithItsPosition() {
        byte[] avcc = { 0, 0, 0, 9, 0x65, 1 };
        assertThatThrownBy(() -> AnnexB.fromAvcc(avcc, 0, avcc.length, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("9 bytes runs past the end");
    }

    @Test
    void joinPutsFourByteStartCodes() {
        assertThat(AnnexB.join(List.of(new byte[] { 0x67 }, new byte[] { 0x68, 1 })))
                .containsExactly(0, 0, 0, 1, 0x67, 0, 0, 0, 1, 0x68, 1);
    }
}
