package org.camelvideo.mjpeg.multipart;

/**
 * One picture read from a multipart stream.
 *
 * @param data            the JPEG file
 * @param contentType     the part's Content-Type, or {@code image/jpeg} when it had none
 * @param timestampMicros the part's X-Timestamp in microseconds, or -1 when it had none
 */
public record JpegPart(byte[] data, String contentType, long timestampMicros) {
}
