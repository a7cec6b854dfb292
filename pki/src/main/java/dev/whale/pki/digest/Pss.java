package dev.whale.pki.digest;

/**
 * RSA-PSS (RFC 8017 9.1) as {@code openssl dgst -sigopt rsa_padding_mode:pss} sets it up: masks made with MGF1 over
 * {@code mgf1}, or over the signature's own digest when it is null, and a salt of {@code saltLength} bytes or of one
 * of the lengths OpenSSL names: {@link #SALT_DIGEST}, {@link #SALT_MAX}, {@link #SALT_AUTO}.
 */
public record Pss(DigestAlgorithm mgf1, int saltLength) {
    /** As long as the digest ({@code rsa_pss_saltlen:digest}). */
    public static final int SALT_DIGEST = -1;
    /** As long as the key allows ({@code max}): OpenSSL 3.0's default for signing. */
    public static final int SALT_MAX = -2;
    /** Whatever the signature holds when verifying, the maximum when signing ({@code auto}): the default. */
    public static final int SALT_AUTO = -3;

    /** OpenSSL's defaults: MGF1 over the signature's digest, the longest salt when signing, any when verifying. */
    public static final Pss DEFAULT = new Pss(null, SALT_AUTO);

    public Pss {
        if (saltLength < SALT_AUTO) {
            throw new IllegalArgumentException("salt length must be at least 0, or SALT_DIGEST, SALT_MAX or "
                    + "SALT_AUTO: " + saltLength);
        }
    }
}
