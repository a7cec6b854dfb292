package dev.whale.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the embedded PostgreSQL promises: durable, locked, unprivileged, one owner. A real server each time. */
class EmbeddedPostgresTest {
    static final String PASSWORD = "pw-" + Long.toHexString(System.nanoTime()) + "-never-shown";
    static final Path PSQL = Path.of("/usr/bin/psql");

    static Connection connect(int port, String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", p);
    }

    static String show(Statement s, String setting) throws SQLException {
        try (var rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** psql as {@code uid} (or as this process with -1), without a prompt; its exit code and output. */
    static String[] psql(int uid, String host, int port, String password) throws Exception {
        assertTrue(Files.isExecutable(PSQL), "this test needs psql: apt-get install postgresql-client");
        List<String> cmd = new ArrayList<>();
        if (uid >= 0) {
            cmd.addAll(List.of("setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups"));
        }
        cmd.addAll(List.of(PSQL.toString(), "-w", "-h", host, "-p", Integer.toString(port), "-U", "postgres", "-d",
                "postgres", "-tAc", "SELECT current_user"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("PGPASSWORD");
        if (password != null) {
            pb.environment().put("PGPASSWORD", password);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        return new String[] {Integer.toString(p.exitValue()), out};
    }

    @Test
    void supervised_isDurableLockedAndNeverRoot(@TempDir Path tmp) throws Exception {
        Path data = TestDirs.enterable(tmp).resolve("pg");
        try (EmbeddedPostgres pg = EmbeddedPostgres.supervised(data, TestDirs.embedded(0, PASSWORD), m -> {})
                .awaitStarted()) {
            int port = pg.port();
            long pid = EmbeddedPostgres.pid(data).orElseThrow();
            String status = Files.readString(Path.of("/proc/" + pid + "/status"));
            String uid = status.lines().filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow();
            assertFalse(uid.matches("Uid:\\s+0\\s.*"), "the postmaster runs as root: " + uid);
            assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(data));

            try (Connection c = connect(port, "postgres", PASSWORD); Statement s = c.createStatement()) {
                assertEquals("on", show(s, "fsync"));
                assertEquals("on", show(s, "synchronous_commit"));
                assertEquals("on", show(s, "full_page_writes"));
                try (var rs = s.executeQuery(
                        "SELECT rolsuper, rolcreatedb FROM pg_roles WHERE rolname = current_user")) {
                    rs.next();
                    assertFalse(rs.getBoolean(1), "the app's role must not be a superuser");
                    assertTrue(rs.getBoolean(2), "the app's role creates its database");
                }
                SQLException copy = assertThrows(SQLException.class,
                        () -> s.execute("COPY (SELECT 'x') TO PROGRAM 'id > /tmp/whale-pwned'"));
                assertEquals("42501", copy.getSQLState(), copy.getMessage());
                SQLException grant = assertThrows(SQLException.class,
                        () -> s.execute("ALTER ROLE postgres SUPERUSER"));
                assertEquals("42501", grant.getSQLState(), grant.getMessage());
            }
            SQLException wrong = assertThrows(SQLException.class, () -> connect(port, "postgres", "wrong").close());
            assertEquals("28P01", wrong.getSQLState(), wrong.getMessage());
            assertThrows(SQLException.class, () -> connect(port, "postgres", "").close());
            assertThrows(SQLException.class, () -> connect(port, EmbeddedPostgres.BOOTSTRAP_USER, "").close());

            // The local socket: scram as well, and only for users who may enter the 0700 data directory.
            String socket = data.toString();
            assertEquals("0", psql(-1, socket, port, PASSWORD)[0], "the socket works with the password");
            String[] wrongSocket = psql(-1, socket, port, "wrong");
            assertNotEquals("0", wrongSocket[0]);
            assertTrue(wrongSocket[1].contains("password authentication failed"), wrongSocket[1]);
            String[] noneSocket = psql(-1, socket, port, null);
            assertNotEquals("0", noneSocket[0]);
            assertTrue(noneSocket[1].contains("no password supplied"), noneSocket[1]);
            if (OsUser.isRoot()) {
                String[] nobodyTcp = psql(65534, "127.0.0.1", port, null);
                assertNotEquals("0", nobodyTcp[0], nobodyTcp[1]);
                assertTrue(nobodyTcp[1].contains("no password supplied"), nobodyTcp[1]);
                String[] nobodySocket = psql(65534, socket, port, PASSWORD);
                assertNotEquals("0", nobodySocket[0], nobodySocket[1]);
                assertTrue(nobodySocket[1].contains("Permission denied"), nobodySocket[1]);
            }

            // The password is in no command line, no environment of PostgreSQL's, no log and no data file.
            try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                    assertFalse(read(proc.resolve("cmdline")).contains(PASSWORD), "ps shows the password: " + proc);
                }
            }
            assertFalse(read(Path.of("/proc/" + pid + "/environ")).contains(PASSWORD));
            assertFalse(read(data.resolveSibling("postgres.log")).contains(PASSWORD));
            try (Stream<Path> files = Files.walk(data)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    assertFalse(read(f).contains(PASSWORD), f + " holds the password");
                }
            }
        }
        assertFalse(EmbeddedPostgres.running(data), "close() stops the server");
    }

    @Test
    void supervised_secondOwner_isRefusedAndOrphansAreStopped(@TempDir Path tmp) throws Exception {
        Path data = TestDirs.enterable(tmp).resolve("pg");
        try (EmbeddedPostgres first = EmbeddedPostgres.supervised(data, TestDirs.embedded(0, PASSWORD), m -> {})
                .awaitStarted()) {
            ServiceException e = assertThrows(ServiceException.class,
                    () -> EmbeddedPostgres.supervised(data, TestDirs.embedded(0, PASSWORD), m -> {}));
            assertTrue(e.getMessage().contains("belongs to another whale (pid " + ProcessHandle.current().pid()
                    + ", port " + first.port() + ")"), e.getMessage());
            assertTrue(EmbeddedPostgres.owned(data));
        }
        assertFalse(EmbeddedPostgres.running(data));
        assertFalse(EmbeddedPostgres.owned(data));

        // A server that nobody owns, as a whale killed with -9 would leave one, is stopped by the next owner.
        EmbeddedPostgres.detached(data, TestDirs.embedded(0, PASSWORD), m -> {});
        long orphan = EmbeddedPostgres.pid(data).orElseThrow();
        List<String> progress = new ArrayList<>();
        try (EmbeddedPostgres next = EmbeddedPostgres.supervised(data, TestDirs.embedded(0, PASSWORD), progress::add)
                .awaitStarted()) {
            assertTrue(progress.get(0).contains("stopping the embedded PostgreSQL (pid " + orphan + ")"),
                    progress.toString());
            assertFalse(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false));
            assertNotEquals(orphan, EmbeddedPostgres.pid(data).orElseThrow());
            connect(next.port(), "postgres", PASSWORD).close();
        }
    }

