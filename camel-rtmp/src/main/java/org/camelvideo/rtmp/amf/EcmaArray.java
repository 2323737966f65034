package org.camelvideo.rtmp.amf;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An AMF0 ECMA array: keyed like an object but written with a count, which is how
 * {@code onMetaData} travels. Kept apart from plain objects so that a decoded message
 * re-encodes to the same bytes.
 */
public final class EcmaArray extends LinkedHashMap<String, Object> {

    private static final long serialVersionUID = 1L;

    public EcmaArray() {
    }

    public EcmaArray(Map<String, ?> entries) {
        super(entries);
    }
}
