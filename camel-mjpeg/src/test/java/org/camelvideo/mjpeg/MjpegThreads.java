package org.camelvideo.mjpeg;

import java.util.ArrayList;
import java.util.List;

/**
 * The live threads camel-mjpeg started: servers and clients name theirs mjpeg-..., a consumer's
 * route thread comes from Camel's thread pools as "Camel (...) thread #n - mjpeg-route[...]".
 */
public final class MjpegThreads {

    private MjpegThreads() {
    }

    public static List<String> alive() {
        List<String> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && (t.getName().startsWith("mjpeg-") || t.getName().contains(" - mjpeg-"))) {
                names.add(t.getName());
            }
        }
        return names;
    }
}
