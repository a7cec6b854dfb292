package dev.whale.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The operating-system user that runs the embedded PostgreSQL, which is never root: for root it is the system user
 * {@value #SYSTEM_USER}, made on first use; for anyone else it is that user. Commands run as it through util-linux's
 * {@code setpriv}, with an empty environment, so that no variable of whale's (a password among them) reaches
 * PostgreSQL's processes.
 *
 * @param name the user's name
 * @param uid its user id
 * @param gid its primary group id
 * @param switches whether commands must change to it (whale runs as root)
 */
record OsUser(String name, int uid, int gid, boolean switches) {
    static final String SYSTEM_USER = "whale-postgres";
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

    /** Whether this process runs as uid 0. */
    static boolean isRoot() {
        return uid(Path.of("/proc/self")) == 0;
    }

    /** The user for PostgreSQL on this machine, made first when whale runs as root and it does not exist. */
    static OsUser forPostgres(Consumer<String> progress) {
        if (!Files.isExecutable(SETPRIV)) {
            throw new ServiceException("setpriv is missing, and whale needs it to run PostgreSQL: apt-get install"
                    + " util-linux");
        }
        if (!isRoot()) {
            Path self = Path.of("/proc/self");
            return new OsUser(System.getProperty("user.name"), uid(self), gid(self), false);
        }
        Optional<OsUser> found = lookup(SYSTEM_USER);
        if (found.isEmpty()) {
            progress.accept("creating the system user " + SYSTEM_USER + " to run PostgreSQL (it never runs as root)");
            List<String> useradd = List.of("useradd", "--system", "--user-group", "--no-create-home", "--home-dir",
                    "/nonexistent", "--shell", "/usr/sbin/nologin", SYSTEM_USER);
            if (!Processes.succeeds(useradd)) {
                found = lookup(SYSTEM_USER); // another whale may have made it at the same time
                if (found.isEmpty()) {
                    throw new ServiceException("cannot create the system user " + SYSTEM_USER + " that runs the"
                            + " embedded PostgreSQL; create it (" + String.join(" ", useradd) + ") or set"
                            + " POSTGRES_HOSTNAME to use a server of your own");
                }
            }
            found = lookup(SYSTEM_USER);
        }
        return found.orElseThrow(() -> new ServiceException("the system user " + SYSTEM_USER + " is not in"
                + " /etc/passwd"));
    }

    /**
     * {@code command} as this user: with an empty environment but {@code LANG=C}, and, with
     * {@code dieWithParent}, a SIGINT (PostgreSQL's fast shutdown) when the thread that starts it ends.
     */
    List<String> command(List<String> command, boolean dieWithParent) {
        List<String> out = new ArrayList<>(List.of(SETPRIV.toString()));
        if (switches) {
            out.addAll(List.of("--reuid=" + uid, "--regid=" + gid, "--clear-groups"));
        }
        if (dieWithParent) {
            out.addAll(List.of("--pdeathsig", "INT"));
        }
        out.addAll(List.of("--", "/usr/bin/env", "-i", "LANG=C"));
        out.addAll(command);
        return out;
    }

    /** Makes this user the owner of {@code path}, when whale runs as someone else. */
    void own(Path path) throws IOException {
        if (switches) {
            Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
        }
    }

    /**
     * Throws, naming the folder, unless this user can reach {@code path}: enter each folder above it. JUnit's and
     * many users' temporary folders are 0700, which PostgreSQL's user cannot enter.
     */
    void checkReachable(Path path, String what) {
        blocker(path).ifPresent(d -> {
            throw new ServiceException("PostgreSQL runs as the unprivileged user " + name + ", which cannot enter "
                    + d + " (mode " + String.format("%04o", (Integer) attribute(d, "unix:mode") & 07777) + ") to reach "
                    + what + "; allow it (chmod o+x " + d + ") or keep the project elsewhere");
        });
    }

    /** The first folder above {@code path} that this user may not enter, if any. */
    Optional<Path> blocker(Path path) {
        if (!switches) {
            return Optional.empty();
        }
        for (Path d = path.toAbsolutePath().getParent(); d != null; d = d.getParent()) {
            int mode = (Integer) attribute(d, "unix:mode");
            int bit = uid(d) == uid ? 0100 : gid(d) == gid ? 0010 : 0001;
            if ((mode & bit) == 0) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    private static Optional<OsUser> lookup(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] f = line.split(":");
                if (f.length >= 4 && f[0].equals(name)) {
                    return Optional.of(new OsUser(name, Integer.parseInt(f[2]), Integer.parseInt(f[3]), true));
                }
            }
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            throw new ServiceException("cannot read /etc/passwd: " + e.getMessage());
        }
    }

    private static int uid(Path p) {
        return (Integer) attribute(p, "unix:uid");
    }

    private static int gid(Path p) {
        return (Integer) attribute(p, "unix:gid");
    }

    private static Object attribute(Path p, String name) {
        try {
            return Files.getAttribute(p, name);
        } catch (IOException e) {
            throw new ServiceException("cannot read the owner of " + p + ": " + e.getMessage());
        }
    }
}
