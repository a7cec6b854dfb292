package dev.whale.cli.ssh;

/** ssh-keygen's way out: fatal() with 255, or exit(1), with a message or none. */
final class KeygenExit extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int code;

    KeygenExit(int code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** fatal(): exit 255 with {@code message}. */
    static KeygenExit fatal(String message) {
        return new KeygenExit(SshKeygen.FATAL, message);
    }
}
