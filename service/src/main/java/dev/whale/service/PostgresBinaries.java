package dev.whale.service;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The PostgreSQL binaries that zonky publishes on Maven Central ({@code postgres-OS-ARCH.txz} on the class path),
 * unpacked once per machine into a cache that only its owner can write: {@code /var/cache/whale/postgres} for root
 * (never a shared folder such as /tmp, since root runs what is there), {@code ~/.cache/whale/postgres} otherwise.
 * Each version has its own folder, made under a temporary name and renamed when complete.
 */
final class PostgresBinaries {
    private PostgresBinaries() {}

    /** The folder that holds {@code bin/postgres}, unpacked first if this machine has not got it yet. */
    static Path installed(Consumer<String> progress) {
        String resource = "postgres-" + os() + "-" + arch() + ".txz";
        URL url = PostgresBinaries.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new ServiceException("this build of whale has no PostgreSQL binaries for " + os() + "/" + arch()
                    + " (" + resource + "); set POSTGRES_HOSTNAME to use a server of your own");
        }
        Path cache = cacheDir();
        try {
            Path dir = cache.resolve(identity(url));
            if (Files.isExecutable(dir.resolve("bin/postgres"))) {
                return dir;
            }
            createPrivate(cache);
            progress.accept("unpacking PostgreSQL's binaries into " + dir);
            Path tmp = Files.createTempDirectory(cache, ".unpacking-");
            try {
                try (InputStream in = new BufferedInputStream(url.openStream(), 1 << 16)) {
                    unpack(in, tmp);
                }
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
                // Another whale unpacked the same version at the same time; its copy is complete.
            } finally {
                Processes.deleteTree(tmp);
            }
            return dir;
        } catch (IOException | UncheckedIOException e) {
            throw new ServiceException("cannot unpack PostgreSQL's binaries into " + cache + ": " + e.getMessage(), e);
        }
    }

    /** Root's cache is system-wide; anyone else's is in their home. */
    private static Path cacheDir() {
        if (OsUser.isRoot()) {
            return Path.of("/var/cache/whale/postgres");
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("whale").resolve("postgres");
    }

    /**
     * A folder only its owner writes, and others may enter: the unprivileged user that runs PostgreSQL needs to
     * reach the binaries, and must not be able to change what root runs.
     */
    private static void createPrivate(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Path d : new Path[] {dir, dir.getParent()}) {
            Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        for (Path d = dir; d != null; d = d.getParent()) {
            int mode = (Integer) Files.getAttribute(d, "unix:mode");
            if ((mode & 0002) != 0 && (mode & 01000) == 0) {
                throw new ServiceException(d + " can be written by anyone, so PostgreSQL's binaries cannot be kept"
                        + " under it safely; chmod o-w " + d);
            }
        }
    }

    /** The name of a version's folder: the archive's CRC and size, cheap to read from the jar's directory. */
    private static String identity(URL url) throws IOException {
        URLConnection c = url.openConnection();
        if (c instanceof JarURLConnection jar) {
            var entry = jar.getJarEntry();
            return String.format("%08x-%d", entry.getCrc(), entry.getSize());
        }
        Path file = Path.of(url.getPath());
        return String.format("%d-%d", Files.size(file), Files.getLastModifiedTime(file).toMillis());
    }

    private static void unpack(InputStream txz, Path into) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(txz))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                Path target = into.resolve(e.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("the archive names a path outside its folder: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                if (e.isSymbolicLink()) {
                    Files.createSymbolicLink(target, Path.of(e.getLinkName()));
                } else if (e.isLink()) {
                    Files.createLink(target, into.resolve(e.getLinkName()).normalize());
                } else {
                    Files.copy(tar, target);
                    boolean exec = (e.getMode() & 0100) != 0;
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(exec ? "rwxr-xr-x"
                            : "rw-r--r--"));
                }
            }
        }
        try (var walk = Files.walk(into)) {
            for (Path d : walk.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    private static String os() {
        String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        return name.contains("mac") ? "darwin" : name.contains("win") ? "windows" : "linux";
    }

    private static String arch() {
        return switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm_64";
            default -> System.getProperty("os.arch");
        };
    }
}
