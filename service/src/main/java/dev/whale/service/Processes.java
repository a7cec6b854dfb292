package dev.whale.service;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The processes that scenarios and the stack leave running: start detached, wait for health, stop, clean up. */
public final class Processes {
    private Processes() {}

    /**
     * Starts {@code command} in its own session (setsid), so that it outlives this JVM and the terminal; its output
     * goes to {@code log}; returns its pid.
     */
    public static long detached(List<String> command, Path workDir, Path log, Map<String, String> env)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            cmd.add("/usr/bin/setsid");
        }
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().putAll(env);
        return pb.start().pid();
    }

    /**
     * Runs {@code command} with exactly {@code env} in {@code workDir}; returns its stdout, or throws with its error.
     */
    public static String output(List<String> command, Map<String, String> env, Path workDir) {
        try {
            Path err = Files.createTempFile("whale-cmd", ".err");
            try {
                ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                        .redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                pb.environment().clear();
                pb.environment().putAll(env);
                Process p = pb.start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (p.waitFor() != 0) {
                    String last = Files.readAllLines(err).stream().filter(l -> !l.isBlank()).reduce((a, b) -> b)
                            .orElse("exit " + p.exitValue());
                    throw new ServiceException(String.join(" ", command.subList(0, Math.min(command.size(), 6)))
                            + "…: " + last.strip());
                }
                return out;
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new ServiceException(command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException(command.get(0) + " was interrupted");
        }
    }

    /** Whether {@code command} runs and exits 0 within 10 seconds, its output discarded. */
    public static boolean succeeds(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits until {@code url} answers 200; throws, naming {@code log}, when it does not within {@code limit}. */
    public static void awaitHealthy(String name, String url, Duration limit, long pid, Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline && alive(pid)) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sleep(200);
        }
        throw new ServiceException(name + (alive(pid) ? " did not become healthy within " + limit.toSeconds() + " s"
                : " exited") + "; see " + log);
    }

    /** Stops {@code pid} with SIGTERM, then SIGKILL after 30 seconds; nothing when it does not run. */
    public static void stop(long pid) {
        Optional<ProcessHandle> h = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (h.isEmpty()) {
            return;
        }
        h.get().destroy();
        try {
            h.get().onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            h.get().destroyForcibly();
        }
    }

    public static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** A loopback port that is free now. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * Deletes {@code dir} and everything in it; returns whether it existed. Links are removed, never followed, except
     * a link that {@link EmbeddedPostgres} made to its placement under {@value EmbeddedPostgres#PLACED_ROOT}, whose
     * folder goes too. When this process is root, a folder that another user owns (PostgreSQL's data) is emptied
     * by that user, so that a link it swaps in meanwhile can never make root delete something else.
     */
    public static boolean deleteTree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        boolean root = OsUser.isRoot();
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                    int owner = (Integer) Files.getAttribute(d, "unix:uid", LinkOption.NOFOLLOW_LINKS);
                    if (root && owner != 0) {
                        int group = (Integer) Files.getAttribute(d, "unix:gid", LinkOption.NOFOLLOW_LINKS);
                        OsUser user = new OsUser("uid " + owner, owner, group, true);
                        List<String> empty = List.of("/usr/bin/find", d.toString(), "-mindepth", "1", "-delete");
                        if (!succeeds(user.command(empty, false))) {
                            throw new IOException("its owner (uid " + owner + ") could not empty " + d);
                        }
                        Files.delete(d);
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isSymbolicLink()) {
                        Path target = f.resolveSibling(Files.readSymbolicLink(f)).normalize();
                        if (target.equals(EmbeddedPostgres.placement(f))) {
                            deleteTree(target.getParent());
                        }
                    }
                    Files.delete(f);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
            return true;
        } catch (IOException e) {
            throw new ServiceException("cannot remove " + dir + ": " + e.getMessage());
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
