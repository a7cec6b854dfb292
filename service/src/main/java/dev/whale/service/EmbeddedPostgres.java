package dev.whale.service;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.postgresql.util.PasswordUtil;

/**
 * A real PostgreSQL that whale runs itself, from zonky's binaries, on a data directory of ours. What it promises:
 * <ul>
 *   <li>durable: {@code fsync}, {@code synchronous_commit} and {@code full_page_writes} on, so that a commit that
 *       was acknowledged survives a crash of PostgreSQL, of whale or of the machine;</li>
 *   <li>locked: every connection, TCP or the local socket, authenticates with {@code scram-sha-256} as the
 *       configured user ({@code POSTGRES_USER}, {@code POSTGRES_PASSWORD}), a role that may create databases and
 *       owns the application's, and is not a superuser. The superuser that initdb makes has no password, so no one
 *       logs in as it; whale changes roles in single-user mode, before the server listens;</li>
 *   <li>unprivileged: the server never runs as root (see {@link OsUser}); its data directory is 0700;</li>
 *   <li>owned: one whale at a time owns a data directory (a lock file beside it). {@link #supervised} restarts the
 *       server when it dies and stops it when the JVM ends, even by {@code kill -9}; {@link #detached} leaves it
 *       running for {@link #stop}.</li>
 * </ul>
 * The test suite's throwaway databases are not made here and trade durability for speed; see TestDb.
 */
public final class EmbeddedPostgres implements AutoCloseable {
    /**
     * Where whale keeps a cluster whose project folder PostgreSQL's unprivileged user may not enter; the data
     * directory in the project is then a link here. {@code scenario down} and {@code stack down} remove both.
     */
    public static final String PLACED_ROOT = "/var/lib/whale/postgres";
    /**
     * Where whale keeps the cluster of {@code dir} when PostgreSQL's user may not enter the folders above it:
     * {@value #PLACED_ROOT}/ID/NAME, ID from a hash of {@code dir}'s absolute path.
     */
    static Path placement(Path dir) {
        try {
            String id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(dir.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8)), 0, 8);
            return Path.of(PLACED_ROOT, id, dir.getFileName().toString());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The superuser that initdb makes. It has no password, and so cannot log in. */
    static final String BOOTSTRAP_USER = "whale_admin";
    private static final String HBA_HEADER = "# whale: every connection authenticates with scram-sha-256;"
            + " rewritten at each start";
    private static final String HBA = HBA_HEADER + "\n"
            + "local all all scram-sha-256\n"
            + "host all all 127.0.0.1/32 scram-sha-256\n"
            + "host all all ::1/128 scram-sha-256\n";
    /** Settings on the command line, which beat postgresql.conf and ALTER SYSTEM. */
    private static final List<String> SETTINGS = List.of("fsync=on", "synchronous_commit=on", "full_page_writes=on",
            "password_encryption=scram-sha-256", "listen_addresses=localhost", "unix_socket_permissions=0700");
    private static final Duration START_LIMIT = Duration.ofSeconds(60);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(8);
    /** A socket path longer than this does not fit in sockaddr_un; then there is no socket, only TCP. */
    private static final int MAX_SOCKET_PATH = 107;

    private final Path dataDir;
    private final int port;
    private final Consumer<String> progress;
    private FileLock lock;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private Thread supervisor;
    private Process process;
    private boolean closing;

    private EmbeddedPostgres(Path dataDir, int port, FileLock lock, Consumer<String> progress) {
        this.dataDir = dataDir;
        this.port = port;
        this.lock = lock;
        this.progress = progress;
    }

