package dev.whale.ring;

import java.util.Arrays;

/** Real systems whose key placement whale reproduces exactly. */
public enum Profile {
    /** nginx {@code hash $key consistent}: CRC32 points, 160 per weight, down servers skipped. */
    NGINX("nginx", Hashes.CRC32),
    /** ketama as spymemcached's KetamaNodeLocator places keys, node keys {@code host:port}. */
    KETAMA("ketama", Hashes.KETAMA),
    /**
     * libmemcached with {@code MEMCACHED_BEHAVIOR_KETAMA_WEIGHTED} (pylibmc {@code ketama_weighted}): ketama's MD5
     * points and key hash, node keys the host and {@code :port} only when it is not 11211.
     */
    LIBMEMCACHED_KETAMA_WEIGHTED("libmemcached-ketama-weighted", Hashes.KETAMA),
    /**
     * libmemcached with {@code MEMCACHED_BEHAVIOR_KETAMA} (pylibmc {@code ketama}): 100 points per server, one per
     * one-at-a-time hash of {@code "<node key>-<i>"}, and one-at-a-time keys. A weight above 1 makes libmemcached
     * switch to the weighted mode, so this profile refuses weights.
     */
    LIBMEMCACHED_KETAMA("libmemcached-ketama", Hashes.ONE_AT_A_TIME),
    /** HAProxy's bare {@code hash-type consistent}: sdbm with avalanche, and {@code hash-key id}. */
    HAPROXY("haproxy", Hashes.HAPROXY),
    /** HAProxy {@code hash-type consistent sdbm}: the same points, keys hashed by sdbm without avalanche. */
    HAPROXY_SDBM("haproxy-sdbm", Hashes.SDBM),
    /** Guava's {@code Hashing.consistentHash} over {@code murmur3_128().hashBytes(key).asLong()}. */
    GUAVA("guava", Hashes.MURMUR3),
    /** Envoy's ring_hash load balancer with its default XXH64 and minimum ring size 1024. */
    ENVOY_RING("envoy-ring", Hashes.XXH64),
    /** Envoy's maglev load balancer with its default table of 65537 slots. */
    ENVOY_MAGLEV("envoy-maglev", Hashes.XXH64);

    private final String id;
    private final HashFunction keyHash;

    Profile(String id, HashFunction keyHash) {
        this.id = id;
        this.keyHash = keyHash;
    }

    public String id() {
        return id;
    }

    /** How the system hashes a request's key. */
    public HashFunction keyHash() {
        return keyHash;
    }

    public static Profile of(String id) {
        for (Profile p : values()) {
            if (p.id.equals(id)) {
                return p;
            }
        }
        throw RingException.of("unknown profile '%s'; choose one of: %s", id,
                String.join(", ", Arrays.stream(values()).map(Profile::id).toList()));
    }
}
