package org.camelvideo.rtmp.amf;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.netty.buffer.ByteBuf;

/**
 * Writes Java values as AMF0: {@link Number} as number, {@link Boolean}, {@link CharSequence}
 * as string (long string past 65535 bytes), {@link EcmaArray}, other {@link Map}s as objects,
 * {@link List} as strict array, {@link Instant} as date, null as null.
 */
public final class Amf0Encoder {

    private Amf0Encoder() {
    }

    public static void encode(ByteBuf out, Object... values) {
        for (Object value : values) {
            encode(out, value);
        }
    }

    public static void encode(ByteBuf out, Object value) {
        if (value == null) {
            out.writeByte(Amf0.NULL);
        } else if (value instanceof Number) {
            out.writeByte(Amf0.NUMBER);
            out.writeDouble(((Number) value).doubleValue());
        } else if (value instanceof Boolean) {
            out.writeByte(Amf0.BOOLEAN);
            out.writeByte((Boolean) value ? 1 : 0);
        } else if (value instanceof CharSequence) {
            byte[] utf8 = value.toString().getBytes(StandardCharsets.UTF_8);
            if (utf8.length > 0xFFFF) {
                out.writeByte(Amf0.LONG_STRING);
                out.writeInt(utf8.length);
                out.writeBytes(utf8);
            } else {
                out.writeByte(Amf0.STRING);
                writeUtf8(out, utf8);
            }
        } else if (value instanceof EcmaArray) {
            out.writeByte(Amf0.ECMA_ARRAY);
            out.writeInt(((EcmaArray) value).size());
            writeProperties(out, (EcmaArray) value);
        } else if (value instanceof Map) {
            out.writeByte(Amf0.OBJECT);
            writeProperties(out, (Map<?, ?>) value);
        } else if (value instanceof List) {
            List<?> list = (List<?>) value;
            out.writeByte(Amf0.STRICT_ARRAY);
            out.writeInt(list.size());
            for (Object element : list) {
                encode(out, element);
            }
        } else if (value instanceof Instant) {
            out.writeByte(Amf0.DATE);
            out.writeDouble(((Instant) value).toEpochMilli());
            out.writeShort(0);
        } else {
            throw new IllegalArgumentException("AMF0 cannot carry a " + value.getClass().getName());
        }
    }

    private static void writeProperties(ByteBuf out, Map<?, ?> properties) {
        for (Map.Entry<?, ?> e : properties.entrySet()) {
            writeUtf8(out, String.valueOf(e.getKey()).getBytes(StandardCharsets.UTF_8));
            encode(out, e.getValue());
        }
        out.writeShort(0);
        out.writeByte(Amf0.OBJECT_END);
    }

    private static void writeUtf8(ByteBuf out, byte[] utf8) {
        if (utf8.length > 0xFFFF) {
            throw new IllegalArgumentException("AMF0 property names are at most 65535 bytes, not " + utf8.length);
        }
        out.writeShort(utf8.length);
        out.writeBytes(utf8);
    }
}
