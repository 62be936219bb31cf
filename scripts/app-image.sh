#!/usr/bin/env bash
# Builds meshprobe/debian-apps, a local image with real PostgreSQL 15, Redis and nginx from
# Debian bookworm's packages (debootstrap, then an image import: no registry needed), and
# prints its name. The root filesystem is cached by the content of this recipe, so a second
# engine, or a second run, only imports it again.
set -euo pipefail

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

recipe=$(sha256sum "$0" | cut -c1-12)
image=meshprobe/debian-apps:$recipe
if docker image inspect "$image" >/dev/null 2>&1; then echo "$image"; exit 0; fi

cache_dir=/var/cache/meshprobe
tarball=$cache_dir/debian-apps-$recipe.tar
if [ ! -s "$tarball" ]; then
  command -v debootstrap >/dev/null || as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >&2
  as_root mkdir -p "$cache_dir"
  root=$(mktemp -d)
  chmod 0755 "$root"  # its own "/": the postgres user must be able to enter it
  trap 'as_root rm -rf "$root"' EXIT
  echo "app-image: debootstrap bookworm with postgresql, redis-server, nginx-light (about a minute)" >&2
  as_root debootstrap --variant=minbase --include=postgresql,redis-server,nginx-light,procps \
    bookworm "$root" http://deb.debian.org/debian >&2
  # postgresql's maintainer scripts create no cluster inside debootstrap; make the usual one.
  [ -f "$root"/etc/postgresql/15/main/postgresql.conf ] || as_root chroot "$root" pg_createcluster 15 main >&2
  # Test databases on a private network: listen everywhere, trust the network.
  as_root sed -i "s/^#\?listen_addresses.*/listen_addresses = '*'/" "$root"/etc/postgresql/15/main/postgresql.conf
  echo "host all all 0.0.0.0/0 trust" | as_root tee -a "$root"/etc/postgresql/15/main/pg_hba.conf >/dev/null
  as_root mkdir -p "$root"/run/postgresql
  as_root chroot "$root" chown postgres:postgres /run/postgresql
  as_root rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  as_root tar -C "$root" -cf "$tarball.part" .
  as_root mv "$tarball.part" "$tarball"
fi
docker import -c 'CMD ["bash"]' "$tarball" "$image" >/dev/null
docker tag "$image" meshprobe/debian-apps:latest
echo "$image"
