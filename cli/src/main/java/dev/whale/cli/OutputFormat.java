package dev.whale.cli;

/** What {@code --format} takes where a command prints either text for people or JSON for programs. */
public enum OutputFormat {
    text,
    json
}
