package org.camelvideo.rtsp.server;

import java.util.Locale;

/**
 * The one transport of a SETUP's {@code Transport} header (RFC 2326 12.39) that this server
 * accepts: the first unicast RTP/AVP offer, over TCP (interleaved channels) or UDP (client ports).
 */
final class TransportHeader {

    final boolean tcp;
    final int rtpChannel;
    final int rtcpChannel;

    private TransportHeader(boolean tcp, int rtp, int rtcp) {
        this.tcp = tcp;
        this.rtpChannel = rtp;
        this.rtcpChannel = rtcp;
    }

    /**
     * @param  defaultChannel the interleaved channel to use when a TCP offer names none
     * @return                the accepted transport, or null when no offer is supported (461)
     */
    static TransportHeader parse(String header, int defaultChannel) {
        if (header == null) {
            return null;
        }
        for (String offer : header.split(",")) {
            String[] params = offer.trim().split(";");
            String spec = params[0].trim().toUpperCase(Locale.ROOT);
            boolean tcp = spec.equals("RTP/AVP/TCP");
            if (!tcp && !spec.equals("RTP/AVP") && !spec.equals("RTP/AVP/UDP")) {
                continue;
            }
            boolean multicast = false;
            int[] range = null;
            for (int i = 1; i < params.length; i++) {
                String p = params[i].trim().toLowerCase(Locale.ROOT);
                if (p.equals("multicast")) {
                    multicast = true;
                } else if (tcp && p.startsWith("interleaved=")) {
                    range = range(p.substring(12), 255);
                } else if (!tcp && p.startsWith("client_port=")) {
                    range = range(p.substring(12), 65535);
                }
            }
            if (multicast) {
                continue;
            }
            if (tcp) {
                return range == null ? new TransportHeader(true, defaultChannel, defaultChannel + 1)
                        : new TransportHeader(true, range[0], range[1]);
            }
            if (range != null && range[0] > 0) {
                return new TransportHeader(false, range[0], range[1]);
            }
        }
        return null;
    }

    private static int[] range(String value, int max) {
        try {
            int dash = value.indexOf('-');
            int a = Integer.parseInt(dash < 0 ? value : value.substring(0, dash));
            int b = dash < 0 ? a + 1 : Integer.parseInt(value.substring(dash + 1));
            return a < 0 || b < 0 || a > max || b > max ? null : new int[] { a, b };
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
