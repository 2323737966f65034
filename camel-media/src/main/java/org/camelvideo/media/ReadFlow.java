package org.camelvideo.media;

/**
 * The reading side of the connection a consumer's packets come from, which the consumer stops
 * while its route catches up: over TCP the sender is then slowed down and nothing is lost.
 */
public interface ReadFlow {

    /** Stops reading; false when the transport cannot be paused (datagrams), so packets must be dropped instead. */
    boolean pause();

    /** Reads again. */
    void resume();
}
