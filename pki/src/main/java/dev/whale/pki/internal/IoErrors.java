package dev.whale.pki.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** Why reading a file failed, in the C library's words, as OpenSSL and OpenSSH print them after the file's name. */
public final class IoErrors {
    private IoErrors() {}

    /** {@code No such file or directory}, {@code Permission denied}, else the system's own reason. */
    public static String strerror(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
