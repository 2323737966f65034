package org.camelvideo.rtsp;

import org.camelvideo.media.docs.ComponentDocsCheck;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The reference page lists exactly the options and headers the code has. */
class DocsTest {

    @Test
    void referencePageMatchesTheGeneratedMetadata() throws Exception {
        assertThat(ComponentDocsCheck.problems("rtsp", "META-INF/org/camelvideo/rtsp/rtsp.json")).isEmpty();
    }
}
