#!/usr/bin/python3
"""GStreamer's RTSP server (gst-rtsp-server, shared media) looping one H.264 or H.265 Annex-B
clip in real time: the reference peer for the rtsp client tests and the fan-out benchmark.

Usage: /usr/bin/python3 gst_rtsp_server.py PORT PATH CLIP.h264|CLIP.h265 [FPS] [USER PASSWORD]
Prints "READY" once it listens. The clip must carry access unit delimiters (aud=1 in x264 or x265).
"""
import sys
import threading
import time

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402

AUD = {"h264": b"\x00\x00\x00\x01\x09", "h265": b"\x00\x00\x00\x01\x46\x01"}


def access_units(data, aud):
    starts = []
    i = data.find(aud)
    while i >= 0:
        starts.append(i)
        i = data.find(aud, i + len(aud))
    return [data[a:b] for a, b in zip(starts, starts[1:] + [len(data)])]


class Player:
    """Pushes the clip into one media's appsrc at the frame rate until the media goes away."""

    def __init__(self, appsrc, units, fps):
        self.appsrc = appsrc
        self.units = units
        self.period = 1.0 / fps
        self.running = True
        threading.Thread(target=self.run, daemon=True).start()

    def run(self):
        start = time.monotonic()
        n = 0
        while self.running:
            unit = self.units[n % len(self.units)]
            buf = Gst.Buffer.new_wrapped(unit)
            buf.duration = int(self.period * Gst.SECOND)
            if self.appsrc.emit("push-buffer", buf) != Gst.FlowReturn.OK:
                return
            n += 1
            delay = start + n * self.period - time.monotonic()
            if delay > 0:
                time.sleep(delay)


def main():
    port, path, clip = sys.argv[1], sys.argv[2], sys.argv[3]
    fps = int(sys.argv[4]) if len(sys.argv) > 4 else 30
    credentials = sys.argv[5:7] if len(sys.argv) > 6 else None
    Gst.init(None)
    codec = "h265" if clip.endswith(".h265") else "h264"
    with open(clip, "rb") as f:
        units = access_units(f.read(), AUD[codec])
    if not units:
        sys.exit("No access unit delimiters in " + clip)

    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(port)
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(
        "( appsrc name=src is-live=true do-timestamp=true format=time "
        "caps=video/x-%s,stream-format=byte-stream,alignment=au,framerate=%d/1 "
        "! %sparse ! rtp%spay name=pay0 pt=96 config-interval=-1 )" % (codec, fps, codec, codec))
    factory.set_shared(True)
    players = {}

    def configure(_factory, media):
        appsrc = media.get_element().get_child_by_name("src")
        players[media] = Player(appsrc, units, fps)
        media.connect("unprepared", lambda m: setattr(players.pop(m), "running", False))

    factory.connect("media-configure", configure)
    if credentials:
        auth = GstRtspServer.RTSPAuth()
        token = GstRtspServer.RTSPToken()
        token.set_string(GstRtspServer.RTSP_TOKEN_MEDIA_FACTORY_ROLE, "user")
        basic = GstRtspServer.RTSPAuth.make_basic(credentials[0], credentials[1])
        auth.add_basic(basic, token)
        server.set_auth(auth)
        permissions = GstRtspServer.RTSPPermissions()
        permissions.add_permission_for_role("user", "media.factory.access", True)
        permissions.add_permission_for_role("user", "media.factory.construct", True)
        factory.set_permissions(permissions)
    server.get_mount_points().add_factory(path, factory)
    if server.attach(None) == 0:
        sys.exit("Cannot listen on port " + port)
    print("READY", flush=True)
    GLib.MainLoop().run()


if __name__ == "__main__":
    main()
