package org.camelvideo.mjpeg.server;

import java.util.List;

/**
 * The built-in page at {@code /}: every stream of the server as an {@code <img>} with its size,
 * frame rate and viewer count under it, refreshed each second from the stream's JSON figures.
 */
final class ViewerPage {

    private ViewerPage() {
    }

    static String html(List<LiveStream> streams) {
        StringBuilder figures = new StringBuilder();
        for (LiveStream stream : streams) {
            String path = escape(stream.path());
            figures.append("<figure><img src=\"").append(path).append("\" alt=\"live stream ").append(path)
                    .append("\"><figcaption data-stats=\"").append(path).append(".json\"><a href=\"").append(path)
                    .append(".jpg\">").append(path).append("</a> <span>connecting&hellip;</span></figcaption></figure>\n");
        }
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Camel Video live</title>
                <style>
                body { margin: 0; background: #111; color: #ddd; font: 14px system-ui, sans-serif; }
                figure { margin: 8px; display: inline-block; }
                img { display: block; max-width: 100%; background: #000; }
                a { color: #9cf; }
                </style>
                </head>
                <body>
                """ + figures + """
                <script>
                for (const caption of document.querySelectorAll('figcaption[data-stats]')) {
                  const span = caption.querySelector('span');
                  const poll = async () => {
                    try {
                      const s = await (await fetch(caption.dataset.stats, { cache: 'no-store' })).json();
                      span.textContent = s.width + 'x' + s.height + ' · ' + s.fps.toFixed(1) + ' fps · '
                        + s.viewers + (s.viewers === 1 ? ' viewer' : ' viewers');
                    } catch (e) {
                      span.textContent = 'offline';
                    }
                  };
                  poll();
                  setInterval(poll, 1000);
                }
                </script>
                </body>
                </html>
                """;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
