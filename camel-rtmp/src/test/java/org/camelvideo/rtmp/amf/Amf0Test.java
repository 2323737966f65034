package org.camelvideo.rtmp.amf;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.camelvideo.rtmp.RtmpProtocolException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AMF0 against bytes written out by hand from the AMF0 specification. */
class Amf0Test {

    private static String hex(Object... values) {
        ByteBuf buf = Unpooled.buffer();
        try {
            Amf0Encoder.encode(buf, values);
            return ByteBufUtil.hexDump(buf);
        } finally {
            buf.release();
        }
    }

    private static List<Object> decode(String hex) {
        ByteBuf buf = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex));
        try {
            return Amf0Decoder.decodeAll(buf);
        } finally {
            buf.release();
        }
    }

    @Test
    void scalars() {
        assertThat(hex(1.0)).isEqualTo("003ff0000000000000");
        assertThat(hex(true, false)).isEqualTo("01010100");
        assertThat(hex("connect")).isEqualTo("020007636f6e6e656374");
        assertThat(hex((Object) null)).isEqualTo("05");
        assertThat(hex(Instant.ofEpochMilli(0))).isEqualTo("0b00000000000000000000");
        assertThat(decode("003ff0000000000000010105")).containsExactly(1.0, true, null);
        assertThat(decode("06")).containsExactly((Object) null);
    }

    @Test
    void connectCommandObject() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("app", "live");
        o.put("fpad", false);
        String expected = "03" + "0003617070" + "0200046c697665" + "000466706164" + "0100" + "000009";
        assertThat(hex(o)).isEqualTo(expected);
        assertThat(decode(expected)).containsExactly(o);
    }

    @Test
    void ecmaArrayStrictArrayAndLongString() {
        EcmaArray m = new EcmaArray();
        m.put("width", 640.0);
        String ecma = "08" + "00000001" + "0005776964746800" + "4084000000000000" + "000009";
        assertThat(hex(m)).isEqualTo(ecma);
        assertThat(decode(ecma).get(0)).isInstanceOf(EcmaArray.class).isEqualTo(m);

        String strict = "0a" + "00000002" + "003ff0000000000000" + "0200017a";
        assertThat(hex(List.of(1.0, "z"))).isEqualTo(strict);
        assertThat(decode(strict)).containsExactly(List.of(1.0, "z"));

        char[] big = new char[70000];
        Arrays.fill(big, 'a');
        String longString = new String(big);
        assertThat(hex(longString)).startsWith("0c00011170");
        assertThat(decode(hex(longString))).containsExactly(longString);
    }

    @Test
    void typedObjectXmlAndUndefinedReadAsPlainValues() {
        assertThat(decode("10" + "000143" + "000178" + "003ff0000000000000" + "000009")).containsExactly(Map.of("x", 1.0));
        assertThat(decode("0f0000000161")).containsExactly("a");
        assertThat(decode("0d")).containsExactly((Object) null);
    }

    @Test
    void malformedInputIsAProtocolError() {
        assertThatThrownBy(() -> decode("00 3ff0".replace(" ", ""))).isInstanceOf(RtmpProtocolException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> decode("07 0001".replace(" ", ""))).isInstanceOf(RtmpProtocolException.class).hasMessageContaining("0x7");
        assertThatThrownBy(() -> decode("0affffffff")).isInstanceOf(RtmpProtocolException.class).hasMessageContaining("strict array");
        assertThatThrownBy(() -> decode("09")).isInstanceOf(RtmpProtocolException.class).hasMessageContaining("end marker");
        assertThatThrownBy(() -> decode("0a00000001".repeat(100) + "05")).isInstanceOf(RtmpProtocolException.class)
                .hasMessageContaining("nest");
        assertThatThrownBy(() -> decode("0bffffffffffffffff0000")).isInstanceOf(RtmpProtocolException.class).hasMessageContaining("date");
    }
}
