package dev.whale.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.hash.Hashing;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.spy.memcached.DefaultHashAlgorithm;
import net.spy.memcached.KetamaNodeKeyFormatter;
import net.spy.memcached.KetamaNodeLocator;
import net.spy.memcached.MemcachedNode;
import org.junit.jupiter.api.Test;

/** The guava and ketama profiles against the real libraries, on random keys. */
class PeerLibrariesTest {
    private static final int KEYS = 10_000;

    static String randomKey(SplittableRandom rnd) {
        StringBuilder sb = new StringBuilder();
        int len = 1 + rnd.nextInt(30);
        for (int i = 0; i < len; i++) {
            sb.append((char) (rnd.nextBoolean() ? 33 + rnd.nextInt(94) : 0x3b1 + rnd.nextInt(20)));
        }
        return sb.toString();
    }

    @Test
    void guava_matchesConsistentHash_onRandomLongsAndBucketCounts() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < KEYS; i++) {
            long input = rnd.nextLong();
            int buckets = 1 + rnd.nextInt(i % 2 == 0 ? 10 : 5000);
            assertEquals(Hashing.consistentHash(input, buckets), JumpHash.guava(input, buckets), "input " + input);
        }
    }

    @Test
    void guava_keepsTheIntOverflow_whereThePaperDiffers() {
        long key = 0xfaae55cd06a3a298L;
        for (int n : new int[] {2, 10, 1000}) {
            assertEquals(Hashing.consistentHash(key, n), JumpHash.guava(key, n));
        }
        assertEquals(0, JumpHash.guava(key, 2));
        assertEquals(1, JumpHash.bucket(key, 2));
        assertEquals(7, JumpHash.bucket(key, 10));
        assertEquals(222, JumpHash.bucket(key, 1000));
        assertEquals(520, JumpHash.guava(256, 1024));
        assertEquals(520, JumpHash.bucket(256, 1024));
    }

    @Test
    void guavaProfile_matchesGuava_onRandomStringKeys() {
        List<Node> servers = Node.named(7);
        Partitioner p = Partitioning.profile(Profile.GUAVA).nodes(servers).build();
        SplittableRandom rnd = new SplittableRandom(2);
        for (int i = 0; i < KEYS; i++) {
            String k = randomKey(rnd);
            int bucket = Hashing.consistentHash(Hashing.murmur3_128().hashString(k, StandardCharsets.UTF_8), 7);
            assertEquals(servers.get(bucket).name(), p.place(k).node(), "key " + k);
        }
    }

    /** A MemcachedNode that only knows its address, which is all KetamaNodeLocator asks of it. */
    static MemcachedNode node(InetSocketAddress address) {
        return (MemcachedNode) Proxy.newProxyInstance(MemcachedNode.class.getClassLoader(),
                new Class<?>[] {MemcachedNode.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getSocketAddress" -> address;
                    case "toString" -> "node " + address;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new AssertionError("KetamaNodeLocator asked for " + method.getName());
                });
    }

    /**
     * spymemcached keys a node by its address's toString(), which is "/127.0.0.1:11211" for an address made from an
     * IP and "host/127.0.0.1:11211" once a host name is known; libmemcached's format uses the host name, which
     * getByAddress sets without asking DNS.
     */
    static InetSocketAddress address(KetamaNodeKeyFormatter.Format format, int port) throws Exception {
        return format == KetamaNodeKeyFormatter.Format.SPYMEMCACHED
                ? new InetSocketAddress("127.0.0.1", port)
                : new InetSocketAddress(InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1}), port);
    }

    void compareKetama(Profile profile, KetamaNodeKeyFormatter.Format format, int[] ports, int[] weights,
                       long seed) throws Exception {
        List<MemcachedNode> nodes = new ArrayList<>();
        Map<InetSocketAddress, Integer> weightMap = new LinkedHashMap<>();
        Map<MemcachedNode, String> names = new HashMap<>();
        StringBuilder spec = new StringBuilder();
        for (int i = 0; i < ports.length; i++) {
            InetSocketAddress a = address(format, ports[i]);
            MemcachedNode n = node(a);
            nodes.add(n);
            names.put(n, "127.0.0.1:" + ports[i]);
            if (weights != null) {
                weightMap.put(a, weights[i]);
            }
            spec.append(i > 0 ? "," : "").append("127.0.0.1:").append(ports[i]);
            if (weights != null) {
                spec.append('=').append(weights[i]);
            }
        }
        KetamaNodeLocator locator = new KetamaNodeLocator(nodes, DefaultHashAlgorithm.KETAMA_HASH, format,
                weights == null ? new HashMap<>() : weightMap);
        Partitioner p = Partitioning.profile(profile).nodes(Node.parseList(spec.toString())).build();
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < KEYS; i++) {
            String k = randomKey(rnd).replace(' ', '_');
            assertEquals(names.get(locator.getPrimary(k)), p.place(k).node(), "key " + k);
        }
    }

    @Test
    void ketama_matchesSpymemcached_onRandomKeys() throws Exception {
        compareKetama(Profile.KETAMA, KetamaNodeKeyFormatter.Format.SPYMEMCACHED,
                new int[] {11211, 11212, 11213, 11214}, null, 3);
    }

    @Test
    void ketama_matchesSpymemcached_withWeights() throws Exception {
        compareKetama(Profile.KETAMA, KetamaNodeKeyFormatter.Format.SPYMEMCACHED,
                new int[] {11211, 11212, 11213}, new int[] {3, 1, 2}, 4);
    }

    @Test
    void libmemcachedKetamaWeighted_matchesSpymemcachedsLibmemcachedFormat() throws Exception {
        compareKetama(Profile.LIBMEMCACHED_KETAMA_WEIGHTED, KetamaNodeKeyFormatter.Format.LIBMEMCACHED,
                new int[] {11211, 11212, 11213}, null, 5);
    }

    @Test
    void ketama_referenceVectors() {
        assertEquals(3111502092L, Hashes.KETAMA.position("a".getBytes(StandardCharsets.UTF_8)));
        List<Node> servers = Node.parseList("127.0.0.1:11211,127.0.0.1:11212,127.0.0.1:11213");
        Partitioner spy = Partitioning.profile(Profile.KETAMA).nodes(servers).build();
        // The reference's libmemcached figure comes from spymemcached, whose getHostName() resolved 127.0.0.1 to
        // localhost: the node keys were "localhost", "localhost:11212" and "localhost:11213".
        Partitioner lib = Partitioning.profile(Profile.LIBMEMCACHED_KETAMA_WEIGHTED)
                .nodes(Node.parseList("localhost:11211,localhost:11212,localhost:11213")).build();
        assertEquals("127.0.0.1:11212", spy.place("a").node());
        assertEquals("127.0.0.1:11211", spy.place("b").node());
        assertEquals("127.0.0.1:11213", spy.place("user42").node());
        assertEquals("127.0.0.1:11211", spy.place("key0").node());
        assertEquals("127.0.0.1:11212", spy.place("c").node());
        assertEquals("localhost:11211", lib.place("c").node());
    }
}
