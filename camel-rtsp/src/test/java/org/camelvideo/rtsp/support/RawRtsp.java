package org.camelvideo.rtsp.support;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A bare RTSP connection for protocol tests: writes requests byte for byte as given and reads
 * responses, skipping interleaved frames (counted). Not a player: the players in the acceptance
 * tests are FFmpeg and GStreamer.
 */
public final class RawRtsp implements AutoCloseable {

    /** A parsed response. */
    public static final class Response {
        public final int status;
        public final Map<String, String> headers;
        public final String body;

        Response(int status, Map<String, String> headers, String body) {
            this.status = status;
            this.headers = headers;
            this.body = body;
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return status + " " + headers + (body.isEmpty() ? "" : "\n" + body);
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private int cseq;
    public long interleavedFrames;
    /** Channels of the first interleaved frames, in arrival order. */
    public final java.util.List<Integer> firstChannels = new java.util.ArrayList<>();
    public long interleavedBytes;

    public RawRtsp(int port) throws IOException {
        this(port, 0);
    }

    /** @param receiveBuffer a small value makes a reader that the kernel soon stops feeding; 0 for the default */
    public RawRtsp(int port, int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Sends {@code method url} with a CSeq and the given header lines. */
    public Response request(String method, String url, String... headers) throws IOException {
        StringBuilder r = new StringBuilder(method).append(' ').append(url).append(" RTSP/1.0\r\nCSeq: ").append(++cseq)
                .append("\r\n");
        for (String h : headers) {
            r.append(h).append("\r\n");
        }
        writeRaw(r.append("\r\n").toString());
        return read();
    }

    public void writeRaw(String data) throws IOException {
        writeRaw(data.getBytes(StandardCharsets.ISO_8859_1));
    }

    public void writeRaw(byte[] data) throws IOException {
        out.write(data);
        out.flush();
    }

    /** The next response, interleaved frames before it skipped; null at end of stream. */
    public Response read() throws IOException {
        int b;
        while ((b = in.read()) == '$') {
            skipFrame();
        }
        if (b < 0) {
            return null;
        }
        StringBuilder line = new StringBuilder().append((char) b);
        String status = readLine(line);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h; !(h = readLine(new StringBuilder())).isEmpty();) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        return new Response(Integer.parseInt(status.split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
    }

    /** Reads interleaved frames for {@code millis}; returns how many came. */
    public long drain(long millis) throws IOException {
        long before = interleavedFrames;
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            if (in.read() != '$') {
                throw new IOException("Expected an interleaved frame");
            }
            skipFrame();
        }
        return interleavedFrames - before;
    }

    private void skipFrame() throws IOException {
        int channel = in.readUnsignedByte();
        int len = in.readUnsignedShort();
        in.skipNBytes(len);
        if (firstChannels.size() < 64) {
            firstChannels.add(channel);
        }
        interleavedFrames++;
        interleavedBytes += len;
    }

    /** DESCRIBE, SETUP of track 0 over TCP and PLAY; returns the session id. */
    public String play(String url) throws IOException {
        Response describe = request("DESCRIBE", url, "Accept: application/sdp");
        if (describe.status != 200) {
            throw new IOException("DESCRIBE failed: " + describe);
        }
        Response setup = request("SETUP", url + "/trackID=0", "Transport: RTP/AVP/TCP;unicast;interleaved=0-1");
        String session = setup.header("Session").split(";")[0];
        Response play = request("PLAY", url, "Session: " + session);
        if (play.status != 200) {
            throw new IOException("PLAY failed: " + play);
        }
        return session;
    }

    public boolean isClosedByPeer() {
        try {
            socket.setSoTimeout(200);
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
                in.skip(in.available());
            }
        } catch (IOException e) {
            return e.getMessage() != null && e.getMessage().contains("reset");
        }
    }

    private String readLine(StringBuilder line) throws IOException {
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
