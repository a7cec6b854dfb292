package dev.whale.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AccessLogTest {
    static final Instant AT = Instant.parse("2026-11-24T08:00:00.123Z");

    @Test
    void line_development_isText() {
        assertEquals("2026-11-24T08:00:00.123Z 127.0.0.1 GET /users 200 1.50ms",
                new AccessLog(false, s -> {}).line(AT, "127.0.0.1", "GET", "/users", 200, 1.5f));
        assertEquals("0.05", AccessLog.twoDecimals(0.049f));
        assertEquals("12.00", AccessLog.twoDecimals(11.999f));
    }

    @Test
    void line_production_isOneJsonObject() throws Exception {
        String line = new AccessLog(true, s -> {}).line(AT, "::1", "POST", "/api/\"users\"", 201, 12.345f);
        JsonNode n = new ObjectMapper().readTree(line);
        assertEquals("POST", n.get("method").asText());
        assertEquals("/api/\"users\"", n.get("path").asText());
        assertEquals(201, n.get("status").asInt());
        assertEquals(12.35, n.get("ms").asDouble(), 0.001);
        assertEquals("2026-11-24T08:00:00.123Z", n.get("time").asText());
    }
}
