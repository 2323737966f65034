package org.camelvideo.netty;

import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * What went wrong on a socket, said the same way whichever transport saw it. The epoll
 * transport names the system call and its error number first ("finishConnect(..) failed with
 * error(-111): Connection refused"), which tells a user nothing more than NIO's "Connection
 * refused" does.
 */
public final class SocketErrors {

    private static final Pattern NATIVE_PREFIX = Pattern.compile("^\\w+\\(\\.\\.\\) failed(?: with error\\(-?\\d+\\))?: ");

    private SocketErrors() {
    }

    /**
     * A server's failure to bind, naming what listens and where: "RTSP server cannot listen on
     * 127.0.0.1:8554: Address already in use".
     */
    public static IllegalStateException cannotListen(String server, String host, int port, Throwable cause) {
        return new IllegalStateException(server + " cannot listen on " + host + ":" + port + ": " + reason(cause), cause);
    }

    public static String reason(Throwable failure) {
        if (failure instanceof UnknownHostException) {
            // Its message is the bare host name, once the JVM has cached the failed lookup.
            return "unknown host " + String.valueOf(failure.getMessage()).replaceFirst(": .*", "");
        }
        String message = failure.getMessage();
        if (message == null) {
            return failure.getClass().getSimpleName();
        }
        return NATIVE_PREFIX.matcher(message).replaceFirst("");
    }
}
