package dev.whale.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docker/nginx's configs are the template rendered: they must stay equal to it. Regenerate them with
 * {@code ./whale mvn -q -pl service test -Dtest=NginxConfigTest -Dwhale.regenerate=true}.
 */
class NginxConfigTest {
    static final Path PROJECT = Path.of("..");

    @Test
    void render_composeConfigs_areTheTemplateRendered() throws Exception {
        String template = NginxConfig.template(PROJECT);
        for (Map.Entry<String, NginxConfig> e : NginxConfig.composeVariants().entrySet()) {
            Path file = PROJECT.resolve("docker/nginx").resolve(e.getKey());
            String want = e.getValue().render(template, "docker/nginx/" + e.getKey() + ", for Docker Compose");
            if (Boolean.getBoolean("whale.regenerate")) {
                Files.writeString(file, want);
            }
            assertEquals(want, Files.readString(file), file + " differs from the template; regenerate it");
        }
    }

    @Test
    void render_variants_sayWhatThePostsSay() throws Exception {
        String template = NginxConfig.template(PROJECT);
        Map<String, NginxConfig> v = NginxConfig.composeVariants();
        String plain = v.get("nginx.conf").render(template, "t");
        assertTrue(plain.contains(
                "log_format upstreamlog '[$time_local] $host to: $upstream_addr: $request $status';"));
        assertTrue(plain.contains("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;"));
        assertTrue(plain.contains("client_max_body_size 1m;"));
        assertTrue(plain.contains("listen 8443 ssl;"));
        assertTrue(plain.contains("return 301 https://$host:8443$request_uri;"));
        assertFalse(plain.contains("{{"));
        String weighted = v.get("nginx-weighted.conf").render(template, "t");
        assertTrue(weighted.contains("server web1:8000 weight=3 max_fails=1 fail_timeout=5s;\n"
                + "        server web2:8000 max_fails=1 fail_timeout=5s;"), weighted);
        assertTrue(v.get("nginx-hash.conf").render(template, "t").contains("hash $request_uri consistent;"));
        String local = new NginxConfig(List.of(new NginxConfig.Upstream("127.0.0.1:9001", 1)), false, 8080, 0,
                "", Path.of("/x")).render(template, "t");
        assertFalse(local.contains("ssl"), local);
        assertTrue(local.contains("client_body_temp_path /x/tmp/client_body;"), local);
        assertTrue(local.contains("location / {"), local);
    }
}
