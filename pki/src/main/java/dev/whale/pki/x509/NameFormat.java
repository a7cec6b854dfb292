package dev.whale.pki.x509;

import dev.whale.pki.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How names are printed, as OpenSSL's {@code -nameopt} says (openssl-namedisplay-options(1)): {@link #ONELINE} by
 * default, or the flags that a list such as {@code RFC2253}, {@code multiline} or {@code utf8,sep_comma_plus,-esc_msb}
 * sets, applied one after another from nothing, as apps/lib/apps.c does.
 *
 * <pre>{@code
 * NameFormat f = NameFormat.parse(List.of("RFC2253"));
 * f.line(cert.subject());   // "CN=www.example.com,O=Acme\, Inc.,C=US"
 * }</pre>
 */
public final class NameFormat {
    /** OpenSSL 3.0's default: {@code C = US, O = "Acme, Inc.", CN = x}. */
    public static final NameFormat ONELINE = new NameFormat(NameText.ONELINE, "oneline");

    /** The names of apps/lib/apps.c's table, each with its flag and the bits it replaces. */
    private static final Map<String, long[]> OPTIONS = new LinkedHashMap<>();

    static {
        long all = 0xffffffffL;
        option("esc_2253", NameText.ESC_2253, 0);
        option("esc_2254", NameText.ESC_2254, 0);
        option("esc_ctrl", NameText.ESC_CTRL, 0);
        option("esc_msb", NameText.ESC_MSB, 0);
        option("use_quote", NameText.ESC_QUOTE, 0);
        option("utf8", NameText.UTF8_CONVERT, 0);
        option("ignore_type", NameText.IGNORE_TYPE, 0);
        option("show_type", NameText.SHOW_TYPE, 0);
        option("dump_all", NameText.DUMP_ALL, 0);
        option("dump_nostr", NameText.DUMP_UNKNOWN, 0);
        option("dump_der", NameText.DUMP_DER, 0);
        option("compat", NameText.COMPAT, all);
        option("sep_comma_plus", NameText.SEP_COMMA_PLUS, NameText.SEP_MASK);
        option("sep_comma_plus_space", NameText.SEP_CPLUS_SPC, NameText.SEP_MASK);
        option("sep_semi_plus_space", NameText.SEP_SPLUS_SPC, NameText.SEP_MASK);
        option("sep_multiline", NameText.SEP_MULTILINE, NameText.SEP_MASK);
        option("dn_rev", NameText.DN_REV, 0);
        option("nofname", NameText.FN_NONE, NameText.FN_MASK);
        option("sname", NameText.FN_SN, NameText.FN_MASK);
        option("lname", NameText.FN_LN, NameText.FN_MASK);
        option("align", NameText.FN_ALIGN, 0);
        option("oid", NameText.FN_OID, NameText.FN_MASK);
        option("space_eq", NameText.SPC_EQ, 0);
        option("dump_unknown", NameText.DUMP_UNKNOWN_FIELDS, 0);
        option("rfc2253", NameText.RFC2253, all);
        option("oneline", NameText.ONELINE, all);
        option("multiline", NameText.MULTILINE, all);
        option("ca_default", NameText.MULTILINE, all);
    }

    private static void option(String name, long flag, long mask) {
        OPTIONS.put(name, new long[] {flag, mask});
    }

    final long flags;
    private final String spec;

    private NameFormat(long flags, String spec) {
        this.flags = flags;
        this.spec = spec;
    }

    /**
     * The format that the {@code -nameopt} arguments give, in order, each a comma-separated list of option names
     * (any case; {@code -name} clears, {@code +name} sets); {@link #ONELINE} when there are none. A list without a
     * separator gets {@code sep_comma_plus_space}, unless it is {@code compat}.
     */
    public static NameFormat parse(List<String> nameopts) {
        if (nameopts.isEmpty()) {
            return ONELINE;
        }
        long flags = 0;
        for (String arg : nameopts) {
            for (String item : arg.split(",", -1)) {
                String o = item.strip();
                if (o.isEmpty()) {
                    continue;
                }
                boolean set = o.charAt(0) != '-';
                String name = o.charAt(0) == '-' || o.charAt(0) == '+' ? o.substring(1) : o;
                long[] f = OPTIONS.get(name.toLowerCase(Locale.ROOT));
                if (f == null) {
                    throw new InvalidInputException("-nameopt: unknown name option '" + name + "'; use one of "
                            + String.join(", ", OPTIONS.keySet()).replace("rfc2253", "RFC2253"));
                }
                flags &= ~f[1];
                flags = set ? flags | f[0] : flags & ~f[0];
            }
            if (flags != NameText.COMPAT && (flags & NameText.SEP_MASK) == 0) {
                flags |= NameText.SEP_CPLUS_SPC;
            }
        }
        return new NameFormat(flags, String.join(",", nameopts));
    }

    /** True for the multi-line forms, which begin on a line of their own. */
    public boolean multiline() {
        return (flags & NameText.SEP_MASK) == NameText.SEP_MULTILINE;
    }

    /**
     * The name as {@code print_name} of apps/lib/apps.c writes it after a title such as {@code subject=}, without
     * the final newline: on one line, or, for the multi-line forms, on lines of their own indented by 4.
     */
    public String line(Name name) {
        StringBuilder sb = new StringBuilder(128);
        if (flags == NameText.COMPAT) {
            return NameText.slashed(name.x500(), "a name", Integer.MAX_VALUE);
        }
        if (multiline()) {
            sb.append('\n');
        }
        NameText.print(sb, name.x500(), multiline() ? 4 : 0, flags, "a name");
        return sb.toString();
    }

    /** {@code X509_print_ex}'s name fields: after {@code Issuer:}, either a space or a newline and 12 spaces. */
    void field(StringBuilder sb, org.bouncycastle.asn1.x500.X500Name name, String source) {
        sb.append(multiline() ? '\n' : ' ');
        NameText.print(sb, name, multiline() ? 12 : 0, flags, source);
    }

    @Override
    public String toString() {
        return "NameFormat.parse(" + spec + ")";
    }
}
