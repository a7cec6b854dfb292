#!/bin/sh
# The official postgres image's contract, for Debian's PostgreSQL: on an empty PGDATA, initdb with POSTGRES_USER as
# the superuser and POSTGRES_PASSWORD as its password (scram-sha-256 for every connection from the network; the
# socket inside the container trusts, so that `docker compose exec db psql` works), POSTGRES_DB created, and the
# *.sql and *.sh files of /docker-entrypoint-initdb.d run in order against it; then the server, as the postgres
# user, durable (fsync, synchronous_commit and full_page_writes are PostgreSQL's defaults and stay on), listening on
# every interface of the container.
set -eu
: "${POSTGRES_USER:=postgres}"
: "${POSTGRES_DB:=$POSTGRES_USER}"
: "${PGDATA:=/var/lib/postgresql/data}"
if [ "${1:-postgres}" != postgres ]; then exec "$@"; fi
if [ -z "${POSTGRES_PASSWORD:-}" ]; then
  echo "postgres: POSTGRES_PASSWORD is empty; this image lets no one in without a password" >&2
  exit 1
fi
as_postgres() { setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"; }
mkdir -p "$PGDATA" /var/run/postgresql
chown postgres:postgres "$PGDATA" /var/run/postgresql
chmod 0700 "$PGDATA"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  pwfile="$(mktemp)"
  printf '%s\n' "$POSTGRES_PASSWORD" > "$pwfile"
  chown postgres "$pwfile"
  as_postgres initdb -D "$PGDATA" -U "$POSTGRES_USER" --pwfile="$pwfile" -A scram-sha-256 -E UTF8 --locale=C.UTF-8 \
    >/dev/null
  rm -f "$pwfile"
  printf 'local all all trust\nhost all all all scram-sha-256\n' > "$PGDATA/pg_hba.conf"
  if [ "$POSTGRES_DB" != postgres ]; then
    printf 'CREATE DATABASE "%s";\n' "$POSTGRES_DB" | as_postgres postgres --single -D "$PGDATA" postgres >/dev/null
  fi
  if [ -n "$(ls /docker-entrypoint-initdb.d/ 2>/dev/null)" ]; then
    # A server on the socket alone while the scripts run, as the official image does.
    as_postgres pg_ctl -D "$PGDATA" -w -s -o "-c listen_addresses=''" start
    for f in /docker-entrypoint-initdb.d/*; do
      case "$f" in
        *.sql) echo "postgres: running $f"
               as_postgres psql -v ON_ERROR_STOP=1 -q -U "$POSTGRES_USER" -d "$POSTGRES_DB" -f "$f" >/dev/null ;;
        *.sh)  echo "postgres: running $f"; . "$f" ;;
        *)     echo "postgres: ignoring $f" ;;
      esac
    done
    as_postgres pg_ctl -D "$PGDATA" -w -s -m fast stop
  fi
  echo "postgres: initialised $PGDATA for $POSTGRES_USER, database $POSTGRES_DB"
fi
shift
exec setpriv --reuid=postgres --regid=postgres --init-groups -- postgres -D "$PGDATA" -c listen_addresses='*' \
  -c password_encryption=scram-sha-256 "$@"
