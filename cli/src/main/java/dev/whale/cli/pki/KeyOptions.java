package dev.whale.cli.pki;

import dev.whale.cli.Errors;
import dev.whale.pki.key.KeyData;
import dev.whale.pki.key.Keys;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;

/**
 * A new key as OpenSSL's {@code -pkeyopt} settings describe it (genpkey, req -newkey): {@code rsa_keygen_bits:N},
 * {@code rsa_keygen_pubexp:E}, {@code ec_paramgen_curve:P-256}, {@code ec_param_enc:named_curve}.
 */
record KeyOptions(String algorithm, int bits, BigInteger exponent, String curve) {

    /** The settings for {@code algorithm} (RSA, EC, ED25519), RSA of {@code defaultBits} unless told. */
    static KeyOptions parse(String algorithm, int defaultBits, List<String> pkeyopts) {
        int bits = defaultBits;
        BigInteger exponent = BigInteger.valueOf(65537);
        String curve = null;
        for (String o : pkeyopts) {
            int colon = o.indexOf(':');
            if (colon < 0) {
                throw new Errors.UsageException("-pkeyopt takes OPT:VALUE: " + o);
            }
            String k = o.substring(0, colon);
            String v = o.substring(colon + 1);
            switch (k) {
                case "rsa_keygen_bits" -> bits = integer(k, v).intValueExact();
                case "rsa_keygen_pubexp" -> exponent = integer(k, v);
                case "ec_paramgen_curve" -> curve = v;
                case "ec_param_enc" -> {
                    if (!v.equals("named_curve")) {
                        throw new Errors.UsageException("-pkeyopt ec_param_enc: only named_curve is supported");
                    }
                }
                default -> throw new Errors.UsageException("unknown -pkeyopt " + k + " for " + algorithm);
            }
        }
        return new KeyOptions(algorithm.toUpperCase(Locale.ROOT), bits, exponent, curve);
    }

    static BigInteger integer(String k, String v) {
        try {
            return v.startsWith("0x") ? new BigInteger(v.substring(2), 16) : new BigInteger(v);
        } catch (NumberFormatException e) {
            throw new Errors.UsageException("-pkeyopt " + k + ": not a number: " + v);
        }
    }

    /** Generates the key, with OpenSSL's progress dots on {@code err} while an RSA key's primes are searched. */
    KeyData generate(PrintWriter err) {
        GenpkeyCommand.Ticker ticker = new GenpkeyCommand.Ticker(err, algorithm.equals("RSA"));
        try {
            return Keys.generate(algorithm, bits, exponent, curve, new SecureRandom());
        } finally {
            ticker.stop();
        }
    }
}
