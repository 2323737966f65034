package org.camelvideo.mjpeg;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A blocking HTTP reader of a multipart stream for tests: sends a GET on a plain socket and
 * splits the body at the parts' Content-Length, keeping every byte as it came.
 */
public final class StreamReader implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final String head;

    public StreamReader(int port, String path, String... extraHeaders) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
        for (String h : extraHeaders) {
            request.append(h).append("\r\n");
        }
        OutputStream out = socket.getOutputStream();
        out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        in = socket.getInputStream();
        head = readHead();
    }

    /** The response status line and headers. */
    public String head() {
        return head;
    }

    /** The next part: its header block, then its body. */
    public Part next() throws IOException {
        String delimiter = readLine();
        while (delimiter.isEmpty()) {
            delimiter = readLine();
        }
        List<String> headers = new ArrayList<>();
        int length = -1;
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            headers.add(line);
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        if (length < 0) {
            throw new IOException("A part without Content-Length: " + headers);
        }
        return new Part(delimiter, headers, in.readNBytes(length));
    }

    private String readHead() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            sb.append(line).append('\n');
        }
        return sb.toString();
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("The stream ended");
            }
            line.write(b);
        }
        String s = line.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    public record Part(String delimiter, List<String> headers, byte[] body) {
    }
}
