package org.camelvideo.rtmp.amf;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.netty.buffer.ByteBuf;
import org.camelvideo.rtmp.RtmpProtocolException;

/**
 * Reads AMF0 values as {@link Amf0Encoder} writes them; undefined and unsupported read as null,
 * XML documents as strings, typed objects as plain maps. Malformed input (truncation, unknown
 * markers, references, nesting past {@value #MAX_DEPTH} levels) raises
 * {@link RtmpProtocolException} and nothing else.
 */
public final class Amf0Decoder {

    static final int MAX_DEPTH = 64;

    private Amf0Decoder() {
    }

    /** Every value up to the end of the buffer, as a command message carries them. */
    public static List<Object> decodeAll(ByteBuf in) {
        List<Object> values = new ArrayList<>();
        while (in.isReadable()) {
            values.add(decode(in));
        }
        return values;
    }

    public static Object decode(ByteBuf in) {
        return decode(in, 0);
    }

    private static Object decode(ByteBuf in, int depth) {
        if (depth > MAX_DEPTH) {
            throw new RtmpProtocolException("AMF0 values nest deeper than " + MAX_DEPTH + " levels");
        }
        int marker = readByte(in);
        switch (marker) {
            case Amf0.NUMBER:
                return readDouble(in);
            case Amf0.BOOLEAN:
                return readByte(in) != 0;
            case Amf0.STRING:
                return readUtf8(in, readShort(in));
            case Amf0.LONG_STRING:
            case Amf0.XML_DOCUMENT:
                return readUtf8(in, readInt(in));
            case Amf0.OBJECT:
                return readProperties(in, new LinkedHashMap<>(), depth);
            case Amf0.TYPED_OBJECT:
                readUtf8(in, readShort(in));
                return readProperties(in, new LinkedHashMap<>(), depth);
            case Amf0.ECMA_ARRAY:
                // The count is advisory: encoders in the wild get it wrong, the end marker decides.
                readInt(in);
                return readProperties(in, new EcmaArray(), depth);
            case Amf0.STRICT_ARRAY:
                return readStrictArray(in, depth);
            case Amf0.DATE:
                double millis = readDouble(in);
                readShort(in);
                if (Double.isNaN(millis) || Math.abs(millis) > 8.64e15) {
                    throw new RtmpProtocolException("AMF0 date out of range: " + millis);
                }
                return Instant.ofEpochMilli((long) millis);
            case Amf0.NULL:
            case Amf0.UNDEFINED:
            case Amf0.UNSUPPORTED:
                return null;
            case Amf0.OBJECT_END:
                throw new RtmpProtocolException("AMF0 object end marker outside an object");
            default:
                throw new RtmpProtocolException("Unsupported AMF0 type marker 0x" + Integer.toHexString(marker));
        }
    }

    private static Map<String, Object> readProperties(ByteBuf in, Map<String, Object> into, int depth) {
        while (true) {
            String key = readUtf8(in, readShort(in));
            if (key.isEmpty() && in.isReadable() && in.getUnsignedByte(in.readerIndex()) == Amf0.OBJECT_END) {
                in.skipBytes(1);
                return into;
            }
            into.put(key, decode(in, depth + 1));
        }
    }

    private static List<Object> readStrictArray(ByteBuf in, int depth) {
        long count = readInt(in) & 0xFFFFFFFFL;
        // Every element takes at least one byte: a count beyond that is a lie, not an allocation.
        if (count > in.readableBytes()) {
            throw new RtmpProtocolException("AMF0 strict array of " + count + " elements in " + in.readableBytes() + " bytes");
        }
        List<Object> list = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            list.add(decode(in, depth + 1));
        }
        return list;
    }

    private static String readUtf8(ByteBuf in, long length) {
        need(in, length);
        String s = in.toString(in.readerIndex(), (int) length, StandardCharsets.UTF_8);
        in.skipBytes((int) length);
        return s;
    }

    private static int readByte(ByteBuf in) {
        need(in, 1);
        return in.readUnsignedByte();
    }

    private static int readShort(ByteBuf in) {
        need(in, 2);
        return in.readUnsignedShort();
    }

    private static long readInt(ByteBuf in) {
        need(in, 4);
        return in.readUnsignedInt();
    }

    private static double readDouble(ByteBuf in) {
        need(in, 8);
        return in.readDouble();
    }

    private static void need(ByteBuf in, long length) {
        if (in.readableBytes() < length) {
            throw new RtmpProtocolException("AMF0 value truncated: needs " + length + " bytes, " + in.readableBytes() + " left");
        }
    }
}
