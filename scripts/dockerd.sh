#!/usr/bin/env bash
# A private Docker engine for tests: its own data and exec roots, socket and pid file under DIR,
# no iptables and no default bridge (containers run with --network host), vfs storage (works in
# any container or VM without overlayfs), and optionally its own /etc/hosts.
#
#   scripts/dockerd.sh start DIR [HOSTS_FILE]   # prints: export DOCKER_HOST=unix://DIR/docker.sock
#   scripts/dockerd.sh stop DIR
#
# The daemon resolves registry names itself, so HOSTS_FILE is bind-mounted over /etc/hosts in a
# private mount namespace (unshare) that only this dockerd sees; the machine's /etc/hosts is never
# edited. Docker speaks plain HTTP to registry names resolving to 127.0.0.0/8, which is how
# `000000000000.dkr.ecr.us-east-1.amazonaws.com:PORT` reaches `ebauth serve`.
#
# DOCKERD_START_TIMEOUT (seconds, default 30) bounds the wait for `docker version` to answer.
set -euo pipefail

usage() { echo "usage: $0 start DIR [HOSTS_FILE] | stop DIR" >&2; exit 2; }
[ $# -ge 2 ] || usage
command=$1
[ "$command" != start ] || mkdir -p "$2"
dir=$(cd "$2" 2>/dev/null && pwd) || { echo "no directory $2" >&2; exit 1; }
socket="$dir/docker.sock"
pidfile="$dir/dockerd.pid"
log="$dir/dockerd.log"

alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }
answers() { DOCKER_HOST="unix://$socket" timeout 10 docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

start() {
    local hosts=${1:-}
    command -v dockerd >/dev/null || { echo "dockerd is not installed (Debian: docker.io)" >&2; exit 1; }
    command -v docker >/dev/null || { echo "docker (the CLI) is not installed" >&2; exit 1; }
    if alive "$(cat "$pidfile" 2>/dev/null)" && answers; then
        echo "dockerd already running in $dir (pid $(cat "$pidfile"))" >&2
        echo "export DOCKER_HOST=unix://$socket"
        return
    fi
    rm -f "$socket" "$pidfile"
    mkdir -p "$dir/data" "$dir/exec"
    local daemon=(dockerd --iptables=false --ip6tables=false --bridge=none --storage-driver=vfs
        --data-root "$dir/data" --exec-root "$dir/exec" -H "unix://$socket" --pidfile "$pidfile")
    # setsid: the engine outlives this script and the shell that called it.
    if [ -n "$hosts" ]; then
        [ -f "$hosts" ] || { echo "hosts file $hosts does not exist" >&2; exit 1; }
        hosts=$(cd "$(dirname "$hosts")" && pwd)/$(basename "$hosts")
        command -v unshare >/dev/null || { echo "unshare is not installed (Debian: util-linux)" >&2; exit 1; }
        setsid unshare --mount --propagation private \
            sh -c 'mount --bind "$0" /etc/hosts && exec "$@"' "$hosts" "${daemon[@]}" \
            </dev/null >"$log" 2>&1 &
    else
        setsid "${daemon[@]}" </dev/null >"$log" 2>&1 &
    fi
    local launcher=$!
    local deadline=$((SECONDS + ${DOCKERD_START_TIMEOUT:-30}))
    until answers; do
        if ! alive "$launcher" && ! alive "$(cat "$pidfile" 2>/dev/null)"; then
            echo "dockerd exited during start-up; its log ($log):" >&2
            cat "$log" >&2
            exit 1
        fi
        if [ $SECONDS -ge $deadline ]; then
            echo "dockerd did not answer within ${DOCKERD_START_TIMEOUT:-30}s; its log ($log):" >&2
            cat "$log" >&2
            stop
            exit 1
        fi
        sleep 0.2
    done
    echo "dockerd $(DOCKER_HOST="unix://$socket" docker version --format '{{.Server.Version}}') running in $dir (pid $(cat "$pidfile"))${hosts:+ with hosts file $hosts}" >&2
    echo "export DOCKER_HOST=unix://$socket"
}

# Waits up to $2 seconds for PID $1 to exit.
wait_gone() {
    local deadline=$((SECONDS + $2))
    while alive "$1"; do
        [ $SECONDS -lt $deadline ] || return 1
        sleep 0.2
    done
}

stop() {
    local pid containerd
    pid=$(cat "$pidfile" 2>/dev/null || true)
    containerd=$(cat "$dir/exec/containerd/containerd.pid" 2>/dev/null || true)
    if ! alive "$pid" && ! alive "$containerd"; then
        echo "no dockerd is running in $dir (no live pid in $pidfile)" >&2
        rm -f "$pidfile" "$socket"
        return 1
    fi
    if alive "$pid"; then
        # dockerd stops its containers (15 s each at most) and its containerd on SIGTERM.
        kill -TERM "$pid"
        if ! wait_gone "$pid" 60; then
            echo "dockerd (pid $pid) ignored SIGTERM for 60s; killing it" >&2
            kill -KILL "$pid" 2>/dev/null || true
            wait_gone "$pid" 10 || true
        fi
    fi
    if alive "$containerd"; then
        kill -TERM "$containerd" 2>/dev/null || true
        wait_gone "$containerd" 10 || kill -KILL "$containerd" 2>/dev/null || true
    fi
    rm -f "$pidfile" "$socket"
    echo "dockerd in $dir stopped" >&2
}

case "$command" in
    start) [ $# -le 3 ] || usage; start "${3:-}" ;;
    stop) [ $# -eq 2 ] || usage; stop ;;
    *) usage ;;
esac
