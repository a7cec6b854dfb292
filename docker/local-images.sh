#!/usr/bin/env bash
# Local equivalents of the Docker Hub images that docker/Dockerfile and the compose files name, for an engine that
# reaches no registry (podman on a machine without Docker Hub). Each is built only when its inputs changed (a label
# holds their hash); the Debian root file system is kept in CACHE between runs.
#   local/debian:bookworm   debootstrap --variant=minbase
#   local/maven:jdk         Maven's binary distribution and this machine's JDK 21+   BUILD_IMAGE
#   local/jre:jdk           a runtime jlink makes from that JDK                    JRE_IMAGE
#   local/postgres:15       Debian's PostgreSQL 15, the official image's entrypoint contract   POSTGRES_IMAGE
#   local/nginx:bookworm    Debian's nginx                                          NGINX_IMAGE
# On success it prints those four variables, one NAME=VALUE a line, for the compose files and `docker build`:
#   eval "$(docker/local-images.sh)" && docker-compose -f docker/development.yml up -d
# Environment: ENGINE (podman), CACHE (/var/cache/whale/images), MIRROR (the first Debian mirror of this machine).
# Needs: podman runc debootstrap (Debian packages), curl, and a JDK 21+ (./whale jdk finds it).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
PROG=docker/local-images.sh
ENGINE="${ENGINE:-podman}"
CACHE="${CACHE:-/var/cache/whale/images}"
export CONTAINERS_CONF="${CONTAINERS_CONF:-$ROOT/docker/local/containers.conf}"
MAVEN_VERSION=3.9.9
say() { echo "$PROG: $*" >&2; }
need() { command -v "$1" >/dev/null || { say "$1 is missing: apt-get install $2"; exit 2; }; }
need "$ENGINE" "podman runc"
need curl curl

has_image() { "$ENGINE" image exists "$1" 2>/dev/null; }
label() { "$ENGINE" image inspect -f "{{index .Config.Labels \"whale.inputs\"}}" "$1" 2>/dev/null || true; }
hash_of() { sha256sum "$@" | sha256sum | cut -c1-16; }

# 1. The Debian base, from debootstrap; the tarball stays in CACHE.
if ! has_image local/debian:bookworm; then
  mkdir -p "$CACHE"
  tarball="$CACHE/debian-bookworm-minbase.tar"
  if [[ ! -s "$tarball" ]]; then
    need debootstrap debootstrap
    mirror="${MIRROR:-$(sed -n 's/^URIs: *\([^ ]*\).*/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null |
      grep -v security | head -1)}"
    mirror="${mirror:-http://deb.debian.org/debian}"
    rootfs="$(mktemp -d "$CACHE/rootfs.XXXXXX")"
    trap 'rm -rf "$rootfs"' EXIT
    say "debootstrap of Debian bookworm from $mirror (about a minute, once)"
    debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$CACHE/debootstrap.log" 2>&1 \
      || { say "debootstrap failed; see $CACHE/debootstrap.log"; exit 1; }
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
    tar -C "$rootfs" -cf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"
    rm -rf "$rootfs"
    trap - EXIT
  fi
  say "importing local/debian:bookworm"
  "$ENGINE" import -q "$tarball" local/debian:bookworm >/dev/null
fi

# 2. The images built on it: Dockerfile, context files and any other input decide the hash.
JDK="$(./whale jdk)"
CTX="$(mktemp -d)"
trap 'rm -rf "$CTX"' EXIT
build() { # name dockerfile hash
  local name="$1" file="$2" h="$3"
  if has_image "$name" && [[ "$(label "$name")" == "$h" ]]; then return 0; fi
  say "building $name"
  "$ENGINE" build -q --label "whale.inputs=$h" -f "$file" -t "$name" "$CTX" >"$CTX/build.log" 2>&1 \
    || { cat "$CTX/build.log" >&2; say "building $name failed"; exit 1; }
}
base_id="$("$ENGINE" image inspect -f '{{.Id}}' local/debian:bookworm)"
jdk_id="$(sha256sum "$JDK/release" | cut -c1-16)"

mkdir -p "$CTX/maven"
maven_tgz="$CACHE/apache-maven-$MAVEN_VERSION-bin.tar.gz"
h=$(echo "$base_id $jdk_id $MAVEN_VERSION $(hash_of docker/local/maven.Dockerfile)" | sha256sum | cut -c1-16)
if ! has_image local/maven:jdk || [[ "$(label local/maven:jdk)" != "$h" ]]; then
  if [[ ! -s "$maven_tgz" ]]; then
    mkdir -p "$CACHE"
    central=https://repo.maven.apache.org/maven2
    curl -fsSL -o "$maven_tgz.tmp" \
      "$central/org/apache/maven/apache-maven/$MAVEN_VERSION/apache-maven-$MAVEN_VERSION-bin.tar.gz"
    mv "$maven_tgz.tmp" "$maven_tgz"
  fi
  tar -C "$CTX/maven" --strip-components=1 -xzf "$maven_tgz"
  cp -a "$JDK" "$CTX/jdk"
  build local/maven:jdk docker/local/maven.Dockerfile "$h"
  rm -rf "$CTX/jdk" "$CTX/maven"
fi

h=$(echo "$base_id $jdk_id $(hash_of docker/local/jre.Dockerfile)" | sha256sum | cut -c1-16)
if ! has_image local/jre:jdk || [[ "$(label local/jre:jdk)" != "$h" ]]; then
  tools='jcmd\|jdeps\|jshell\|javadoc\|compiler\|jlink\|jpackage\|hotspot\.agent\|incubator\..*'
  modules="$("$JDK/bin/java" --list-modules | sed 's/@.*//' | grep -v "^jdk\.\($tools\)\$" | paste -sd, -)"
  "$JDK/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --output "$CTX/jre"
  build local/jre:jdk docker/local/jre.Dockerfile "$h"
  rm -rf "$CTX/jre"
fi

cp docker/local/postgres-entrypoint.sh "$CTX/"
pg_inputs="$(hash_of docker/local/postgres.Dockerfile docker/local/postgres-entrypoint.sh)"
build local/postgres:15 docker/local/postgres.Dockerfile "$(echo "$base_id $pg_inputs" | sha256sum | cut -c1-16)"
build local/nginx:bookworm docker/local/nginx.Dockerfile \
  "$(echo "$base_id $(hash_of docker/local/nginx.Dockerfile)" | sha256sum | cut -c1-16)"

echo "BUILD_IMAGE=local/maven:jdk"
echo "JRE_IMAGE=local/jre:jdk"
echo "POSTGRES_IMAGE=local/postgres:15"
echo "NGINX_IMAGE=local/nginx:bookworm"
