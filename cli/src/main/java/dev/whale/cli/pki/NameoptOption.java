package dev.whale.cli.pki;

import dev.whale.pki.x509.NameFormat;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code -nameopt}: how the commands that print names (x509, req, crl) print them, as OpenSSL's flag lists say. */
final class NameoptOption {
    @Option(names = "-nameopt", paramLabel = "OPTS", description = "How names print (repeatable): oneline (default), "
            + "RFC2253, multiline, compat, or flags such as utf8,sep_comma_plus,dn_rev,lname,oid,-space_eq,align.")
    List<String> nameopt = new ArrayList<>();

    /** The format the options give; an unknown name is an error naming it. */
    NameFormat format() {
        return NameFormat.parse(nameopt);
    }
}
