/*
 * Where libmemcached sends keys: memcached_generate_hash over a server list, for the ring tests.
 *   libmemcached-place ketama|ketama-weighted HOST:PORT[:WEIGHT]... < keys > "key<TAB>host:port" lines
 * Computes only: no server is contacted.
 */
#include <libmemcached/memcached.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: %s ketama|ketama-weighted HOST:PORT[:WEIGHT]...\n", argv[0]);
        return 2;
    }
    memcached_st *memc = memcached_create(NULL);
    memcached_behavior_t mode = strcmp(argv[1], "ketama-weighted") == 0
            ? MEMCACHED_BEHAVIOR_KETAMA_WEIGHTED : MEMCACHED_BEHAVIOR_KETAMA;
    if (memcached_behavior_set(memc, mode, 1) != MEMCACHED_SUCCESS) {
        fprintf(stderr, "cannot set %s\n", argv[1]);
        return 1;
    }
    for (int i = 2; i < argc; i++) {
        char *host = strdup(argv[i]);
        char *port = strchr(host, ':');
        char *weight = port ? strchr(port + 1, ':') : NULL;
        if (port == NULL) {
            fprintf(stderr, "no port in %s\n", argv[i]);
            return 2;
        }
        *port++ = '\0';
        if (weight) {
            *weight++ = '\0';
        }
        if (memcached_server_add_with_weight(memc, host, (in_port_t) atoi(port), weight ? atoi(weight) : 0)
                != MEMCACHED_SUCCESS) {
            fprintf(stderr, "cannot add %s\n", argv[i]);
            return 1;
        }
    }
    static char key[65536];
    while (fgets(key, sizeof key, stdin)) {
        size_t n = strcspn(key, "\n");
        key[n] = '\0';
        const memcached_instance_st *server =
                memcached_server_instance_by_position(memc, memcached_generate_hash(memc, key, n));
        printf("%s\t%s:%u\n", key, memcached_server_name(server), (unsigned) memcached_server_port(server));
    }
    memcached_free(memc);
    return 0;
}
