package org.camelvideo.rtsp.auth;

/** How a server asks readers to authenticate. */
public enum AuthMethod {
    /** RFC 7617: the password travels base64-encoded, readable by anyone on the path. */
    BASIC,
    /** RFC 2617 with MD5: only a hash of the password travels. */
    DIGEST
}
