package org.camelvideo.rtmp.peers;

import org.camelvideo.media.testing.Peers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Debian's nginx with libnginx-mod-rtmp, started in the foreground from
 * {@code src/test/resources/nginx/rtmp.conf.template} with its own prefix directory: an RTMP
 * listener (apps {@code live}, recorded to {@code record/}, and {@code live-bvc}) and a TLS
 * listener in front of it (nginx's stream module) for rtmps, on free ports.
 */
public final class Nginx implements AutoCloseable {

    private final Path prefix;
    private final int rtmpPort;
    private final int rtmpsPort;
    private Proc proc;

    private Nginx(Path prefix, int rtmpPort, int rtmpsPort) {
        this.prefix = prefix;
        this.rtmpPort = rtmpPort;
        this.rtmpsPort = rtmpsPort;
    }

    public static Nginx start(Path workDir) throws Exception {
        Peers.require("nginx", "nginx");
        Peers.requireFile("/usr/lib/nginx/modules/ngx_rtmp_module.so", "libnginx-mod-rtmp");
        Peers.requireFile("/usr/lib/nginx/modules/ngx_stream_module.so", "libnginx-mod-stream");
        Peers.require("openssl", "openssl");
        Path prefix = Files.createDirectories(workDir.toAbsolutePath());
        Files.createDirectories(prefix.resolve("record"));
        Files.createDirectories(prefix.resolve("logs"));
        Proc.run(prefix.resolve("openssl.log"), 60,
                 List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                         "-keyout", prefix.resolve("key.pem").toString(), "-out", prefix.resolve("cert.pem").toString()));
        String template;
        try (InputStream in = Nginx.class.getResourceAsStream("/nginx/rtmp.conf.template")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Nginx nginx = new Nginx(prefix, Peers.freePort(), Peers.freePort());
        Files.writeString(prefix.resolve("nginx.conf"), template.replace("@PREFIX@", prefix.toString())
                .replace("@RTMP_PORT@", String.valueOf(nginx.rtmpPort)).replace("@RTMPS_PORT@", String.valueOf(nginx.rtmpsPort)));
        nginx.launch();
        return nginx;
    }

    /** Starts nginx (again, after {@link #kill()}) on the same ports. */
    public void launch() throws Exception {
        proc = Proc.start(prefix.resolve("logs/stdout.log"),
                          List.of(Peers.require("nginx", "nginx"), "-p", prefix.toString(), "-c", prefix.resolve("nginx.conf").toString()));
        long deadline = System.currentTimeMillis() + 10_000;
        while (!Peers.listening(rtmpPort) || !Peers.listening(rtmpsPort)) {
            if (!proc.isAlive() || System.currentTimeMillis() > deadline) {
                throw new AssertionError("nginx did not start:\n" + proc.output() + "\n" + errorLog());
            }
            Thread.sleep(50);
        }
    }

    /** Kills nginx without a goodbye to its clients, as a crash would. */
    public void kill() throws InterruptedException {
        proc.kill();
    }

    /** Freezes nginx (SIGSTOP): its sockets stay open but nothing is read, as with a hung server. */
    public void freeze() throws Exception {
        Proc.run(prefix.resolve("logs/kill.log"), 10, List.of("kill", "-STOP", String.valueOf(proc.process().pid())));
    }

    public void thaw() throws Exception {
        Proc.run(prefix.resolve("logs/kill.log"), 10, List.of("kill", "-CONT", String.valueOf(proc.process().pid())));
    }

    public int rtmpPort() {
        return rtmpPort;
    }

    public int rtmpsPort() {
        return rtmpsPort;
    }

    public Path recording(String streamName) {
        return prefix.resolve("record").resolve(streamName + ".flv");
    }

    public String errorLog() throws IOException {
        Path log = prefix.resolve("error.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws InterruptedException {
        if (proc != null) {
            proc.close();
        }
    }
}