    /**
     * Starts PostgreSQL on {@code dataDir} for as long as this JVM runs, made by initdb the first time: a server
     * this whale owns, restarted (with backoff, and a line on {@code progress} each time) whenever it dies, and
     * stopped by {@link #close} or, should the JVM die, by the kernel's parent-death signal. A server that an
     * earlier, killed whale left on {@code dataDir} is stopped first. Returns once the port is known; the server
     * starts in the background, and {@link #awaitStarted} waits for it.
     *
     * @param db the port (0 for a free one), and the role and password the app connects with
     * @throws ServiceException when another live whale owns {@code dataDir}, naming its pid and port
     */
    public static EmbeddedPostgres supervised(Path dataDir, DatabaseSettings db, Consumer<String> progress) {
        Claim c = Claim.take(dataDir, db, progress);
        try {
            writeLock(c.lock(), c.port());
            EmbeddedPostgres pg = new EmbeddedPostgres(c.dir(), c.port(), c.lock(), progress);
            pg.supervisor = Thread.ofPlatform().daemon().name("whale-postgres").start(() -> pg.supervise(c.role()));
            return pg;
        } catch (RuntimeException e) {
            release(c.lock());
            throw e;
        }
    }

    /**
     * Starts PostgreSQL on {@code dataDir} in a session of its own, so that it outlives this JVM, as scenarios and
     * the stack need; returns when it accepts connections. {@link #stop} ends it.
     */
    public static EmbeddedPostgres detached(Path dataDir, DatabaseSettings db, Consumer<String> progress) {
        Claim c = Claim.take(dataDir, db, progress);
        try {
            EmbeddedPostgres pg = new EmbeddedPostgres(c.dir(), c.port(), null, progress);
            Cluster cluster = Cluster.prepare(c.dir(), c.role(), progress);
            cluster.awaitReady(cluster.startDetached(c.port()), START_LIMIT, null);
            pg.started.complete(null);
            return pg;
        } finally {
            release(c.lock());
        }
    }

    /**
     * A data directory taken for a start: the settings checked, its lock held, a server left by a killed whale
     * stopped, and the port chosen.
     */
    private record Claim(Path dir, Role role, FileLock lock, int port) {
        static Claim take(Path dataDir, DatabaseSettings db, Consumer<String> progress) {
            Path dir = dataDir.toAbsolutePath();
            Role role = Role.of(db);
            FileLock lock = EmbeddedPostgres.lock(dir, db.port());
            try {
                stopOrphan(dir, progress);
                return new Claim(dir, role, lock, choosePort(db.port()));
            } catch (RuntimeException e) {
                release(lock);
                throw e;
            }
        }
    }

