package dev.whale.pki.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Passphrase handling shared by the key formats: the bytes a key derivation function is given. Not API. */
public final class Secrets {
    private Secrets() {}

    /**
     * The passphrase's UTF-8 bytes, which is what OpenSSH and OpenSSL hash on a UTF-8 system; the encoder's own
     * buffer is cleared.
     */
    public static byte[] utf8(char[] chars) {
        if (chars == null) {
            return new byte[0];
        }
        ByteBuffer b = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] out = new byte[b.remaining()];
        b.get(out);
        if (b.hasArray()) {
            Arrays.fill(b.array(), (byte) 0);
        }
        return out;
    }
}
