package dev.whale.pki.verify;

/**
 * The reasons a chain fails, with OpenSSL 3.0's numbers and texts (include/openssl/x509_vfy.h,
 * crypto/x509/x509_txt.c), as {@code openssl verify} prints them: {@code error 20 at 0 depth lookup: unable to get
 * local issuer certificate}.
 */
public enum VerifyError {
    UNABLE_TO_GET_ISSUER_CERT(2, "unable to get issuer certificate"),
    UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY(6, "unable to decode issuer public key"),
    CERT_SIGNATURE_FAILURE(7, "certificate signature failure"),
    CERT_NOT_YET_VALID(9, "certificate is not yet valid"),
    CERT_HAS_EXPIRED(10, "certificate has expired"),
    DEPTH_ZERO_SELF_SIGNED_CERT(18, "self-signed certificate"),
    SELF_SIGNED_CERT_IN_CHAIN(19, "self-signed certificate in certificate chain"),
    UNABLE_TO_GET_ISSUER_CERT_LOCALLY(20, "unable to get local issuer certificate"),
    UNABLE_TO_VERIFY_LEAF_SIGNATURE(21, "unable to verify the first certificate"),
    CERT_CHAIN_TOO_LONG(22, "certificate chain too long"),
    PATH_LENGTH_EXCEEDED(25, "path length constraint exceeded"),
    KEYUSAGE_NO_CERTSIGN(32, "key usage does not include certificate signing"),
    UNHANDLED_CRITICAL_EXTENSION(34, "unhandled critical extension"),
    INVALID_CA(79, "invalid CA certificate");

    private final int code;
    private final String text;

    VerifyError(int code, String text) {
        this.code = code;
        this.text = text;
    }

    /** OpenSSL's number, such as 20. */
    public int code() {
        return code;
    }

    /** OpenSSL's text, such as {@code unable to get local issuer certificate}. */
    public String text() {
        return text;
    }

    /**
     * True when {@code openssl verify} reports the error and goes on checking (its callback in apps/verify.c
     * accepts it), so that later errors are reported too; the others end the verification.
     */
    public boolean continues() {
        return switch (this) {
            case CERT_HAS_EXPIRED, DEPTH_ZERO_SELF_SIGNED_CERT, INVALID_CA, PATH_LENGTH_EXCEEDED,
                 UNHANDLED_CRITICAL_EXTENSION -> true;
            default -> false;
        };
    }
}
