"""An MJPEG camera of the lenient kind, on Python's http.server, for the consumer's tests.

    python3 camera.py PORT CONTENT_TYPE PARTS JPEG...

Answers every GET with 200 and CONTENT_TYPE, then the stream: blank lines first, as some cameras
send them, then PARTS parts (0: no end) delimited by --myboundary lines, cycling through the JPEG
files at 25 a second, every other part without Content-Length. HTTP/1.0, so the body ends with
the connection, which the camera closes after the last part.
"""
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port, content_type, parts = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
pictures = [open(path, 'rb').read() for path in sys.argv[4:]]


class Camera(BaseHTTPRequestHandler):

    def do_GET(self):
        self.send_response(200)
        self.send_header('Content-Type', content_type)
        self.end_headers()
        try:
            self.wfile.write(b'\r\n\r\n')
            n = 0
            while parts == 0 or n < parts:
                jpeg = pictures[n % len(pictures)]
                length = b'Content-Length: %d\r\n' % len(jpeg) if n % 2 == 0 else b''
                self.wfile.write(b'--myboundary\r\nContent-Type: image/jpeg\r\n' + length + b'\r\n' + jpeg + b'\r\n')
                n += 1
                time.sleep(0.04)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client went away

    def log_message(self, format, *args):
        pass


ThreadingHTTPServer(('127.0.0.1', port), Camera).serve_forever()
