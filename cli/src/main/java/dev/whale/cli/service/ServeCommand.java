package dev.whale.cli.service;

import dev.whale.service.Config;
import dev.whale.service.Service;
import dev.whale.service.ServiceException;
import dev.whale.service.Settings;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the web app, as the posts' 'flask run' does.",
                "With the development config (the default) it starts an embedded PostgreSQL whose data stays in"
                        + " .whale/, creates APPLICATION_DB, applies the migrations and serves on"
                        + " http://127.0.0.1:5000. A configured POSTGRES_HOSTNAME uses that server instead.",
                "SIGTERM or Ctrl-C lets the requests in flight finish before it stops."},
        footerHeading = "%nExamples:%n",
        footer = {"  ./whale serve",
                "  ./whale serve --port 8080",
                "  APPLICATION_CONFIG=production POSTGRES_HOSTNAME=db.internal ./whale serve",
                "  ./whale serve --config scenario_users"})
public final class ServeCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--port", paramLabel = "N",
            description = "Listen on N instead of the config's port; 0 picks a free one.")
    Integer port;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Config c = config.load();
        Settings s = Project.settings(c);
        if (port != null) {
            s = s.withPort(port);
        }
        if (s.profile().debug) {
            System.setProperty("org.slf4j.simpleLogger.log.dev.whale", "debug");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // The access log: buffered, flushed four times a second, so that a request costs no write system call.
        PrintStream accessLog = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out),
                1 << 16), false, StandardCharsets.UTF_8);
        Thread flusher = Thread.ofPlatform().daemon().name("whale-access-log").start(() -> {
            while (true) {
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
                accessLog.flush();
            }
        });
        Service service = Service.start(s, m -> {
            err.println("whale serve: " + m);
            err.flush();
        }, accessLog::println);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                service.close();
            } catch (ServiceException e) {
                err.println("whale serve: " + e.getMessage());
                err.flush();
            }
            flusher.interrupt();
            accessLog.flush();
            stopped.countDown();
        }, "whale-serve-stop"));
        out.println("whale serve: config " + c.name() + " (" + s.profile() + ") on " + service.url()
                + ", database " + s.database());
        out.flush();
        stopped.await();
        return 0;
    }
}
