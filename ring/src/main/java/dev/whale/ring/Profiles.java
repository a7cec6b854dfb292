package dev.whale.ring;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/** The points that real systems put on their rings, each built as the named source file does. */
final class Profiles {
    /** nginx gives a server 160 points per unit of weight (ngx_http_upstream_hash_module.c). */
    static final int NGINX_POINTS_PER_WEIGHT = 160;
    /** spymemcached's default node repetitions, and libketama's 160 points per server. */
    static final int KETAMA_POINTS = 160;
    /** HAProxy's BE_WEIGHT_SCALE: points per unit of user weight (lb_chash.c). */
    static final int HAPROXY_POINTS_PER_WEIGHT = 16;
    /** HAProxy's SRV_EWGHT_RANGE: the key space reserved for each server id. */
    static final int HAPROXY_ID_RANGE = 4096;
    static final int ENVOY_MIN_RING = 1024;
    static final int ENVOY_MAX_RING = 8 * 1024 * 1024;
    static final int ENVOY_MAGLEV_TABLE = 65537;

    private Profiles() {}

    /**
     * nginx {@code hash $key consistent}: base = CRC32(host "\0" port) over the server string as written, then each
     * point continues that CRC with the previous point as 4 little-endian bytes.
     */
    static long[] nginx(Node node) {
        String server = node.name();
        String host = server;
        String port = "";
        if (server.length() >= 5 && server.regionMatches(true, 0, "unix:", 0, 5)) {
            host = server.substring(5);
        } else {
            int j = server.length() - 1;
            while (j >= 0 && server.charAt(j) >= '0' && server.charAt(j) <= '9') {
                j--;
            }
            if (j >= 0 && server.charAt(j) == ':') {
                host = server.substring(0, j);
                port = server.substring(j + 1);
            }
        }
        byte[] prefix = (host + "\0" + port).getBytes(StandardCharsets.UTF_8);
        long[] points = new long[NGINX_POINTS_PER_WEIGHT * node.weight()];
        int prev = 0;
        byte[] prevBytes = new byte[4];
        for (int j = 0; j < points.length; j++) {
            CRC32 crc = new CRC32();
            crc.update(prefix);
            prevBytes[0] = (byte) prev;
            prevBytes[1] = (byte) (prev >>> 8);
            prevBytes[2] = (byte) (prev >>> 16);
            prevBytes[3] = (byte) (prev >>> 24);
            crc.update(prevBytes);
            points[j] = crc.getValue();
            prev = (int) points[j];
        }
        return points;
    }

    /**
     * ketama as spymemcached places it: 160 points, or with weights {@code floor(share * 160 / 4 * nodes + 1e-10) * 4}
     * in float arithmetic, the sum taken in double.
     */
    static long[] ketama(String nodeKey, List<Node> nodes, Node node) {
        if (nodes.stream().allMatch(n -> n.weight() == 1)) {
            return ketama(nodeKey, KETAMA_POINTS);
        }
        return ketama(nodeKey, (int) (Math.floor((double) (float) ((double) ketamaShare(nodes, node) + 1e-10)) * 4.0));
    }

    /**
     * ketama as libmemcached's KETAMA_WEIGHTED places it (update_continuum in hosts.cc): always the weighted count,
     * {@code floor(share * 160 / 4 * servers + 1e-10F) * 4} all in float, so that 100 equal servers get 156 points
     * each, not 160.
     */
    static long[] libmemcachedKetamaWeighted(List<Node> nodes, Node node) {
        return ketama(libmemcachedKey(node.name()), (int) Math.floor(ketamaShare(nodes, node) + 1e-10f) * 4);
    }

    /** {@code weight / total * 160 / 4 * nodes}, in float as both clients compute it. */
    private static float ketamaShare(List<Node> nodes, Node node) {
        int total = nodes.stream().mapToInt(Node::weight).sum();
        float percent = (float) node.weight() / (float) total;
        return percent * (float) KETAMA_POINTS / 4.0f * (float) nodes.size();
    }

    /** Each MD5 of {@code "<node key>-<i>"} gives four points, read as little-endian 32-bit words. */
    private static long[] ketama(String nodeKey, int count) {
        long[] points = new long[count / 4 * 4];
        for (int i = 0; i < count / 4; i++) {
            byte[] d = Hashes.digest("MD5", (nodeKey + "-" + i).getBytes(StandardCharsets.UTF_8));
            for (int h = 0; h < 4; h++) {
                points[i * 4 + h] = Hashes.littleEndianInt(d, h * 4);
            }
        }
        return points;
    }

    /** libmemcached's points per server with {@code MEMCACHED_BEHAVIOR_KETAMA} (MEMCACHED_POINTS_PER_SERVER). */
    static final int LIBMEMCACHED_POINTS = 100;
    /** The most servers libmemcached 1.1 builds a continuum for; it aborts on more (MEMCACHED_CONTINUUM_SIZE). */
    static final int LIBMEMCACHED_MAX_SERVERS = 100;

    /** HAProxy's largest server weight (SRV_UWGHT_MAX). */
    static final int HAPROXY_MAX_WEIGHT = 256;

