package dev.whale.ring;

import java.math.BigInteger;

/** One row of a routing table: the first hash a partition serves, the partition, its node, and how many hashes. */
public record RoutingRow(BigInteger minHash, String partition, String node, BigInteger served) {}
