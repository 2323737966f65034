package org.camelvideo.rtsp;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Option values that cannot work are refused when the endpoint is made, naming the option and the rule. */
class OptionsTest {

    private final CamelContext context = new DefaultCamelContext();
    private final String base = "rtsp://127.0.0.1:" + AvailablePortFinder.getNextAvailable() + "/live";

    @BeforeEach
    void start() {
        context.start();
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "maxQueueBytes=-5                    | maxQueueBytes must be at least 65536",
        "maxQueueBytes=0                     | maxQueueBytes must be at least 65536",
        "sessionTimeout=0                    | sessionTimeout must be at least 2",
        "writeTimeout=0                      | writeTimeout must be positive",
        "payloadSize=5                       | payloadSize must be 64 to 65495",
        "payloadSize=70000                   | payloadSize must be 64 to 65495",
        "maxFrameLength=-1                   | maxFrameLength must be 0",
        "width=-1                            | width and height must be 0",
        "fps=-30                             | fps must be 0",
        "udpPort=65535                       | udpPort must be 0",
        "connectTimeout=0                    | connectTimeout must be positive",
        "mediaTimeout=-1                     | mediaTimeout must be positive",
        "reconnectDelay=0                    | reconnectDelay must be positive",
        "reconnectDelay=5000&maxReconnectDelay=1000 | maxReconnectDelay must be at least reconnectDelay",
    })
    void invalidValuesAreRefusedWhenTheEndpointIsMade(String options, String rule) {
        assertThatThrownBy(() -> context.getEndpoint(base + "?" + options)).rootCause()
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(rule);
    }

    @Test
    void invalidPortIsRefused() {
        assertThatThrownBy(() -> context.getEndpoint("rtsp://127.0.0.1:70000/live")).rootCause()
                .hasMessageContaining("port must be 1 to 65535, got 70000");
    }

    /** A server given a password but no user would serve everyone: it must not start. */
    @Test
    void aPasswordWithoutAUserIsRefusedRatherThanServingWithoutAuthentication() {
        Throwable error = catchThrowable(() -> context.getEndpoint(base + "?password=s3cret"));
        assertThat(error).rootCause().hasMessageContaining("password is set without username");
        assertThat(stackTrace(error)).doesNotContain("s3cret");
    }

    /** A server has no camera to pass a query on to: what is not an option is an error, naming no value. */
    @Test
    void aServerRefusesUnknownOptionsNamingThemWithoutTheirValues() {
        Throwable error = catchThrowable(() -> {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:in").to(base + "?channel=1&token=s3cret");
                }
            });
        });
        assertThat(error).rootCause().isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown options [channel, token]");
        assertThat(stackTrace(error)).doesNotContain("s3cret");
    }

    private static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
