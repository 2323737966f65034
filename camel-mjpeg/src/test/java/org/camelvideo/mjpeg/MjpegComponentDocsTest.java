package org.camelvideo.mjpeg;

import org.camelvideo.media.docs.ComponentDocsCheck;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The reference page lists every option and header the code has, and nothing else. */
class MjpegComponentDocsTest {

    @Test
    void referencePageMatchesTheGeneratedMetadata() throws Exception {
        assertThat(ComponentDocsCheck.problems("mjpeg", "META-INF/org/camelvideo/mjpeg/mjpeg.json")).isEmpty();
    }
}
