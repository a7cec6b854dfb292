package dev.whale.pki.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * OpenSSL's names for object identifiers, such as {@code 1.2.840.113549.1.1.1} = {@code rsaEncryption}: the table of
 * OpenSSL 3.0's {@code obj_mac.h}, read from {@code oids.txt} (made by {@code pki/tools/oids.py}) on first use.
 */
public final class Oids {
    private Oids() {}

    /** One object: its dotted OID, OpenSSL's short name (SN) and long name (LN). */
    private record Entry(String oid, String shortName, String longName) {}

    /** Loaded on first use by the JVM's class initialisation, which is lazy and thread-safe. */
    private static final class Table {
        static final Map<String, Entry> BY_OID = new HashMap<>(2048);
        static final Map<String, Entry> BY_SHORT_NAME = new HashMap<>(2048);
        static final Map<String, Entry> BY_LONG_NAME = new HashMap<>(2048);

        static {
            try (InputStream in = Oids.class.getResourceAsStream("oids.txt")) {
                if (in == null) {
                    throw new IllegalStateException("dev/whale/pki/oids.txt is missing from the class path");
                }
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.isEmpty() || line.startsWith("#")) {
                        continue;
                    }
                    String[] f = line.split("\t", -1);
                    Entry e = new Entry(f[0], f[1], f[2]);
                    BY_OID.put(e.oid(), e);
                    BY_SHORT_NAME.putIfAbsent(e.shortName(), e);
                    BY_LONG_NAME.putIfAbsent(e.longName(), e);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read dev/whale/pki/oids.txt", e);
            }
        }
    }

    /** OpenSSL's long name of {@code dottedOid} ({@code X509v3 Key Usage}), or the OID itself when OpenSSL has none. */
    public static String longName(String dottedOid) {
        Entry e = Table.BY_OID.get(dottedOid);
        return e == null ? dottedOid : e.longName();
    }

    /** OpenSSL's short name of {@code dottedOid} ({@code keyUsage}), or the OID itself when OpenSSL has none. */
    public static String shortName(String dottedOid) {
        Entry e = Table.BY_OID.get(dottedOid);
        return e == null ? dottedOid : e.shortName();
    }

    /** True when OpenSSL has a name for {@code dottedOid}. */
    public static boolean known(String dottedOid) {
        return Table.BY_OID.containsKey(dottedOid);
    }

    /**
     * The OID that OpenSSL knows by {@code name}, a short name first ({@code CN}), then a long name
     * ({@code commonName}), as {@code OBJ_txt2obj} looks them up.
     */
    public static Optional<String> byName(String name) {
        Entry e = Table.BY_SHORT_NAME.get(name);
        if (e == null) {
            e = Table.BY_LONG_NAME.get(name);
        }
        return Optional.ofNullable(e).map(Entry::oid);
    }

    /** How many objects the table holds. */
    public static int size() {
        return Table.BY_OID.size();
    }

    /**
     * True when {@code length} bytes at {@code offset} are a valid OBJECT IDENTIFIER body as OpenSSL's
     * {@code c2i_ASN1_OBJECT} checks it: not empty, the last byte ends a subidentifier, no subidentifier starts with
     * the padding byte 0x80.
     */
    public static boolean isValidEncoding(byte[] b, int offset, int length) {
        if (length <= 0 || (b[offset + length - 1] & 0x80) != 0) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if ((b[offset + i] & 0xff) == 0x80 && (i == 0 || (b[offset + i - 1] & 0x80) == 0)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The dotted form of an OBJECT IDENTIFIER body (X.690 8.19): the first subidentifier holds the first two arcs,
     * 40 * X + Y, and arcs may exceed 64 bits. The body must pass {@link #isValidEncoding}.
     */
    public static String dotted(byte[] b, int offset, int length) {
        StringBuilder sb = new StringBuilder(length * 3);
        int p = offset;
        int end = offset + length;
        boolean first = true;
        while (p < end) {
            long small = 0;
            BigInteger big = null;
            int c;
            do {
                c = b[p++] & 0xff;
                if (big == null && small >>> 56 != 0) {
                    big = BigInteger.valueOf(small);
                }
                if (big == null) {
                    small = (small << 7) | (c & 0x7f);
                } else {
                    big = big.shiftLeft(7).or(BigInteger.valueOf(c & 0x7f));
                }
            } while ((c & 0x80) != 0 && p < end);
            if (first) {
                first = false;
                if (big == null && small < 80) {
                    sb.append(small / 40).append('.').append(small % 40);
                } else {
                    BigInteger v = big != null ? big : BigInteger.valueOf(small);
                    sb.append("2.").append(v.subtract(BigInteger.valueOf(80)));
                }
            } else {
                sb.append('.').append(big != null ? big.toString() : Long.toString(small));
            }
        }
        return sb.toString();
    }
}
