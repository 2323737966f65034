package org.camelvideo.rtmp.client;

/** What a client session asks the server for once connected. */
public enum ClientMode {
    PUBLISH,
    PLAY
}
