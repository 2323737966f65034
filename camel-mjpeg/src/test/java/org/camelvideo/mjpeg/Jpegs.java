package org.camelvideo.mjpeg;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;

import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;

/** Decodes JPEGs with the JDK's own decoder, to check that what arrives is a whole picture. */
public final class Jpegs {

    private Jpegs() {
    }

    public static BufferedImage decode(byte[] jpeg) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertThat(image).as("a decodable JPEG of %d bytes", jpeg.length).isNotNull();
        return image;
    }
}
