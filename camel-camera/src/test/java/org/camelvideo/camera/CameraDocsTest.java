package org.camelvideo.camera;

import static org.assertj.core.api.Assertions.assertThat;

import org.camelvideo.media.docs.ComponentDocsCheck;
import org.junit.jupiter.api.Test;

class CameraDocsTest {

    @Test
    void cameraPageMatchesTheComponent() throws Exception {
        assertThat(ComponentDocsCheck.problems("camera", "META-INF/org/camelvideo/camera/camera.json")).isEmpty();
    }

    @Test
    void h264PageMatchesTheComponent() throws Exception {
        assertThat(ComponentDocsCheck.problems("h264", "META-INF/org/camelvideo/h264/h264.json")).isEmpty();
    }
}