    /**
     * Refuses a server that the profile's system would refuse in its configuration, in its own words: nginx's
     * {@code server} address and {@code weight=}, HAProxy's weight range.
     */
    static void requireValid(Profile profile, Node node) {
        switch (profile) {
            case NGINX -> {
                String problem = nginxAddressProblem(node.name());
                if (problem != null) {
                    throw RingException.of("nginx: server '%s': %s, which nginx refuses", node.name(), problem);
                }
                if (node.weight() < 1) {
                    throw RingException.of("nginx: server '%s': weight=%d, which nginx refuses as an invalid"
                            + " parameter (at least 1; mark a server down instead)", node.name(), node.weight());
                }
            }
            case HAPROXY, HAPROXY_SDBM -> {
                if (node.weight() > HAPROXY_MAX_WEIGHT) {
                    throw RingException.of("%s: server '%s': weight %d is not within 0 and %d, as HAProxy requires",
                            profile.id(), node.name(), node.weight(), HAPROXY_MAX_WEIGHT);
                }
            }
            default -> { }
        }
    }

    /**
     * Why nginx would refuse {@code server} as an upstream address, or null: {@code unix:PATH}, {@code [IPv6]:PORT},
     * or {@code HOST[:PORT]}, where the port is everything after the first colon and must be 1 to 65535.
     */
    static String nginxAddressProblem(String server) {
        if (server.regionMatches(true, 0, "unix:", 0, 5)) {
            return server.length() > 5 ? null : "no socket path after unix:";
        }
        String port;
        if (server.startsWith("[")) {
            int close = server.indexOf(']');
            if (close < 0) {
                return "no ']' after the IPv6 address";
            }
            port = close + 1 == server.length() ? null
                    : server.charAt(close + 1) == ':' ? server.substring(close + 2) : "";
        } else {
            int colon = server.indexOf(':');
            port = colon < 0 ? null : server.substring(colon + 1);
        }
        if (port != null && !(port.matches("\\d{1,5}") && Integer.parseInt(port) >= 1
                && Integer.parseInt(port) <= 65535)) {
            return "port '" + port + "' is not a number from 1 to 65535";
        }
        return null;
    }

    /** Refuses a server list that libmemcached itself cannot take. */
    static void requireLibmemcachedServers(Profile profile, int servers) {
        if (servers > LIBMEMCACHED_MAX_SERVERS) {
            throw RingException.of("%s: %d servers, and libmemcached aborts with more than %d"
                    + " (its continuum holds %d servers' points)", profile.id(), servers, LIBMEMCACHED_MAX_SERVERS,
                    LIBMEMCACHED_MAX_SERVERS);
        }
    }

    /**
     * libmemcached's unweighted ketama (update_continuum in hosts.cc): point i of a server is the one-at-a-time
     * hash of {@code "<node key>-<i>"}, i from 0 to 99.
     */
    static long[] libmemcachedKetama(Node node) {
        if (node.weight() != 1) {
            throw RingException.of("libmemcached-ketama: server %s has weight %d, but this mode gives every server"
                    + " 100 points, and libmemcached switches to KETAMA_WEIGHTED for any weight above 1; use --profile"
                    + " libmemcached-ketama-weighted", node.name(), node.weight());
        }
        String key = libmemcachedKey(node.name());
        long[] points = new long[LIBMEMCACHED_POINTS];
        for (int i = 0; i < points.length; i++) {
            points[i] = Hashes.ONE_AT_A_TIME.position((key + "-" + i).getBytes(StandardCharsets.UTF_8));
        }
        return points;
    }

    /** libmemcached names a server by its host, and adds {@code :port} only when the port is not 11211. */
    static String libmemcachedKey(String server) {
        return server.endsWith(":11211") ? server.substring(0, server.length() - ":11211".length()) : server;
    }

    /** HAProxy with {@code hash-key id}: point i of the server with id puid is full_hash(puid * 4096 + i). */
    static long[] haproxy(int puid, Node node) {
        long[] points = new long[HAPROXY_POINTS_PER_WEIGHT * node.weight()];
        for (int i = 0; i < points.length; i++) {
            points[i] = Integer.toUnsignedLong(Hashes.haproxyFullHash(puid * HAPROXY_ID_RANGE + i));
        }
        return points;
    }

    /**
     * Envoy ring_hash: hosts get points in proportion to their weight, scaled so that the lightest host has a whole
     * number of them and the ring has at least 1024; point i of a host is XXH64("<address>_<i>"). The counts are
     * running sums across hosts, in double arithmetic, as ring_hash_lb.cc keeps them.
     */
    static long[][] envoyRing(List<Node> nodes) {
        double sum = nodes.stream().mapToDouble(Node::weight).sum();
        double min = Double.MAX_VALUE;
        for (Node n : nodes) {
            min = Math.min(min, n.weight() / sum);
        }
        if (min == 0) {
            throw RingException.of("envoy-ring: weights must be positive");
        }
        double scale = Math.min(Math.ceil(min * ENVOY_MIN_RING) / min, ENVOY_MAX_RING);
        long[][] points = new long[nodes.size()][];
        double current = 0;
        double target = 0;
        for (int k = 0; k < nodes.size(); k++) {
            target += scale * (nodes.get(k).weight() / sum);
            long[] mine = new long[(int) Math.max(0, Math.ceil(target - current))];
            int i = 0;
            while (current < target) {
                mine[i] = Hashes.XXH64.position((nodes.get(k).name() + "_" + i).getBytes(StandardCharsets.UTF_8));
                i++;
                current++;
            }
            points[k] = Arrays.copyOf(mine, i);
        }
        return points;
    }
}
