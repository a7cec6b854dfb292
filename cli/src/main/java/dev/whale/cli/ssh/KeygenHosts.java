package dev.whale.cli.ssh;

import dev.whale.pki.PkiException;
import dev.whale.pki.key.Key;
import dev.whale.pki.key.KeyData;
import dev.whale.pki.ssh.KnownHosts;
import dev.whale.pki.ssh.KnownHosts.Line;
import dev.whale.pki.ssh.KnownHosts.Status;
import dev.whale.pki.ssh.OpenSsh;
import dev.whale.pki.ssh.SshKeyFiles;
import dev.whale.service.AtomicWrites;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;

/** ssh-keygen's modes for host keys: known_hosts (-F, -R, -H) and SSHFP records (-r), as ssh-keygen.c does them. */
final class KeygenHosts {
    /** The host keys -r prints without -f (pathnames.h). */
    private static final List<String> HOST_KEYS = List.of("/etc/ssh/ssh_host_rsa_key", "/etc/ssh/ssh_host_dsa_key",
            "/etc/ssh/ssh_host_ecdsa_key", "/etc/ssh/ssh_host_ed25519_key", "/etc/ssh/ssh_host_xmss_key");
    private final SshKeygen keygen;

    KeygenHosts(SshKeygen keygen) {
        this.keygen = keygen;
    }

    /** do_known_hosts: -F prints the lines naming a host, -R removes them and -H hashes every name in place. */
    int knownHosts(KeygenOptions o) {
        String file = o.file != null ? o.file : keygen.user.home().resolve(".ssh/known_hosts").toString();
        Path path = Path.of(file);
        String text;
        try {
            text = new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw KeygenExit.fatal("Cannot stat " + file + ": " + SshKeyFiles.reason(e));
        }
        boolean inPlace = !o.findHost && (o.hashHosts || o.deleteHost);
        StringBuilder out = new StringBuilder();
        boolean found = false;
        boolean invalid = false;
        boolean unhashed = false;
        String host = o.hostname;
        for (Line l : KnownHosts.parse(text, host)) {
            if (o.findHost) {
                if (l.status() == Status.MATCHED) {
                    found = true;
                    if (!o.quiet) {
                        out.append("# Host ").append(host).append(" found: line ").append(l.number()).append(' ')
                                .append(l.marker()).append('\n');
                    }
                    if (o.hashHosts) {
                        KnownHosts.hashed(l, keygen.random).forEach(s -> out.append(s).append('\n'));
                    } else if (o.fingerprint) {
                        out.append(fingerprintLine(host, l, o)).append('\n');
                    } else {
                        out.append(l.text()).append('\n');
                    }
                }
            } else if (o.deleteHost) {
                if (l.status() == Status.MATCHED && l.marker().isEmpty()) {
                    found = true;
                    if (!o.quiet) {
                        keygen.out.println("# Host " + host + " found: line " + l.number());
                    }
                    continue;
                }
                if (l.status() == Status.INVALID) {
                    invalid = true;
                    logit(file + ":" + l.number() + ": invalid line");
                }
                out.append(l.text()).append('\n');
            } else {
                if (l.status() == Status.INVALID) {
                    invalid = true;
                    logit(file + ":" + l.number() + ": invalid line");
                } else if (l.status() != Status.COMMENT && KnownHosts.hasWildcard(l) && !l.hashed()
                        && l.marker().isEmpty()) {
                    logit(file + ":" + l.number() + ": ignoring host name with wildcard: "
                            + l.hosts().substring(0, Math.min(64, l.hosts().length())));
                }
                List<String> hashed = KnownHosts.hashed(l, keygen.random);
                unhashed |= !hashed.get(0).equals(l.text());
                hashed.forEach(s -> out.append(s).append('\n'));
            }
        }
        if (!inPlace) {
            keygen.out.print(out);
        }
        if (invalid) {
            keygen.out.flush();
            keygen.err.println(file + " is not a valid known_hosts file.");
            if (inPlace) {
                keygen.err.println("Not replacing existing known_hosts file because of errors");
            }
            return SshKeygen.FAILED;
        }
        if (o.deleteHost && !found) {
            logit("Host " + host + " not found in " + file);
        } else if (inPlace) {
            replace(path, file, out.toString());
            keygen.out.println(file + " updated.");
            keygen.out.println("Original contents retained as " + file + ".old");
            if (unhashed) {
                logit("WARNING: " + file + ".old contains unhashed entries");
                logit("Delete this file to ensure privacy of hostnames");
            }
        }
        return o.findHost && !found ? SshKeygen.FAILED : 0;
    }

    private String fingerprintLine(String host, Line l, KeygenOptions o) {
        KeyData k = KnownHosts.key(l);
        if (k == null) {
            return l.text();
        }
        Key pub = k.publicKey();
        String fp = o.bubbleBabble ? OpenSsh.bubbleBabble(pub) : OpenSsh.fingerprint(pub, o.hash);
        String line = host + " " + OpenSsh.typeLabel(pub) + " " + fp + (k.comment().isEmpty() ? ""
                : " " + k.comment());
        return o.verbose ? line + "\n" + OpenSsh.randomArt(pub, o.hash) : line;
    }

    /** The new file, group and others' write bits dropped, after a hard link FILE.old keeps the original. */
    private void replace(Path path, String file, String text) {
        Path old = Path.of(file + ".old");
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path);
            mode.retainAll(AtomicWrites.PUBLIC);
            Files.deleteIfExists(old);
            Files.createLink(old, path);
            AtomicWrites.write(path, text.getBytes(StandardCharsets.UTF_8), mode);
        } catch (IOException e) {
            throw KeygenExit.fatal("cannot replace " + file + ": " + SshKeyFiles.reason(e));
        }
    }

    /** logit(): a line on standard error ending in CR LF; -q does not silence it. */
    private void logit(String line) {
        keygen.out.flush();
        keygen.err.print(line + "\r\n");
        keygen.err.flush();
    }

    /** do_print_resource_record: SSHFP records of -f's key, or of this machine's host keys. */
    int resourceRecords(KeygenOptions o) {
        if (o.file != null) {
            if (!Files.exists(Path.of(o.file))) {
                throw KeygenExit.fatal(o.file + ": No such file or directory");
            }
            printRecords(o.file, o);
            return 0;
        }
        int n = 0;
        for (String f : HOST_KEYS) {
            if (Files.exists(Path.of(f))) {
                printRecords(f, o);
                n++;
            }
        }
        if (n == 0) {
            throw KeygenExit.fatal("no keys found.");
        }
        return 0;
    }

    private void printRecords(String file, KeygenOptions o) {
        Key key;
        try {
            key = SshKeyFiles.loadPublic(file);
        } catch (PkiException e) {
            key = null;
        }
        if (key == null) {
            throw KeygenExit.fatal("Failed to read v2 public key from \"" + file + "\": invalid format");
        }
        OpenSsh.sshfpRecords(key, o.hostname, o.generic).forEach(keygen.out::println);
    }
}
