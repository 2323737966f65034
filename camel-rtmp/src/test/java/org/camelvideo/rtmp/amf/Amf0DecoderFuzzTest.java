package org.camelvideo.rtmp.amf;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.camelvideo.rtmp.RtmpProtocolException;
import org.camelvideo.rtmp.peers.Mutator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A million mutated and random AMF0 inputs: values or {@link RtmpProtocolException}, nothing else. */
class Amf0DecoderFuzzTest {

    private static final int INPUTS = 1_000_000;

    private static byte[] encode(Object... values) {
        ByteBuf buf = Unpooled.buffer();
        Amf0Encoder.encode(buf, values);
        byte[] b = ByteBufUtil.getBytes(buf);
        buf.release();
        return b;
    }

    private static List<byte[]> corpus() {
        Map<String, Object> connect = new LinkedHashMap<>();
        connect.put("app", "live");
        connect.put("tcUrl", "rtmp://127.0.0.1:1935/live");
        connect.put("fpad", false);
        connect.put("capabilities", 15.0);
        EcmaArray meta = new EcmaArray();
        meta.put("width", 1920.0);
        meta.put("stereo", true);
        meta.put("nested", Map.of("list", List.of(1.0, "x", List.of())));
        List<byte[]> corpus = new ArrayList<>();
        corpus.add(encode("connect", 1.0, connect));
        corpus.add(encode("@setDataFrame", "onMetaData", meta));
        corpus.add(encode("_result", 4.0, null, 1.0));
        corpus.add(encode("onStatus", 0.0, null, Map.of("level", "error", "code", "NetStream.Publish.BadName")));
        corpus.add(encode(Instant.ofEpochMilli(1_700_000_000_000L), List.of(true, false), "é€"));
        return corpus;
    }

    @Test
    void millionMalformedInputsOnlyRaiseProtocolErrors() {
        Mutator mutator = new Mutator(42L);
        List<byte[]> corpus = corpus();
        long errors = 0;
        long decoded = 0;
        for (int i = 0; i < INPUTS; i++) {
            byte[] input = mutator.random().nextInt(8) == 0 ? mutator.noise(64)
                    : mutator.mutate(corpus.get(mutator.random().nextInt(corpus.size())));
            ByteBuf in = Unpooled.wrappedBuffer(input);
            try {
                decoded += Amf0Decoder.decodeAll(in).size();
            } catch (RtmpProtocolException e) {
                errors++;
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("Input #" + i + " " + ByteBufUtil.hexDump(input) + " raised " + e, e);
            } finally {
                in.release();
            }
        }
        assertThat(errors).isGreaterThan(INPUTS / 10);
        assertThat(decoded).isGreaterThan(INPUTS / 10);
    }
}
