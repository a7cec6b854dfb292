package dev.whale.pki.testing;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;

/** DER made by hand for tests: elements with definite lengths and OBJECT IDENTIFIER bodies (X.690 8.1, 8.19). */
public final class DerBytes {
    private DerBytes() {}

    /** One element: {@code tag} (a single identifier byte), the shortest definite length, the content. */
    public static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else {
            int bytes = n < 0x100 ? 1 : n < 0x10000 ? 2 : n < 0x1000000 ? 3 : 4;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(n >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    /** The body of the OBJECT IDENTIFIER {@code dotted}, whose arcs may be of any size. */
    public static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 1; i < arcs.length; i++) {
            BigInteger v = new BigInteger(arcs[i]);
            if (i == 1) {
                v = v.add(new BigInteger(arcs[0]).multiply(BigInteger.valueOf(40)));
            }
            int groups = Math.max(1, (v.bitLength() + 6) / 7);
            for (int g = groups - 1; g >= 0; g--) {
                int septet = v.shiftRight(7 * g).intValue() & 0x7f;
                out.write(g > 0 ? septet | 0x80 : septet);
            }
        }
        return out.toByteArray();
    }
}
