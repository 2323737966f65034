package org.camelvideo.rtmp.handshake;

import java.util.Arrays;
import java.util.Random;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server answers both handshakes: the simple one with C1 echoed, the digest one with S1 and
 * S2 signed so that a client checking them (Flash, FFmpeg when playing) accepts them. The
 * checks recompute the HMACs here with the JDK, independently of the code under test.
 */
class HandshakeTest {

    private static final int SIZE = 1536;
    private static final byte[] TAIL = ByteBufUtil.decodeHexDump("f0eec24a8068bee82e00d0d1029e7e576eec5d2d29806fab93b8e636cfeb31ae");

    private static byte[] key(String text, boolean full) {
        byte[] prefix = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        if (!full) {
            return prefix;
        }
        byte[] k = Arrays.copyOf(prefix, prefix.length + TAIL.length);
        System.arraycopy(TAIL, 0, k, prefix.length, TAIL.length);
        return k;
    }

    private static byte[] hmac(byte[] key, byte[]... parts) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        for (byte[] p : parts) {
            mac.update(p);
        }
        return mac.doFinal();
    }

    /** Offset of the digest under scheme 1 (the one FFmpeg's client uses: after time and version). */
    private static int offset(byte[] packet, int base) {
        return ((packet[base] & 0xff) + (packet[base + 1] & 0xff) + (packet[base + 2] & 0xff) + (packet[base + 3] & 0xff)) % 728
               + base + 4;
    }

    private static byte[] digestOver(byte[] packet, int at, byte[] key) throws Exception {
        return hmac(key, Arrays.copyOfRange(packet, 0, at), Arrays.copyOfRange(packet, at + 32, SIZE));
    }

    private static byte[] answer(byte[] c1) {
        EmbeddedChannel ch = new EmbeddedChannel(new ServerHandshakeHandler());
        ByteBuf c0c1 = Unpooled.buffer().writeByte(3).writeBytes(c1);
        ch.writeInbound(c0c1);
        ByteBuf out = ch.readOutbound();
        byte[] bytes = ByteBufUtil.getBytes(out);
        out.release();
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[SIZE]));
        assertThat(ch.pipeline().get(ServerHandshakeHandler.class)).as("removed once C2 arrived").isNull();
        ch.finishAndReleaseAll();
        return bytes;
    }

    @Test
    void simpleHandshakeEchoesC1() {
        byte[] c1 = new byte[SIZE];
        new Random(1).nextBytes(c1);
        Arrays.fill(c1, 4, 8, (byte) 0);
        byte[] s = answer(c1);
        assertThat(s).hasSize(1 + 2 * SIZE);
        assertThat(s[0]).isEqualTo((byte) 3);
        assertThat(Arrays.copyOfRange(s, 1 + SIZE, 1 + 2 * SIZE)).isEqualTo(c1);
    }

    @Test
    void digestHandshakeSignsS1AndS2() throws Exception {
        byte[] c1 = new byte[SIZE];
        new Random(2).nextBytes(c1);
        c1[4] = 9;
        c1[5] = 0;
        c1[6] = 124;
        c1[7] = 2;
        int at = offset(c1, 8);
        System.arraycopy(digestOver(c1, at, key("Genuine Adobe Flash Player 001", false)), 0, c1, at, 32);
        byte[] clientDigest = Arrays.copyOfRange(c1, at, at + 32);

        byte[] s = answer(c1);
        byte[] s1 = Arrays.copyOfRange(s, 1, 1 + SIZE);
        byte[] s2 = Arrays.copyOfRange(s, 1 + SIZE, 1 + 2 * SIZE);
        assertThat(s1[4]).as("a non-zero server version announces the digest").isNotZero();
        int s1At = offset(s1, 8);
        assertThat(Arrays.copyOfRange(s1, s1At, s1At + 32))
                .isEqualTo(digestOver(s1, s1At, key("Genuine Adobe Flash Media Server 001", false)));
        byte[] s2Key = hmac(key("Genuine Adobe Flash Media Server 001", true), clientDigest);
        assertThat(Arrays.copyOfRange(s2, SIZE - 32, SIZE)).isEqualTo(hmac(s2Key, Arrays.copyOfRange(s2, 0, SIZE - 32)));
    }

    @Test
    void clientSendsC0C1ThenEchoesS1AsC2() {
        EmbeddedChannel ch = new EmbeddedChannel(new ClientHandshakeHandler());
        ByteBuf c0c1 = ch.readOutbound();
        assertThat(c0c1.readableBytes()).isEqualTo(1 + SIZE);
        assertThat(c0c1.getByte(0)).isEqualTo((byte) 3);
        c0c1.release();
        byte[] s1 = new byte[SIZE];
        new Random(3).nextBytes(s1);
        ch.writeInbound(Unpooled.buffer().writeByte(3).writeBytes(s1).writeBytes(new byte[SIZE]).writeBytes(new byte[] { 7 }));
        ByteBuf c2 = ch.readOutbound();
        assertThat(ByteBufUtil.getBytes(c2)).isEqualTo(s1);
        c2.release();
        ByteBuf rest = ch.readInbound();
        assertThat(rest.readableBytes()).as("bytes after S2 go on to the chunk decoder").isEqualTo(1);
        rest.release();
        ch.finishAndReleaseAll();
    }
}
