/**
 * Bitstream helpers that belong in camel-media and wait here until its owner moves them: nothing
 * in them is RTMP-specific.
 */
package org.camelvideo.rtmp.tocamelmedia;
