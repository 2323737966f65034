package org.camelvideo.mjpeg;

import java.util.ArrayList;
import java.util.List;

/** The live threads camel-mjpeg started (servers and clients name theirs mjpeg-...). */
public final class MjpegThreads {

    private MjpegThreads() {
    }

    public static List<String> alive() {
        List<String> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith("mjpeg-")) {
                names.add(t.getName());
            }
        }
        return names;
    }
}
