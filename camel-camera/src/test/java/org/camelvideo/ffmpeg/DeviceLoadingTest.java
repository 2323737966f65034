package org.camelvideo.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeviceLoadingTest {

    @Test
    void missingPulseAudioLibrarySaysWhichPackageToInstall() {
        String message = Ffmpeg.devicesLoadFailure(new UnsatisfiedLinkError(
                "/root/.javacpp/cache/libavdevice.so.62: libpulse.so.0: cannot open shared object file"));
        assertThat(message).contains("libavdevice").contains("libpulse.so.0").contains("sudo apt-get install libpulse0");
    }

    @Test
    void devicesLoadWhereLibpulseIsInstalled() {
        // .ci/run installs libpulse0: V4L2 capture must then load.
        Ffmpeg.loadDevices();
    }
}
