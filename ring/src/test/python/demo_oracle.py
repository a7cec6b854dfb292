"""An independent Python computation of the demo tables of the consistent-hashing post.

whale's DemoTest runs the post's own script when the post is at hand (WHALE_SEED_DIR, or ../shared/seed beside
the repository); elsewhere it runs this file, written for whale from the post's description of the algorithm.
Usage: python3 demo_oracle.py NODES PARTITIONS
"""
import hashlib
import sys

END = 0xFFFFFFF  # the post's space ends here, one short of 2**28


def position(label):
    return int(hashlib.sha1(label.encode("utf-8")).hexdigest()[:7], 16)


def main(nodes, partitions):
    if nodes > 26:
        print("Too many servers")
        return 1
    servers = ["server-" + chr(ord("a") + k) for k in range(nodes)]
    points = sorted(
        ((position(f"{s}-{k}"), f"{s}-{k}", s) for s in servers for k in range(partitions)),
        key=lambda point: point[0],
    )
    rows = [(0, points[-1][1], points[-1][2])] + points
    starts = [r[0] for r in rows[1:]] + [END]
    served = [b - r[0] for r, b in zip(rows, starts)]

    lines = ["Full routing table"]
    lines += [f"{r[0]:9} --> {r[1]} ({n} hashes)" for r, n in zip(rows, served)]

    merged = []
    for r, n in zip(rows, served):
        if merged and merged[-1][1] == r[2]:
            merged[-1][2] += n
        else:
            merged.append([r[0], r[2], n])
    lines += ["", "Simplified routing table"]
    lines += [f"{m[0]:9} -- > {m[1]} ({m[2]:8} hashes)" for m in merged]

    lines += ["", "Stats"]
    totals = {s: sum(m[2] for m in merged if m[1] == s) for s in servers}
    lines += [f"{s} {totals[s]}" for s in servers]
    lines += ["", f"TOTAL HASHES: {sum(totals.values())}/{END}"]
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]), int(sys.argv[2])))
