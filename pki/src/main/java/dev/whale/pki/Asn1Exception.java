package dev.whale.pki;

/** Bytes that are not valid DER: a length past the end, an indefinite length, nesting too deep, bad tags. */
public final class Asn1Exception extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    public Asn1Exception(String message) {
        super(message);
    }
}
