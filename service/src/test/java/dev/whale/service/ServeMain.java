package dev.whale.service;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code whale serve --config NAME} as {@link Stack} starts its instances, for this module's own tests: the real
 * command lives in the cli module, which is not on this module's class path. It serves the project in the working
 * directory, reports progress on stderr and writes the access log to stdout, and stops on SIGTERM.
 */
final class ServeMain {
    private ServeMain() {}

    public static void main(String[] args) throws InterruptedException {
        List<String> a = List.of(args);
        int at = a.indexOf("--config");
        if (!a.contains("serve") || at < 0 || at + 1 >= a.size()) {
            throw new IllegalArgumentException("usage: serve --config NAME, not " + a);
        }
        Path project = Path.of("").toAbsolutePath();
        Settings settings = Settings.from(Config.load(project.resolve("config"), a.get(at + 1), System.getenv()),
                project);
        Service service = Service.start(settings, m -> System.err.println("serve: " + m), System.out::println);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }));
        stopped.await();
    }
}