    @Test
    void dataDir_projectPostgresCannotEnter_movesUnderVarLib(@TempDir Path tmp) throws Exception {
        assumeTrue(OsUser.isRoot(), "only root runs PostgreSQL as another user");
        // JUnit's folder is 0700, as /root is: whale-postgres may not enter it.
        Path project = Files.createDirectories(tmp.resolve("project"));
        Path data = project.resolve(".whale/postgres/development");
        List<String> progress = new ArrayList<>();
        Path real;
        try (EmbeddedPostgres pg = EmbeddedPostgres.supervised(data, TestDirs.embedded(0, PASSWORD), progress::add)
                .awaitStarted()) {
            assertTrue(Files.isSymbolicLink(data), "the project's data directory is a link");
            real = data.resolveSibling(Files.readSymbolicLink(data));
            assertTrue(real.startsWith(EmbeddedPostgres.PLACED_ROOT), real.toString());
            assertTrue(progress.get(0).contains("whale-postgres may not enter " + tmp), progress.toString());
            assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(real));
            assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(tmp),
                    "nothing above the project is opened up");
            connect(pg.port(), "postgres", PASSWORD).close();
        }
        // A second start finds its data through the link.
        try (EmbeddedPostgres pg = EmbeddedPostgres.supervised(data, TestDirs.embedded(0, PASSWORD), m -> {})
                .awaitStarted()) {
            connect(pg.port(), "postgres", PASSWORD).close();
        }
        assertTrue(Processes.deleteTree(project));
        assertFalse(Files.exists(real.getParent()), "removing the project removes the placed data too");
    }

    @Test
    void start_linkPlantedInTheDataDirectory_isReplacedNotWrittenThrough(@TempDir Path tmp) throws Exception {
        Path data = TestDirs.enterable(tmp).resolve("pg");
        EmbeddedPostgres.supervised(data, TestDirs.embedded(0, PASSWORD), m -> {}).awaitStarted().close();
        // What PostgreSQL's user could do to the next start: point whale's temporary file at a file of root's.
        Path victim = Files.writeString(tmp.resolve("victim"), "root's\n");
        Files.createSymbolicLink(data.resolve("pg_hba.conf.whale"), victim);
        try (EmbeddedPostgres pg = EmbeddedPostgres.supervised(data, TestDirs.embedded(0, PASSWORD), m -> {})
                .awaitStarted()) {
            connect(pg.port(), "postgres", PASSWORD).close();
        }
        assertEquals("root's\n", Files.readString(victim));
        assertEquals(Files.getAttribute(tmp, "unix:uid"), Files.getAttribute(victim, "unix:uid"));
        assertFalse(Files.isSymbolicLink(data.resolve("pg_hba.conf")));
    }

    @Test
    void stop_stalePidFile_neverStopsAnotherProcess(@TempDir Path tmp) throws Exception {
        Path data = TestDirs.enterable(tmp).resolve("pg");
        EmbeddedPostgres.supervised(data, TestDirs.embedded(0, PASSWORD), m -> {}).awaitStarted().close();
        // A power cut leaves postmaster.pid behind; after a reboot its pid may belong to another PostgreSQL.
        Path otherData = TestDirs.enterable(tmp).resolve("other");
        EmbeddedPostgres.detached(otherData, TestDirs.embedded(0, PASSWORD), m -> {});
        long other = EmbeddedPostgres.pid(otherData).orElseThrow();
        try {
            Files.writeString(data.resolve("postmaster.pid"), other + "\n" + data + "\n");
            assertFalse(EmbeddedPostgres.running(data));
            try (EmbeddedPostgres pg = EmbeddedPostgres.supervised(data, TestDirs.embedded(0, PASSWORD), m -> {})
                    .awaitStarted()) {
                connect(pg.port(), "postgres", PASSWORD).close();
            }
            assertTrue(Processes.alive(other), "whale stopped another data directory's PostgreSQL");
        } finally {
            EmbeddedPostgres.stop(otherData);
        }
    }

    @Test
    void start_roleTheConfigNoLongerNames_cannotLogIn(@TempDir Path tmp) throws Exception {
        Path data = TestDirs.enterable(tmp).resolve("pg");
        DatabaseSettings alice = new DatabaseSettings(DatabaseSettings.EMBEDDED, 0, "alice", PASSWORD, "postgres",
                "application", 2, Duration.ofSeconds(1));
        DatabaseSettings bob = new DatabaseSettings(DatabaseSettings.EMBEDDED, 0, "bob", PASSWORD, "postgres",
                "application", 2, Duration.ofSeconds(1));
        try (EmbeddedPostgres pg = EmbeddedPostgres.supervised(data, alice, m -> {}).awaitStarted()) {
            connect(pg.port(), "alice", PASSWORD).close();
        }
        try (EmbeddedPostgres pg = EmbeddedPostgres.supervised(data, bob, m -> {}).awaitStarted()) {
            connect(pg.port(), "bob", PASSWORD).close();
            SQLException e = assertThrows(SQLException.class, () -> connect(pg.port(), "alice", PASSWORD).close());
            assertTrue(e.getMessage().contains("not permitted to log in"), e.getMessage());
        }
    }

    @Test
    void start_clusterOfAnEarlierWhale_isRefused(@TempDir Path tmp) throws Exception {
        Path data = Files.createDirectories(TestDirs.enterable(tmp).resolve("pg"));
        Files.writeString(data.resolve("PG_VERSION"), "17\n");
        Files.writeString(data.resolve("pg_hba.conf"), "host all all 127.0.0.1/32 trust\n");
        ServiceException e = assertThrows(ServiceException.class,
                () -> EmbeddedPostgres.supervised(data, TestDirs.embedded(0, PASSWORD), m -> {}).awaitStarted());
        assertTrue(e.getMessage().contains("was made by an earlier whale"), e.getMessage());
        assertEquals("host all all 127.0.0.1/32 trust\n", Files.readString(data.resolve("pg_hba.conf")),
                "left as it was");
        assertFalse(EmbeddedPostgres.owned(data));
    }

    @Test
    void start_emptyPasswordOrSuperusersName_isRefused(@TempDir Path tmp) throws Exception {
        Path data = TestDirs.enterable(tmp).resolve("pg");
        ConfigException empty = assertThrows(ConfigException.class,
                () -> EmbeddedPostgres.supervised(data, TestDirs.embedded(0, ""), m -> {}));
        assertTrue(empty.getMessage().startsWith("POSTGRES_PASSWORD is empty"), empty.getMessage());
        DatabaseSettings admin = new DatabaseSettings(DatabaseSettings.EMBEDDED, 0, EmbeddedPostgres.BOOTSTRAP_USER,
                PASSWORD, "postgres", "application", 2, Duration.ofSeconds(1));
        assertThrows(ConfigException.class, () -> EmbeddedPostgres.supervised(data, admin, m -> {}));
        assertFalse(Files.exists(data));
    }

    static String read(Path p) {
        try {
            return new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return ""; // a process that ended, or a file PostgreSQL removed meanwhile
        }
    }
}
