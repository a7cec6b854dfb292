package dev.whale.cli.service;

import dev.whale.service.Config;
import picocli.CommandLine.Option;

/** {@code --config NAME}: which {@code config/NAME.json} a service command reads. */
final class ConfigOption {
    @Option(names = "--config", paramLabel = "NAME",
            description = "config/NAME.json (default: $APPLICATION_CONFIG, else development).")
    String name;

    /** The configuration named by {@code --config}, or by APPLICATION_CONFIG, or development. */
    Config load() {
        return Project.config(name);
    }
}
