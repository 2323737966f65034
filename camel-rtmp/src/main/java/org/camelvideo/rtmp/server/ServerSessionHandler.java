package org.camelvideo.rtmp.server;

import java.util.LinkedHashMap;
import java.util.Map;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.camelvideo.media.MediaPacket;
import org.camelvideo.rtmp.RtmpProtocolException;
import org.camelvideo.rtmp.client.ClientSessionHandler;
import org.camelvideo.rtmp.flv.FlvDepacketizer;
import org.camelvideo.rtmp.message.Command;
import org.camelvideo.rtmp.message.MessageType;
import org.camelvideo.rtmp.message.Messages;
import org.camelvideo.rtmp.message.RtmpMessage;
import org.camelvideo.rtmp.message.UserControl;
import org.camelvideo.rtmp.session.ProtocolControlHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of a publisher's command dialogue (connect, releaseStream, FCPublish,
 * createStream, publish, FCUnpublish, deleteStream), as OBS, FFmpeg and FMLE speak it. A
 * publish name no endpoint accepts, or a stream already published, gets
 * NetStream.Publish.BadName and the connection is closed; a play request is refused. Accepted
 * audio and video go to the point's sink as {@link MediaPacket}s. Publish names are never
 * logged: they carry keys.
 */
final class ServerSessionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ServerSessionHandler.class);
    private static final double STREAM_ID = 1;

    private final RtmpServer server;
    private final FlvDepacketizer depacketizer = new FlvDepacketizer();
    private String app;
    private PublishPoint point;
    private long malformed;

    ServerSessionHandler(RtmpServer server) {
        this.server = server;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof RtmpMessage)) {
            ctx.fireChannelRead(msg);
            return;
        }
        RtmpMessage message = (RtmpMessage) msg;
        try {
            int type = message.typeId();
            if (type == MessageType.COMMAND_AMF0 || type == MessageType.COMMAND_AMF3) {
                command(ctx, Command.parse(message));
            } else if ((type == MessageType.AUDIO || type == MessageType.VIDEO) && point != null) {
                media(ctx, message);
            }
        } finally {
            ReferenceCountUtil.release(message);
        }
    }

    private void media(ChannelHandlerContext ctx, RtmpMessage message) {
        MediaPacket packet;
        try {
            packet = depacketizer.depacketize(message);
        } catch (RtmpProtocolException e) {
            if (malformed++ == 0) {
                LOG.warn("Publisher {} on {} sent a malformed tag, skipped: {}", ctx.channel().remoteAddress(), point, e.getMessage());
            }
            return;
        }
        if (packet != null) {
            point.sink().packet(packet, ctx.channel());
        }
    }

    private void command(ChannelHandlerContext ctx, Command command) {
        double tx = command.transactionId();
        switch (command.name()) {
            case "connect":
                connect(ctx, command);
                break;
            case "releaseStream":
            case "FCPublish":
            case "_checkbw":
                ctx.writeAndFlush(Messages.command(ctx.alloc(), 0, "_result", tx, (Object) null));
                break;
            case "createStream":
                ctx.writeAndFlush(Messages.command(ctx.alloc(), 0, "_result", tx, null, STREAM_ID));
                break;
            case "publish":
                publish(ctx, command.stringArgument(0));
                break;
            case "play":
                refuse(ctx, "NetStream.Play.Failed", "This endpoint accepts publishers only");
                break;
            case "FCUnpublish":
            case "deleteStream":
            case "closeStream":
                unpublish(ctx);
                break;
            default:
                break;
        }
    }

    private void connect(ChannelHandlerContext ctx, Command command) {
        Object requested = command.commandObject() instanceof Map ? ((Map<?, ?>) command.commandObject()).get("app") : null;
        String name = requested == null ? "" : requested.toString();
        // Some encoders append the query of the URL or a trailing slash to the app.
        int query = name.indexOf('?');
        name = (query < 0 ? name : name.substring(0, query)).replaceAll("/+$", "");
        if (!server.servesApp(name)) {
            Map<String, Object> info = status("error", "NetConnection.Connect.Rejected", "No stream is served under app '" + name + "'");
            ctx.writeAndFlush(Messages.command(ctx.alloc(), 0, "_error", command.transactionId(), null, info))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        app = name;
        ctx.write(Messages.windowAckSize(ctx.alloc(), ProtocolControlHandler.OUR_WINDOW));
        ctx.write(Messages.setPeerBandwidth(ctx.alloc(), ProtocolControlHandler.OUR_WINDOW, Messages.BANDWIDTH_DYNAMIC));
        ctx.write(Messages.setChunkSize(ctx.alloc(), ClientSessionHandler.CHUNK_SIZE));
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("fmsVer", "FMS/3,0,1,123");
        properties.put("capabilities", 31.0);
        Map<String, Object> info = status("status", "NetConnection.Connect.Success", "Connection succeeded.");
        info.put("objectEncoding", 0.0);
        ctx.writeAndFlush(Messages.command(ctx.alloc(), 0, "_result", command.transactionId(), properties, info));
    }

    private void publish(ChannelHandlerContext ctx, String publishName) {
        PublishPoint found = app == null || publishName == null ? null : server.find(app, publishName);
        if (found == null) {
            LOG.warn("Refused a publisher from {} on app '{}': no endpoint takes its stream name or key", ctx.channel().remoteAddress(), app);
            refuse(ctx, "NetStream.Publish.BadName", "No stream of this name and key is accepted here");
            return;
        }
        if (!found.attach(ctx.channel())) {
            LOG.warn("Refused a publisher from {} for {}: already being published", ctx.channel().remoteAddress(), found);
            refuse(ctx, "NetStream.Publish.BadName", "Stream is already being published");
            return;
        }
        point = found;
        ctx.write(Messages.userControl(ctx.alloc(), UserControl.STREAM_BEGIN, (long) STREAM_ID));
        ctx.writeAndFlush(Messages.command(ctx.alloc(), (long) STREAM_ID, "onStatus", 0, null,
                                           status("status", "NetStream.Publish.Start", "Publishing.")));
        LOG.info("Publisher {} started on {}", ctx.channel().remoteAddress(), point);
    }

    private void unpublish(ChannelHandlerContext ctx) {
        if (point != null) {
            LOG.info("Publisher {} stopped on {}", ctx.channel().remoteAddress(), point);
            point.detach(ctx.channel());
            point = null;
        }
    }

    private void refuse(ChannelHandlerContext ctx, String code, String description) {
        ctx.writeAndFlush(Messages.command(ctx.alloc(), (long) STREAM_ID, "onStatus", 0, null, status("error", code, description)))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private static Map<String, Object> status(String level, String code, String description) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("level", level);
        info.put("code", code);
        info.put("description", description);
        return info;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        unpublish(ctx);
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("Closing RTMP connection from {}: {}", ctx.channel().remoteAddress(), cause.getMessage() == null ? cause : cause.getMessage());
        ctx.close();
    }
}
