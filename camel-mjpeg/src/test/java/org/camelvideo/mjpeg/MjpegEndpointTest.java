package org.camelvideo.mjpeg;

import org.apache.camel.CamelContext;
import org.apache.camel.FailedToCreateProducerException;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How endpoint URIs are read, and the errors that wrong ones get. */
class MjpegEndpointTest {

    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void serverAddressDefaults() {
        context.start();
        MjpegEndpoint e = context.getEndpoint("mjpeg://0.0.0.0", MjpegEndpoint.class);
        assertThat(e.getCameraUrl()).isEqualTo("http://0.0.0.0:8000/stream");
        assertThat(e.getMaxClients()).isEqualTo(16);
        assertThat(e.getQuality()).isEqualTo(80);
    }

    @Test
    void cameraQueryParametersStayInTheCameraUrlAndCredentialsLeaveIt() {
        context.start();
        MjpegEndpoint e = context.getEndpoint(
                "mjpeg:http://admin:pw@cam.local/video.cgi?resolution=640x480&readTimeout=3000&fps=10", MjpegEndpoint.class);
        assertThat(e.getReadTimeout()).isEqualTo(3000);
        assertThat(e.parsedAddress().cameraUrl().toString()).startsWith("http://cam.local:80/video.cgi?")
                .contains("resolution=640x480", "fps=10").doesNotContain("readTimeout", "admin", "pw");
        // As JMX shows it: a camera may take credentials in the query too.
        assertThat(e.getCameraUrl()).startsWith("http://cam.local:80/video.cgi?").contains("resolution=xxxxxx", "fps=xxxxxx")
                .doesNotContain("640x480");
    }

    @Test
    void unknownServerOptionIsRefusedByName() {
        context.start();
        assertThatThrownBy(() -> context.getEndpoint("mjpeg://127.0.0.1:0/stream?qualty=50"))
                .isInstanceOf(ResolveEndpointFailedException.class).hasMessageContaining("qualty");
    }

    @Test
    void aProducerCannotServeACameraUrl() {
        context.start();
        assertThatThrownBy(() -> context.createProducerTemplate().sendBody("mjpeg:http://cam.local/video.cgi", new byte[0]))
                .hasRootCauseMessage("An mjpeg producer serves a stream: write mjpeg://host:port/path, not the URL of a camera"
                                     + " (http://cam.local/video.cgi)")
                .isInstanceOf(FailedToCreateProducerException.class);
    }

    @Test
    void badOptionValuesAreNamed() {
        context.start();
        assertThatThrownBy(() -> context.createProducerTemplate().sendBody("mjpeg://127.0.0.1:0/stream?quality=0", new byte[0]))
                .hasRootCauseMessage("quality must be 1-100, got 0");
        assertThatThrownBy(() -> context.createProducerTemplate().sendBody("mjpeg://127.0.0.1:0/s?username=a", new byte[0]))
                .hasRootCauseMessage("Basic authentication needs both username and password");
    }
}
