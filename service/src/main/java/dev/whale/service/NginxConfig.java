package dev.whale.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * nginx in front of whale, rendered from {@code docker/nginx/nginx.conf.template}: the Compose files' configs and
 * the one {@code whale stack up} runs come from the same text.
 *
 * @param upstreams the instances, {@code host:port} with a weight
 * @param consistentHash whether to place by {@code hash $request_uri consistent} (cache affinity)
 * @param httpPort the plain-HTTP port
 * @param httpsPort the TLS port, or 0 for none; with TLS, plain HTTP answers a 301 to https
 * @param certDir where {@code server.pem} and {@code server.key} are
 * @param files where nginx keeps its pid, logs and temporary files; null for the image's defaults
 */
public record NginxConfig(List<Upstream> upstreams, boolean consistentHash, int httpPort, int httpsPort,
        String certDir, Path files) {

    /**
     * One instance behind nginx.
     *
     * @param address {@code host:port}
     * @param weight its share, 1 by default
     */
    public record Upstream(String address, int weight) {}

    private static final Pattern SLOT = Pattern.compile("\\{\\{(\\w+)}}");

    /** The config text, from {@code template}, the contents of {@code docker/nginx/nginx.conf.template}. */
    public String render(String template, String purpose) {
        StringBuilder servers = new StringBuilder();
        for (Upstream u : upstreams) {
            servers.append("        server ").append(u.address())
                    .append(u.weight() == 1 ? "" : " weight=" + u.weight())
                    .append(" max_fails=1 fail_timeout=5s;\n");
        }
        String proxy = """
                location / {
                    proxy_pass http://web;
                    proxy_http_version 1.1;
                    proxy_set_header Connection "";
                    proxy_set_header Host $host;
                    proxy_set_header X-Real-IP $remote_addr;
                    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                    proxy_set_header X-Forwarded-Proto $scheme;
                    proxy_next_upstream error timeout http_502;
                    proxy_connect_timeout 2s;
                }
                """.indent(8).stripTrailing();
        String tls = httpsPort == 0 ? "" : """

                    server {
                        listen %d ssl;
                        server_name localhost;
                        ssl_certificate %s/server.pem;
                        ssl_certificate_key %s/server.key;
                        ssl_protocols TLSv1.2 TLSv1.3;
                        ssl_session_cache shared:TLS:1m;
                %s
                    }""".formatted(httpsPort, certDir, certDir, proxy);
        String httpBody = httpsPort == 0 ? proxy
                : "        return 301 https://$host:" + httpsPort + "$request_uri;";
        String temp = files == null ? "" : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi").stream()
                .map(t -> "    " + t + "_temp_path " + files.resolve("tmp").resolve(t) + ";")
                .reduce((a, b) -> a + "\n" + b).orElse("");
        Map<String, String> slots = Map.of(
                "generated", "Generated from docker/nginx/nginx.conf.template: " + purpose,
                "pid", files == null ? "/var/run/nginx.pid" : files.resolve("nginx.pid").toString(),
                "error_log", files == null ? "/var/log/nginx/error.log" : files.resolve("error.log").toString(),
                "access_log", files == null ? "/var/log/nginx/access.log" : files.resolve("upstream.log").toString(),
                "temp_paths", temp,
                "balance", consistentHash ? "        hash $request_uri consistent;" : "",
                "servers", servers.toString().stripTrailing(),
                "http_port", Integer.toString(httpPort),
                "http_body", httpBody,
                "tls_server", tls);
        StringBuilder out = new StringBuilder();
        for (String line : template.split("\n", -1)) {
            Matcher whole = SLOT.matcher(line.strip());
            if (whole.matches() && slot(slots, whole.group(1)).isEmpty()) {
                continue; // an empty slot on a line of its own leaves no blank line
            }
            Matcher m = SLOT.matcher(line);
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(slot(slots, m.group(1))));
            }
            m.appendTail(out);
            out.append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    private static String slot(Map<String, String> slots, String name) {
        String v = slots.get(name);
        if (v == null) {
            throw new ConfigException("nginx template: unknown slot {{" + name + "}}");
        }
        return v;
    }

    /** Reads the template of a project. */
    public static String template(Path projectDir) {
        Path t = projectDir.resolve("docker/nginx/nginx.conf.template");
        try {
            return Files.readString(t);
        } catch (IOException e) {
            throw new ServiceException(t + ": cannot read: " + e.getMessage());
        }
    }

    /** The three configs the Compose files use, by file name under docker/nginx. */
    public static Map<String, NginxConfig> composeVariants() {
        List<Upstream> one = List.of(new Upstream("web:8000", 1));
        return Map.of(
                "nginx.conf", new NginxConfig(one, false, 8080, 8443, "/etc/nginx/certs", null),
                "nginx-weighted.conf",
                new NginxConfig(List.of(new Upstream("web1:8000", 3), new Upstream("web2:8000", 1)),
                        false, 8080, 8443, "/etc/nginx/certs", null),
                "nginx-hash.conf", new NginxConfig(one, true, 8080, 8443, "/etc/nginx/certs", null));
    }
}
