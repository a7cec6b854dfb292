package dev.whale.cli;

import dev.whale.cli.pki.PkiCommand;
import dev.whale.cli.ring.RingCommand;
import dev.whale.cli.service.ComposeCommand;
import dev.whale.cli.service.ConfigCommand;
import dev.whale.cli.service.DbCommand;
import dev.whale.cli.service.HealthCommand;
import dev.whale.cli.service.RecipesCommand;
import dev.whale.cli.service.ScenarioCommand;
import dev.whale.cli.service.ServeCommand;
import dev.whale.cli.service.StackCommand;
import dev.whale.cli.ssh.SshKeygenCommand;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;

/** The command tree: each command's subcommands by name, added lazily along the path that the arguments name. */
final class Commands {
    private Commands() {}

    /** Subcommands of each command, in the order help lists them. */
    private static Map<String, Supplier<Object>> children(Object command) {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        if (command instanceof WhaleCommand) {
            m.put("serve", ServeCommand::new);
            m.put("config", ConfigCommand::new);
            m.put("db", DbCommand::new);
            m.put("scenario", ScenarioCommand::new);
            m.put("compose", ComposeCommand::new);
            m.put("recipes", RecipesCommand::new);
            m.put("health", HealthCommand::new);
            m.put("stack", StackCommand::new);
            m.put("ring", RingCommand::new);
            m.put("pki", PkiCommand::new);
            m.put("ssh-keygen", SshKeygenCommand::new);
            m.put("test", TestCommand::new);
        } else if (command instanceof RingCommand) {
            RingCommand.subcommands().forEach(m::put);
        } else if (command instanceof PkiCommand) {
            PkiCommand.subcommands().forEach(m::put);
        }
        return m;
    }

    /**
     * Builds {@code root} with, at each level, only the subcommand named by the next argument; with every
     * subcommand where the arguments name none or an unknown one, so that help and error messages see them all.
     */
    static CommandLine tree(Object root, String[] args) {
        CommandLine top = new CommandLine(root);
        CommandLine cl = top;
        int i = 0;
        while (true) {
            Map<String, Supplier<Object>> kids = children(cl.getCommand());
            if (kids.isEmpty()) {
                return top;
            }
            while (i < args.length && args[i].startsWith("-")) {
                i++;
            }
            String next = i < args.length ? args[i] : null;
            if (next == null || !kids.containsKey(next)) {
                addAll(cl, kids);
                return top;
            }
            CommandLine sub = new CommandLine(kids.get(next).get());
            cl.addSubcommand(next, sub);
            cl = sub;
            i++;
        }
    }

    private static void addAll(CommandLine cl, Map<String, Supplier<Object>> kids) {
        kids.forEach((name, make) -> {
            CommandLine sub = new CommandLine(make.get());
            cl.addSubcommand(name, sub);
            addAll(sub, children(sub.getCommand()));
        });
    }
}
