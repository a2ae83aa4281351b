#!/usr/bin/env bash
# Build and install the pgvector extension for the local PostgreSQL (idempotent; CI calls it).
#
# Debian 12 has no pgvector package for PostgreSQL 15, and only Debian's, PyPI's and npm's
# registries are reachable. Debian trixie's *source* package pgvector 0.8.0-1 is on Debian's
# registry, so apt fetches it (checksums checked against the signed Release file) through a
# private sources list, without touching the system's apt configuration, and it is compiled
# against postgresql-server-dev-N (about 10 s). Without root or apt it only says so: the
# workbench then keeps claim vectors in the in-process index (docs/matching.md).
set -euo pipefail
PGVECTOR_VERSION="${PGVECTOR_VERSION:-0.8.0}"
PG_MAJOR="${PG_MAJOR:-$(ls /etc/postgresql 2>/dev/null | sort -n | tail -1)}"
if [ -z "$PG_MAJOR" ]; then
  echo "build_pgvector: no local PostgreSQL; nothing to do"
  exit 0
fi
if [ -f "/usr/share/postgresql/$PG_MAJOR/extension/vector.control" ]; then
  exit 0  # already installed
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "build_pgvector: needs root and apt-get; claim matching uses the in-process index" >&2
  exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export DEBIAN_FRONTEND=noninteractive
dpkg -s "postgresql-server-dev-$PG_MAJOR" >/dev/null 2>&1 || {
  apt-get update -qq
  apt-get install -y -qq "postgresql-server-dev-$PG_MAJOR" gcc make >/dev/null
}
mkdir -p "$work/lists/partial" "$work/src"
echo "deb-src http://deb.debian.org/debian trixie main" >"$work/sources.list"
apt_private=(-o "Dir::Etc::SourceList=$work/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
  -o "Dir::State::Lists=$work/lists" -o "APT::Sandbox::User=root")
apt-get "${apt_private[@]}" update -qq
(cd "$work/src" && apt-get "${apt_private[@]}" source --download-only -qq "pgvector=$PGVECTOR_VERSION-1")
tar -xzf "$work/src/pgvector_$PGVECTOR_VERSION.orig.tar.gz" -C "$work/src"
make -s -C "$work/src/pgvector-$PGVECTOR_VERSION" PG_CONFIG="/usr/lib/postgresql/$PG_MAJOR/bin/pg_config" OPTFLAGS="" >/dev/null
make -s -C "$work/src/pgvector-$PGVECTOR_VERSION" PG_CONFIG="/usr/lib/postgresql/$PG_MAJOR/bin/pg_config" install >/dev/null
echo "build_pgvector: pgvector $PGVECTOR_VERSION installed for PostgreSQL $PG_MAJOR"
