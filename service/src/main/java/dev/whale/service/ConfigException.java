package dev.whale.service;

/** A configuration that cannot be used as given: an unknown name, a malformed file, a bad value. */
public final class ConfigException extends ServiceException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
