package org.camelvideo.rtmp.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.camelvideo.rtmp.handshake.HandshakeCompleted;
import org.camelvideo.rtmp.message.Command;
import org.camelvideo.rtmp.message.MessageType;
import org.camelvideo.rtmp.message.Messages;
import org.camelvideo.rtmp.message.RtmpMessage;
import org.camelvideo.rtmp.message.UserControl;
import org.camelvideo.rtmp.session.ProtocolControlHandler;

/**
 * The command dialogue of a client (RTMP specification 7.2), the way FMLE and OBS speak it:
 * connect, then releaseStream/FCPublish/createStream/publish to publish, or createStream/play
 * to play, until the server's onStatus says the stream started. Refusals (_error, onStatus with
 * level error) are reported with the server's code and description.
 */
public final class ClientSessionHandler extends ChannelInboundHandlerAdapter {

    /** Our outgoing chunk size: large enough that a video frame needs few chunk headers. */
    public static final int CHUNK_SIZE = 4096;
    static final String FLASH_VERSION = "FMLE/3.0 (compatible; Camel Video)";
    private static final double CONNECT = 1;
    private static final double CREATE_STREAM = 4;
    private static final int PLAY_BUFFER_MS = 1000;
    private static final String FOURCC_HEVC = "hvc1";

    private final ClientTarget target;
    private final ClientMode mode;
    private final SessionListener listener;
    private long streamId = -1;
    private boolean started;

    public ClientSessionHandler(ClientTarget target, ClientMode mode, SessionListener listener) {
        this.target = target;
        this.mode = mode;
        this.listener = listener;
    }

    /** The message stream made by createStream, or -1 before. */
    public long streamId() {
        return streamId;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt != HandshakeCompleted.INSTANCE) {
            super.userEventTriggered(ctx, evt);
            return;
        }
        ctx.write(Messages.setChunkSize(ctx.alloc(), CHUNK_SIZE));
        ctx.write(Messages.windowAckSize(ctx.alloc(), ProtocolControlHandler.OUR_WINDOW));
        Map<String, Object> connect = new LinkedHashMap<>();
        connect.put("app", target.app());
        connect.put("type", "nonprivate");
        connect.put("flashVer", FLASH_VERSION);
        connect.put("tcUrl", target.tcUrl());
        if (mode == ClientMode.PLAY) {
            connect.put("fpad", false);
            connect.put("capabilities", 15.0);
            connect.put("audioCodecs", 0x0FFF);
            connect.put("videoCodecs", 0x00FF);
            connect.put("videoFunction", 1.0);
        }
        // Enhanced RTMP: the client lists the FourCCs it sends or plays, so that a server that
        // speaks it knows H.265 may come (or may be sent); classic servers skip the property.
        connect.put("fourCcList", List.of(FOURCC_HEVC));
        ctx.writeAndFlush(Messages.command(ctx.alloc(), 0, "connect", CONNECT, connect));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof RtmpMessage)) {
            ctx.fireChannelRead(msg);
            return;
        }
        RtmpMessage message = (RtmpMessage) msg;
        int type = message.typeId();
        if (mode == ClientMode.PLAY && started
                && (type == MessageType.AUDIO || type == MessageType.VIDEO || type == MessageType.DATA_AMF0)) {
            listener.media(message);
            return;
        }
        try {
            if (type == MessageType.COMMAND_AMF0 || type == MessageType.COMMAND_AMF3) {
                command(ctx, Command.parse(message));
            }
        } finally {
            ReferenceCountUtil.release(message);
        }
    }

    private void command(ChannelHandlerContext ctx, Command command) {
        switch (command.name()) {
            case "_result":
                result(ctx, command);
                break;
            case "_error":
                listener.refused(describe(command, "_error"));
                break;
            case "onStatus":
                status(ctx, command);
                break;
            case "close":
                ctx.close();
                break;
            default:
                // onBWDone, onFCPublish, |RtmpSampleAccess and friends need no answer.
                break;
        }
    }

    private void result(ChannelHandlerContext ctx, Command command) {
        String name = target.streamName();
        if (command.transactionId() == CONNECT) {
            if (mode == ClientMode.PUBLISH) {
                ctx.write(Messages.command(ctx.alloc(), 0, "releaseStream", 2, null, name));
                ctx.write(Messages.command(ctx.alloc(), 0, "FCPublish", 3, null, name));
            }
            ctx.writeAndFlush(Messages.command(ctx.alloc(), 0, "createStream", CREATE_STREAM, (Object) null));
        } else if (command.transactionId() == CREATE_STREAM) {
            Object id = command.arguments().isEmpty() ? null : command.arguments().get(0);
            if (!(id instanceof Double)) {
                listener.refused("createStream returned no stream id");
                return;
            }
            streamId = ((Double) id).longValue();
            if (mode == ClientMode.PUBLISH) {
                ctx.writeAndFlush(Messages.command(ctx.alloc(), streamId, "publish", 0, null, name, "live"));
            } else {
                ctx.write(Messages.command(ctx.alloc(), streamId, "play", 0, null, name, -2000.0));
                ctx.writeAndFlush(Messages.userControl(ctx.alloc(), UserControl.SET_BUFFER_LENGTH, streamId, PLAY_BUFFER_MS));
            }
        }
    }

    private void status(ChannelHandlerContext ctx, Command command) {
        String level = command.infoProperty(0, "level");
        String code = command.infoProperty(0, "code");
        if ("error".equals(level)) {
            listener.refused(describe(command, code));
        } else if (!started && ("NetStream.Publish.Start".equals(code) || "NetStream.Play.Start".equals(code))) {
            started = true;
            listener.ready(ctx.channel(), streamId);
        }
    }

    private String describe(Command command, String fallbackCode) {
        String code = command.infoProperty(0, "code");
        String description = command.infoProperty(0, "description");
        return target.mask((code == null ? fallbackCode : code) + (description == null ? "" : ": " + description));
    }
}
