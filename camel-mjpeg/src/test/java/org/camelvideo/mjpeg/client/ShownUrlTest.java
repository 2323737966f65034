package org.camelvideo.mjpeg.client;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ShownUrlTest {

    @Test
    void queryValuesAreHiddenAndTheirNamesKept() {
        assertThat(ShownUrl.of(URI.create("http://10.0.0.5:80/videostream.cgi?user=admin&pwd=s3cret&resolution=32")))
                .isEqualTo("http://10.0.0.5:80/videostream.cgi?user=xxxxxx&pwd=xxxxxx&resolution=xxxxxx");
        assertThat(ShownUrl.of(URI.create("https://[::1]:8443/mjpg?flag"))).isEqualTo("https://[::1]:8443/mjpg?flag");
    }

    @Test
    void aUrlWithoutQueryIsShownAsItIs() {
        assertThat(ShownUrl.of(URI.create("http://camera.local:8080/video"))).isEqualTo("http://camera.local:8080/video");
    }
}
