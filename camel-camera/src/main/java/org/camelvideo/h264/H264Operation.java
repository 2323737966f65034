package org.camelvideo.h264;

/** What an {@code h264:} endpoint does with the frames it is given. */
public enum H264Operation {
    /** VideoFrame to H.264 MediaPacket, AudioFrame to AAC MediaPacket. */
    encode,
    /** H.264 MediaPacket (or Annex-B byte[]) to VideoFrame. */
    decode
}