    /**
     * Waits until the server accepts connections for the first time; throws what stopped it from starting, having
     * given up the ownership.
     */
    public EmbeddedPostgres awaitStarted() {
        try {
            started.join();
            return this;
        } catch (CompletionException e) {
            close();
            throw e.getCause() instanceof ServiceException se ? se
                    : new ServiceException("the embedded PostgreSQL did not start: " + e.getCause());
        }
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The supervisor's loop: prepare the cluster, then start the server again whenever it dies, until closed. */
    private void supervise(Role role) {
        Cluster cluster;
        try {
            cluster = Cluster.prepare(dataDir, role, progress);
        } catch (RuntimeException e) {
            started.completeExceptionally(e);
            return;
        }
        Duration backoff = Duration.ofMillis(250);
        while (true) {
            long since = System.nanoTime();
            String problem;
            try {
                Process p = spawn(cluster);
                if (p == null) {
                    return;
                }
                problem = "";
                try {
                    cluster.awaitReady(p.pid(), START_LIMIT, progress);
                    if (started.complete(null)) {
                        since = System.nanoTime();
                    } else {
                        progress.accept("the embedded PostgreSQL is back (pid " + p.pid() + ", port " + port + ")");
                    }
                    p.waitFor();
                    problem = "(pid " + p.pid() + ") stopped (" + exit(p.exitValue()) + ")";
                } catch (ServiceException e) {
                    problem = "did not start again: " + e.getMessage();
                    if (started.completeExceptionally(e)) {
                        return;
                    }
                }
            } catch (IOException e) {
                problem = "could not be started: " + e.getMessage();
                if (started.completeExceptionally(new ServiceException("the embedded PostgreSQL in " + dataDir
                        + " could not be started: " + e.getMessage(), e))) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
            synchronized (this) {
                if (closing) {
                    return;
                }
            }
            if (System.nanoTime() - since > Duration.ofSeconds(30).toNanos()) {
                backoff = Duration.ofMillis(250);
            }
            progress.accept("the embedded PostgreSQL " + problem + "; starting it again in " + backoff.toMillis()
                    + " ms");
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    /** Starts the server as a child of the supervisor's thread, unless closing; then returns null. */
    private synchronized Process spawn(Cluster cluster) throws IOException {
        if (closing) {
            return null;
        }
        process = cluster.start(port);
        return process;
    }

    private static String exit(int code) {
        return code > 128 ? "killed by signal " + (code - 128) : "exit status " + code;
    }

    /**
     * Stops the server (a fast shutdown: clients are disconnected, the data is checkpointed) when this whale owns
     * it, and gives up the ownership.
     */
    @Override
    public void close() {
        Process p;
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
            p = process;
        }
        if (supervisor == null) {
            stop(dataDir);
        } else {
            if (p != null && p.isAlive()) {
                shutDown(p.toHandle());
            }
            supervisor.interrupt();
            try {
                supervisor.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        release(lock);
        lock = null;
    }

    /** The process id of the postmaster, from its pid file. */
    public static Optional<Long> pid(Path dataDir) {
        List<String> lines = pidFile(dataDir);
        try {
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The port of the postmaster that runs on {@code dataDir} and accepts connections, if one does. */
    public static Optional<Integer> runningPort(Path dataDir) {
        List<String> lines = pidFile(dataDir);
        if (!running(dataDir) || lines.size() < 8 || !lines.get(7).strip().equals("ready")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(lines.get(3).trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether a postmaster runs on {@code dataDir}. */
    public static boolean running(Path dataDir) {
        return postmaster(dataDir).isPresent();
    }

    /**
     * Whether a live whale owns {@code dataDir} (a {@code whale serve}, or a command that started its server). A
     * server that runs on a directory no one owns was left by a whale that was killed, or started detached.
     */
    public static boolean owned(Path dataDir) {
        Path file = lockFile(dataDir.toAbsolutePath());
        if (!Files.exists(file)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock l = ch.tryLock();
            if (l == null) {
                return true;
            }
            l.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Stops the postmaster that runs on {@code dataDir}, if any, with a fast shutdown (SIGINT): clients are
     * disconnected and the data is checkpointed. After 30 seconds an immediate shutdown, then SIGKILL.
     */
    public static void stop(Path dataDir) {
        postmaster(dataDir).ifPresent(EmbeddedPostgres::shutDown);
    }

    private static void shutDown(ProcessHandle p) {
        for (String signal : List.of("INT", "QUIT")) {
            Processes.succeeds(List.of("kill", "-" + signal, Long.toString(p.pid())));
            try {
                p.onExit().get(signal.equals("INT") ? 30 : 5, TimeUnit.SECONDS);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                // still running: the next signal
            }
        }
        p.destroyForcibly();
    }

    /**
     * The live postmaster of {@code dataDir}: the pid in its pid file, if that process is a postgres whose working
     * directory is this very directory (a postmaster works in its data directory). A pid file that a crash or a
     * power cut left behind may name a pid that now belongs to another process, another PostgreSQL among them; that
     * one is never touched.
     */
    private static Optional<ProcessHandle> postmaster(Path dataDir) {
        Path dir;
        try {
            dir = dataDir.toRealPath();
        } catch (IOException e) {
            return Optional.empty();
        }
        return pid(dataDir).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .filter(h -> servesDirectory(h.pid(), dir));
    }

    private static boolean servesDirectory(long pid, Path dir) {
        try {
            String cmd = new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8);
            int end = cmd.indexOf('\0');
            return (end < 0 ? cmd : cmd.substring(0, end)).endsWith("postgres")
                    && Path.of("/proc/" + pid + "/cwd").toRealPath().equals(dir);
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> pidFile(Path dataDir) {
        try {
            return Files.readAllLines(dataDir.resolve("postmaster.pid"));
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * Stops a postmaster that a killed whale left on {@code dir}; removes a pid file that names no postmaster of
     * {@code dir} (left by a crash, its pid maybe reused since), which PostgreSQL would otherwise take for a server
     * that still runs. The caller holds the lock, so no whale is starting one meanwhile.
     */
    private static void stopOrphan(Path dir, Consumer<String> progress) {
        Optional<ProcessHandle> orphan = postmaster(dir);
        if (orphan.isPresent()) {
            progress.accept("stopping the embedded PostgreSQL (pid " + orphan.get().pid() + ") that a whale which"
                    + " no longer runs left on " + dir);
            shutDown(orphan.get());
        } else if (pid(dir).isPresent()) {
            try {
                Files.deleteIfExists(dir.resolve("postmaster.pid"));
            } catch (IOException e) {
                throw new ServiceException("cannot remove the stale " + dir.resolve("postmaster.pid") + ": "
                        + e.getMessage());
            }
        }
    }

    private static int choosePort(int port) {
        try {
            if (port == 0) {
                return Processes.freePort();
            }
            try (var s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                s.setReuseAddress(true);
            }
            return port;
        } catch (IOException e) {
            throw new ServiceException("port " + port + " is taken, so the embedded PostgreSQL cannot use it; set"
                    + " POSTGRES_PORT to a free port, or POSTGRES_HOSTNAME to use the server that listens there");
        }
    }

    // ---- ownership: a lock file beside the data directory, held while a whale owns it ----

    private static Path lockFile(Path dir) {
        return dir.resolveSibling(dir.getFileName() + ".lock");
    }

    /** Takes the lock of {@code dir}, or throws naming the whale that holds it. */
    private static FileLock lock(Path dir, int port) {
        Path file = lockFile(dir);
        FileChannel ch = null;
        try {
            Files.createDirectories(dir.getParent());
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                ch.close();
                throw new ServiceException("the embedded PostgreSQL in " + dir + " belongs to another whale ("
                        + holder(file) + "); stop that one first, or point this one at its server with"
                        + " POSTGRES_HOSTNAME=localhost and POSTGRES_PORT");
            }
            writeLock(l, port);
            return l;
        } catch (IOException e) {
            closeQuietly(ch);
            throw new ServiceException("cannot lock " + file + ": " + e.getMessage());
        }
    }

    private static void writeLock(FileLock l, int port) {
        try {
            FileChannel ch = l.channel();
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + " port " + port + "\n")
                    .getBytes(StandardCharsets.US_ASCII)), 0);
        } catch (IOException e) {
            throw new ServiceException("cannot write the lock of the embedded PostgreSQL: " + e.getMessage());
        }
    }

    /**
     * "pid N, port P", from what the holder wrote; it writes at once, so wait a little for a holder that has just
     * begun.
     */
    private static String holder(Path file) {
        for (int i = 0; i < 20; i++) {
            try {
                String[] f = Files.readString(file).strip().split(" ");
                if (f.length == 4) {
                    return "pid " + f[1] + (f[3].equals("0") ? "" : ", port " + f[3]);
                }
            } catch (IOException e) {
                break;
            }
            Processes.sleep(50);
        }
        return "pid unknown";
    }

    private static void release(FileLock l) {
        if (l != null) {
            try {
                l.release();
            } catch (IOException e) {
                // closing the channel releases it too
            }
            closeQuietly(l.channel());
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                // nothing to keep
            }
        }
    }

    /**
     * The role the app connects as, and its password, which reaches PostgreSQL only as a SCRAM verifier and is never
     * printed ({@link #toString} is the name).
     */
    private record Role(String name, String password) {
        static Role of(DatabaseSettings db) {
            if (!db.user().matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
                throw new ConfigException("POSTGRES_USER: '" + db.user() + "' is not a plain role name (letters,"
                        + " digits, _)");
            }
            if (db.user().equals(BOOTSTRAP_USER)) {
                throw new ConfigException("POSTGRES_USER: " + BOOTSTRAP_USER + " is the embedded PostgreSQL's own"
                        + " superuser; choose another name");
            }
            if (db.password().isEmpty()) {
                throw new ConfigException("POSTGRES_PASSWORD is empty; the embedded PostgreSQL lets no one in"
                        + " without a password: set it in the config or the environment");
            }
            return new Role(db.user(), db.password());
        }

        /**
         * The password as PostgreSQL stores it: a salted SCRAM-SHA-256 verifier. Its 4,096 rounds of PBKDF2 are
         * computed by the thread that prepares the cluster, while the app starts.
         */
        String verifier() {
            return PasswordUtil.encodeScramSha256(password.toCharArray());
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A data directory, the binaries that run it, the user they run as, and its log. */
    private record Cluster(Path dir, Path bin, OsUser user, Path log) {

        /** Makes the cluster ready to start: binaries, user, initdb the first time, pg_hba.conf, the app's role. */
        static Cluster prepare(Path link, Role role, Consumer<String> progress) {
            Path bin = PostgresBinaries.installed(progress);
            OsUser user = OsUser.forPostgres(progress);
            user.checkReachable(bin.resolve("bin/postgres"), "PostgreSQL's binaries");
            Path dir = placed(link, user, progress);
            user.checkReachable(dir, "its data directory");
            Cluster c = new Cluster(dir, bin, user, link.resolveSibling("postgres.log"));
            try {
                if (!Files.exists(c.log())) {
                    Files.createFile(c.log(), PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
                }
                boolean fresh = !Files.exists(dir.resolve("PG_VERSION"));
                if (fresh) {
                    progress.accept("initialising the embedded PostgreSQL in " + dir);
                    c.initdb();
                } else {
                    c.checkMadeByThisWhale();
                }
                c.writeHba();
                c.setRole(role);
                progress.accept("starting the embedded PostgreSQL in " + dir + " as " + user.name()
                        + " (durable; scram-sha-256 for " + role + ")");
                return c;
            } catch (IOException e) {
                throw new ServiceException("cannot prepare the embedded PostgreSQL in " + dir + ": " + e.getMessage(),
                        e);
            }
        }

        /**
         * Where the cluster of {@code dir} lives: {@code dir} itself, or, when PostgreSQL's user may not enter a
         * folder above it (a project under /root, with whale run as root), a folder of whale's under
         * {@value #PLACED_ROOT} named after {@code dir}'s path, which {@code dir} becomes a link to. Nothing above
         * the project is opened up for it.
         */
        private static Path placed(Path dir, OsUser user, Consumer<String> progress) {
            try {
                if (Files.isSymbolicLink(dir)) {
                    Path target = dir.resolveSibling(Files.readSymbolicLink(dir)).normalize();
                    if (!target.equals(placement(dir))) {
                        throw new ServiceException(dir + " is a link to " + target + ", not to where whale keeps its"
                                + " data (" + placement(dir) + "); remove the link");
                    }
                    return target;
                }
                Optional<Path> blocker = user.blocker(dir);
                if (blocker.isEmpty()) {
                    return dir;
                }
                if (Files.exists(dir)) {
                    user.checkReachable(dir, "its data directory"); // throws: data already there stays where it is
                }
                Path real = placement(dir);
                for (Path d = real.getParent(); d.getNameCount() > 2; d = d.getParent()) {
                    Files.createDirectories(d);
                    Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
                Files.createDirectories(dir.getParent());
                Files.createSymbolicLink(dir, real);
                progress.accept(user.name() + " may not enter " + blocker.get() + ", so the data of " + dir
                        + " is kept in " + real + " (" + dir + " links to it)");
                return real;
            } catch (IOException e) {
                throw new ServiceException("cannot place the embedded PostgreSQL's data for " + dir + ": "
                        + e.getMessage(), e);
            }
        }

        /**
         * Starts the server as a child of the calling thread, which it does not outlive: when the thread ends (the
         * JVM exits, even by {@code kill -9}), the kernel sends it SIGINT, PostgreSQL's fast shutdown.
         */
        Process start(int port) throws IOException {
            return new ProcessBuilder(user.command(server(port), true)).directory(dir.getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        }

        /** Starts the server in a session of its own, so that it outlives this JVM; returns its pid. */
        long startDetached(int port) {
            try {
                return Processes.detached(user.command(server(port), false), dir.getParent(), log, Map.of());
            } catch (IOException e) {
                throw new ServiceException("the embedded PostgreSQL in " + dir + " could not be started: "
                        + e.getMessage(), e);
            }
        }

        private List<String> server(int port) {
            List<String> cmd = new ArrayList<>(List.of(bin.resolve("bin/postgres").toString(), "-D", dir.toString(),
                    "-c", "port=" + port, "-c", "unix_socket_directories=" + socketDir(port)));
            for (String s : SETTINGS) {
                cmd.addAll(List.of("-c", s));
            }
            return cmd;
        }

        private String socketDir(int port) {
            return (dir + "/.s.PGSQL." + port).length() <= MAX_SOCKET_PATH ? dir.toString() : "";
        }

        /** initdb into a folder beside {@code dir}, renamed to it when complete: never a half-made cluster. */
        private void initdb() throws IOException {
            Path tmp = dir.resolveSibling(dir.getFileName() + ".initdb");
            Processes.deleteTree(tmp);
            Files.createDirectories(tmp, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            user.own(tmp);
            // Trust only until pg_hba.conf is replaced below, before any server starts; the superuser gets no
            // password, so it can never log in once scram is required.
            run(List.of(bin.resolve("bin/initdb").toString(), "-D", tmp.toString(), "-U", BOOTSTRAP_USER,
                    "-A", "trust", "-E", "UTF8", "--locale=C"), null, "initdb");
            writeOwned(tmp.resolve("pg_hba.conf"), HBA);
            if (Files.exists(dir)) {
                try (var entries = Files.list(dir)) {
                    if (entries.findAny().isPresent()) {
                        throw new ServiceException(dir + " is not empty and has no PG_VERSION, so it is not a"
                                + " PostgreSQL data directory; move it away");
                    }
                }
                Files.delete(dir);
            }
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel parent = FileChannel.open(dir.getParent(), StandardOpenOption.READ)) {
                parent.force(true);
            }
        }

        /** Earlier versions of whale made clusters with trust authentication and a superuser for the app. */
        private void checkMadeByThisWhale() throws IOException {
            Path hba = dir.resolve("pg_hba.conf");
            if (!Files.exists(hba) || !Files.readString(hba).startsWith(HBA_HEADER)) {
                throw new ServiceException(dir + " was made by an earlier whale, which let anyone in as superuser"
                        + " and did not sync to disk; whale no longer runs it: move it away (mv " + dir + " " + dir
                        + ".old) to get a fresh one, after a pg_dump if its data matters");
            }
        }

        private void writeHba() throws IOException {
            writeOwned(dir.resolve("pg_hba.conf"), HBA);
        }

        /**
         * Writes {@code text} to {@code target} for PostgreSQL's user, in a folder that user owns and so may change
         * at any moment: the file is made new (O_EXCL, which never follows a link), 0600, given to the user without
         * following links, and renamed into place. A link planted under either name is replaced, never written
         * through.
         */
        private void writeOwned(Path target, String text) throws IOException {
            Path tmp = target.resolveSibling(target.getFileName() + ".whale");
            Files.deleteIfExists(tmp);
            try (var ch = Files.newByteChannel(tmp, EnumSet.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")))) {
                ch.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            }
            user.own(tmp);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }

        /**
         * Creates the app's role, or brings it in line with the config: may log in and create databases, is no
         * superuser, has the configured password. Runs in single-user mode, so that no one needs the superuser's
         * password, and with failed statements kept out of the log.
         */
        private void setRole(Role role) {
            String sql = "DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role.name() + "')"
                    + " THEN CREATE ROLE \"" + role.name() + "\"; END IF; END$$;\n"
                    + "ALTER ROLE \"" + role.name() + "\" LOGIN CREATEDB NOSUPERUSER NOCREATEROLE NOREPLICATION"
                    + " NOBYPASSRLS PASSWORD '" + role.verifier() + "';\n"
                    // A role the config named before keeps no way in: changing POSTGRES_USER revokes the old one.
                    + "DO $$DECLARE r record; BEGIN FOR r IN SELECT rolname FROM pg_roles WHERE rolcanlogin AND"
                    + " rolname NOT IN ('" + role.name() + "', '" + BOOTSTRAP_USER + "') LOOP"
                    + " EXECUTE format('ALTER ROLE %I NOLOGIN', r.rolname); END LOOP; END$$;\n";
            List<String> cmd = new ArrayList<>(List.of(bin.resolve("bin/postgres").toString(), "--single", "-D",
                    dir.toString(), "-c", "log_min_error_statement=panic"));
            for (String s : SETTINGS) {
                cmd.addAll(List.of("-c", s));
            }
            cmd.add("postgres");
            String out = run(cmd, sql, "setting up the role " + role);
            out.lines().filter(l -> l.contains("ERROR:") || l.contains("FATAL:")).findFirst().ifPresent(l -> {
                throw new ServiceException("setting up the role " + role + " in " + dir + ": " + l.strip());
            });
        }

        /** Runs {@code cmd} as the cluster's user, {@code stdin} on its input; returns its output. */
        private String run(List<String> cmd, String stdin, String what) {
            try {
                Process p = new ProcessBuilder(user.command(cmd, true)).directory(dir.getParent().toFile())
                        .redirectErrorStream(true).start();
                try (OutputStream in = p.getOutputStream()) {
                    if (stdin != null) {
                        in.write(stdin.getBytes(StandardCharsets.UTF_8));
                    }
                }
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (p.waitFor() != 0) {
                    String last = out.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("");
                    throw new ServiceException(what + " in " + dir + " failed (" + exit(p.exitValue()) + "): "
                            + last.strip());
                }
                return out;
            } catch (IOException e) {
                throw new ServiceException(what + " in " + dir + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServiceException(what + " in " + dir + " was interrupted");
            }
        }

        /**
         * Waits until the postmaster {@code pid} says in its pid file that it accepts connections; throws with its
         * last complaint in the log when it exits first. After {@code limit}, with a {@code patient} listener, it
         * says once that the server is still starting (a long crash recovery) and goes on waiting for as long as the
         * server lives: stopping it would only start the recovery over. Without one, it throws then.
         */
        void awaitReady(long pid, Duration limit, Consumer<String> patient) {
            long deadline = System.nanoTime() + limit.toNanos();
            boolean said = false;
            while (true) {
                List<String> lines = pidFile(dir);
                if (lines.size() >= 8 && lines.get(0).strip().equals(Long.toString(pid))
                        && lines.get(7).strip().equals("ready")) {
                    return;
                }
                if (!Processes.alive(pid)) {
                    throw new ServiceException("the embedded PostgreSQL in " + dir + " stopped at start: "
                            + complaint() + " (its log: " + log + ")");
                }
                if (System.nanoTime() > deadline && !said) {
                    if (patient == null) {
                        throw new ServiceException("the embedded PostgreSQL in " + dir + " did not get ready within "
                                + limit.toSeconds() + " s (its log: " + log + ")");
                    }
                    patient.accept("the embedded PostgreSQL (pid " + pid + ") is not ready after "
                            + limit.toSeconds() + " s, likely recovering from a crash; waiting (its log: " + log
                            + ")");
                    said = true;
                }
                Processes.sleep(20);
            }
        }

        /** The last FATAL or ERROR among the log's last lines. */
        private String complaint() {
            try {
                List<String> lines = Files.readAllLines(log);
                for (int i = lines.size() - 1; i >= Math.max(0, lines.size() - 20); i--) {
                    for (String mark : List.of("FATAL:", "ERROR:")) {
                        int at = lines.get(i).indexOf(mark);
                        if (at >= 0) {
                            return lines.get(i).substring(at + mark.length()).strip();
                        }
                    }
                }
                return "no reason in its log";
            } catch (IOException e) {
                return "its log cannot be read: " + e.getMessage();
            }
        }
    }
}
