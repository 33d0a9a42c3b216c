#!/usr/bin/env bash
# Builds the two images docker/docker-compose.yml runs, without the internet, with `docker import`
# from a root file system assembled here:
#
#   ebauth:local  the release `ebauth` binary and every library `ldd` lists for it (the Swift
#                 runtime at the toolchain's path, which the binary's RUNPATH names; glibc, sqlite,
#                 zlib, libcrypt, ICU and libxml2 from the machine)
#   registry:2    Debian's /usr/bin/docker-registry (the CNCF distribution registry) as /bin/registry,
#                 laid out like the official image (config at /etc/docker/registry/config.yml, data in
#                 /var/lib/registry, `registry serve CONFIG`), so the compose file runs either one
#
#   docker/build-offline.sh [--force] [--only ebauth|registry] [--htpasswd]
#
# An image whose inputs are unchanged is kept (the import message records their digest); --force
# rebuilds. --htpasswd regenerates docker/registry/htpasswd (bcrypt) for the test user.
# DOCKER_HOST selects the engine; EBAUTH_RELEASE_BIN skips `swift build -c release`.
set -euo pipefail
cd "$(dirname "$0")/.."

REGISTRY_USER=testuser
REGISTRY_PASSWORD=testpassword

force=false only="" htpasswd=false
while [ $# -gt 0 ]; do
    case "$1" in
        --force) force=true ;;
        --only) only=$2; shift ;;
        --htpasswd) htpasswd=true ;;
        *) echo "usage: $0 [--force] [--only ebauth|registry] [--htpasswd]" >&2; exit 2 ;;
    esac
    shift
done

command -v docker >/dev/null || { echo "docker (the CLI) is not installed" >&2; exit 1; }
work=$(mktemp -d /tmp/ebauth-image-XXXXXX)
trap 'rm -rf "$work"' EXIT

# Copies BINARY to ROOT/DEST and every library `ldd` lists, each at the path ldd resolved it to,
# so the dynamic loader and the binary's RUNPATH find them in the image as on this machine.
copy_with_libraries() {
    local binary=$1 root=$2 dest=$3 libraries
    install -D -m 0755 "$binary" "$root$dest"
    libraries=$(ldd "$binary")
    if grep -q "not found" <<<"$libraries"; then
        echo "$binary: libraries not found:" >&2
        grep "not found" <<<"$libraries" >&2
        exit 1
    fi
    awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' <<<"$libraries" | while read -r library; do
        install -D -m 0755 "$(readlink -f "$library")" "$root$library"
    done
}

# Imports ROOT as IMAGE with the given --change instructions, unless IMAGE already records DIGEST.
import_image() {
    local image=$1 root=$2 digest=$3
    shift 3
    local changes=()
    for change in "$@"; do changes+=(--change "$change"); done
    ! $force && docker image inspect --format '{{.Comment}}' "$image" 2>/dev/null | grep -qx "ebauth build-offline $digest" && {
        echo "$image is up to date ($digest)"
        return
    }
    tar --numeric-owner --owner=0 --group=0 -C "$root" -c . |
        docker import "${changes[@]}" --message "ebauth build-offline $digest" - "$image" >/dev/null
    echo "$image built: $(docker image inspect --format '{{.Id}} {{.Size}} bytes' "$image")"
}

# Digest of the files that make up a root file system.
inputs_digest() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16); }

build_ebauth() {
    local binary=${EBAUTH_RELEASE_BIN:-}
    if [ -z "$binary" ]; then
        swift build -c release --product ebauth
        binary="$(swift build -c release --show-bin-path)/ebauth"
    fi
    local root="$work/ebauth"
    copy_with_libraries "$binary" "$root" /usr/local/bin/ebauth
    # Debug info only makes the image bigger; symbols stay for backtraces.
    command -v strip >/dev/null && strip --strip-debug "$root/usr/local/bin/ebauth"
    install -d -m 1777 "$root/tmp"      # temporary state when --state is not given
    install -d "$root/var/lib/ebauth"   # for --state /var/lib/ebauth
    import_image ebauth:local "$root" "$(inputs_digest "$root")" \
        'ENTRYPOINT ["/usr/local/bin/ebauth"]' \
        'CMD ["serve", "--host", "0.0.0.0", "--port", "4566"]' \
        'EXPOSE 4566'
}

build_registry() {
    local binary
    binary=$(command -v docker-registry) || { echo "docker-registry is not installed (Debian: docker-registry)" >&2; exit 1; }
    local root="$work/registry"
    copy_with_libraries "$binary" "$root" /bin/registry
    install -d "$root/var/lib/registry"
    # The official image's default configuration: no auth, port 5000; docker-compose.yml mounts its own.
    install -D -m 0644 /dev/stdin "$root/etc/docker/registry/config.yml" <<'YAML'
version: 0.1
log:
  fields:
    service: registry
storage:
  cache:
    blobdescriptor: inmemory
  filesystem:
    rootdirectory: /var/lib/registry
http:
  addr: :5000
  headers:
    X-Content-Type-Options: [nosniff]
health:
  storagedriver:
    enabled: true
    interval: 10s
    threshold: 3
YAML
    import_image registry:2 "$root" "$(inputs_digest "$root")" \
        'ENTRYPOINT ["/bin/registry", "serve"]' \
        'CMD ["/etc/docker/registry/config.yml"]' \
        'EXPOSE 5000' \
        'VOLUME ["/var/lib/registry"]'
}

# bcrypt is the only hash the distribution registry accepts.
write_htpasswd() {
    local file=docker/registry/htpasswd
    if command -v htpasswd >/dev/null; then
        htpasswd -Bbn "$REGISTRY_USER" "$REGISTRY_PASSWORD" | sed '/^$/d' >"$file"
    else
        echo "htpasswd is not installed (Debian: apache2-utils)" >&2
        exit 1
    fi
    echo "wrote $file for $REGISTRY_USER"
}

if $htpasswd || [ ! -s docker/registry/htpasswd ]; then write_htpasswd; fi
case "$only" in
    "") build_ebauth; build_registry ;;
    ebauth) build_ebauth ;;
    registry) build_registry ;;
    *) echo "--only takes ebauth or registry" >&2; exit 2 ;;
esac
