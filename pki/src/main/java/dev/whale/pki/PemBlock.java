package dev.whale.pki;

import java.util.Map;

/**
 * One PEM block (RFC 7468): its label, the RFC 1421 headers some legacy blocks carry ({@code Proc-Type},
 * {@code DEK-Info}), and the DER bytes inside.
 */
public record PemBlock(String label, Map<String, String> headers, byte[] der) {
    public PemBlock {
        // Header order matters on output: Proc-Type comes before DEK-Info (RFC 1421).
        headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
    }

    public static PemBlock of(String label, byte[] der) {
        return new PemBlock(label, Map.of(), der);
    }
}
