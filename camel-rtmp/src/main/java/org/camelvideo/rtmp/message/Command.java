package org.camelvideo.rtmp.message;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.netty.buffer.ByteBuf;
import org.camelvideo.rtmp.RtmpProtocolException;
import org.camelvideo.rtmp.amf.Amf0Decoder;

/** A decoded command message: name, transaction id, command object and further arguments. */
public final class Command {

    private final String name;
    private final double transactionId;
    private final Object commandObject;
    private final List<Object> arguments;

    private Command(String name, double transactionId, Object commandObject, List<Object> arguments) {
        this.name = name;
        this.transactionId = transactionId;
        this.commandObject = commandObject;
        this.arguments = arguments;
    }

    /** Reads a command from a COMMAND_AMF0 or COMMAND_AMF3 message, without consuming it. */
    public static Command parse(RtmpMessage message) {
        ByteBuf in = message.content().duplicate();
        if (message.typeId() == MessageType.COMMAND_AMF3 && in.isReadable()) {
            // An AMF3 command starts with a format selector; Flash encodes the body in AMF0 anyway.
            in.skipBytes(1);
        }
        List<Object> values = Amf0Decoder.decodeAll(in);
        if (values.isEmpty() || !(values.get(0) instanceof String)) {
            throw new RtmpProtocolException("A command must start with its name");
        }
        // Some servers (FFmpeg's onFCPublish) leave out the transaction id of notifications.
        double transactionId = values.size() > 1 && values.get(1) instanceof Double ? (Double) values.get(1) : 0;
        return new Command((String) values.get(0), transactionId, values.size() > 2 ? values.get(2) : null,
                           Collections.unmodifiableList(new ArrayList<>(values.subList(Math.min(3, values.size()), values.size()))));
    }

    public String name() {
        return name;
    }

    public double transactionId() {
        return transactionId;
    }

    public Object commandObject() {
        return commandObject;
    }

    /** The arguments after the command object; AMF0 null reads as null. */
    public List<Object> arguments() {
        return arguments;
    }

    /** Argument {@code index} as a string, or null when absent or not a string. */
    public String stringArgument(int index) {
        return index < arguments.size() && arguments.get(index) instanceof String ? (String) arguments.get(index) : null;
    }

    /** A property of the argument at {@code index} when it is an object (onStatus info, _error), else null. */
    public String infoProperty(int index, String key) {
        if (index < arguments.size() && arguments.get(index) instanceof Map) {
            Object v = ((Map<?, ?>) arguments.get(index)).get(key);
            return v == null ? null : String.valueOf(v);
        }
        return null;
    }

    @Override
    public String toString() {
        return "Command[" + name + " #" + (long) transactionId + "]";
    }
}
