package org.camelvideo.rtsp.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP proxy on 127.0.0.1 in front of an RTSP server that keeps what clients send through it:
 * the requests a camera would get.
 */
public final class RecordingProxy implements AutoCloseable {

    private static final Pattern REQUEST_LINE = Pattern.compile("(?m)^[A-Z_]+ \\S+ RTSP/1\\.0$");

    public final int port;
    private final ServerSocket listener;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final StringBuffer sent = new StringBuffer();

    public RecordingProxy(int targetPort) throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        port = listener.getLocalPort();
        Thread accepter = new Thread(() -> accept(targetPort), "proxy-accept");
        accepter.setDaemon(true);
        accepter.start();
    }

    private void accept(int targetPort) {
        try {
            while (true) {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(server);
                pump(client, server, true);
                pump(server, client, false);
            }
        } catch (IOException e) {
            // closed
        }
    }

    private void pump(Socket from, Socket to, boolean record) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buf)) > 0;) {
                    if (record) {
                        sent.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                    }
                    out.write(buf, 0, n);
                }
            } catch (IOException e) {
                // one side went away
            }
        }, "proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    /** All that clients sent so far, as ISO-8859-1 text. */
    public String sent() {
        return sent.toString();
    }

    /** The request lines clients sent so far, such as {@code DESCRIBE rtsp://… RTSP/1.0}. */
    public List<String> requestLines() {
        List<String> lines = new ArrayList<>();
        Matcher m = REQUEST_LINE.matcher(sent);
        while (m.find()) {
            lines.add(m.group());
        }
        return lines;
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
