"""Where uhashring's ketama ring sends each key read from stdin, one per line: "key<TAB>server" lines.

    /usr/bin/python3 bench/ring-locate-uhashring.py HOST:PORT... < keys > placements

Debian's python3-uhashring, in its ketama mode (HashRing(hash_fn="ketama")): 40 vnodes of 4 points per server,
the MD5 points and key hash of libketama. Written for bench/ring-locate.sh only.
"""
import sys

from uhashring import HashRing


def main():
    ring = HashRing(nodes=sys.argv[1:], hash_fn="ketama")
    node_of = ring.get_node
    write = sys.stdout.write
    for line in sys.stdin:
        key = line.rstrip("\n")
        write(key + "\t" + node_of(key) + "\n")


if __name__ == "__main__":
    main()
