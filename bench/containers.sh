#!/usr/bin/env bash
# Builds meetload's container images on one machine and tries them the way a pod runs them.
#
#   bench/containers.sh [all|daemon|debian|bases|apps|try]     (default: all)
#
#   daemon  (a) start dockerd if none answers: no bridge, no NAT, no 172.17.0.0/16 network
#   debian  (b) a Debian bookworm base image made with debootstrap, if there is none yet
#   bases   (c) meetload/worker-base, meetload/coordinator-base and meetload/janus-test
#   apps    (d) meetload/worker and meetload/coordinator, built by Jib into the Docker daemon
#   try     (e) Janus and a worker in one network namespace, like the containers of a pod: the
#               worker's metrics must show its 1-CPU limit and a real CPU ratio, and the
#               coordinator's /q/health must answer UP
#
# Needs root (dockerd, debootstrap, nsenter). Every container runs with --network none or in
# another container's namespace: nothing leaves 127.0.0.0/8. A dockerd this script started is
# stopped at the end unless KEEP_DOCKERD=1; the try step's containers are removed unless KEEP=1.
# Environment: MEETLOAD_BENCH_DIR (work folder, default /var/tmp/meetload-containers),
# DOCKER (client, default /usr/bin/docker from docker.io when present).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${MEETLOAD_BENCH_DIR:-/var/tmp/meetload-containers}
if [[ -z "${DOCKER:-}" ]]; then
  if [[ -x /usr/bin/docker ]]; then DOCKER=/usr/bin/docker; else DOCKER=docker; fi
fi
DEBIAN_IMAGE=meetload/debian:bookworm
WORKER_BASE=meetload/worker-base:bookworm
COORDINATOR_BASE=meetload/coordinator-base:bookworm
JANUS_IMAGE=meetload/janus-test:bookworm
STARTED_DOCKERD=""
mkdir -p "$WORK"

log() { printf '== %s\n' "$*" >&2; }
fail() { printf 'FAILED: %s\n' "$*" >&2; exit 1; }
has_image() { "$DOCKER" image inspect "$1" >/dev/null 2>&1; }

cleanup() {
  if [[ -z "${KEEP:-}" ]] && "$DOCKER" info >/dev/null 2>&1; then
    "$DOCKER" rm -f meetload-worker meetload-coordinator meetload-janus >/dev/null 2>&1 || true
  fi
  if [[ -n "$STARTED_DOCKERD" && -z "${KEEP_DOCKERD:-}" ]]; then
    log "stopping the dockerd this script started (pid $STARTED_DOCKERD)"
    kill "$STARTED_DOCKERD" 2>/dev/null || true
  fi
}
trap cleanup EXIT

# (a) dockerd with no bridge, no iptables rules and no NAT: no 172.17.0.0/16 network ever carries traffic.
step_daemon() {
  if "$DOCKER" info >/dev/null 2>&1; then
    log "dockerd answers already"
    return
  fi
  if ! command -v dockerd >/dev/null; then
    log "installing docker.io"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker.io >/dev/null
    [[ -x /usr/bin/docker ]] && DOCKER=/usr/bin/docker
  fi
  log "starting dockerd --bridge=none --iptables=false --ip-masq=false (log: $WORK/dockerd.log)"
  dockerd --bridge=none --iptables=false --ip-masq=false >"$WORK/dockerd.log" 2>&1 &
  STARTED_DOCKERD=$!
  for _ in $(seq 1 60); do
    "$DOCKER" info >/dev/null 2>&1 && { log "dockerd is up"; return; }
    sleep 1
  done
  fail "dockerd did not answer within 60 s; see $WORK/dockerd.log"
}

# The Debian mirror this machine's apt uses; the image uses the same sources as the host.
debian_mirror() {
  local mirror=""
  if [[ -f /etc/apt/sources.list.d/debian.sources ]]; then
    mirror=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources)
  fi
  if [[ -z "$mirror" && -f /etc/apt/sources.list ]]; then
    mirror=$(awk '$1 == "deb" && $3 == "bookworm" { print $2; exit }' /etc/apt/sources.list)
  fi
  [[ -n "$mirror" ]] || fail "no Debian mirror found in /etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list"
  echo "$mirror"
}

# (b) No registry may be reachable: the base of every image is made here, from Debian's packages.
step_debian() {
  if has_image "$DEBIAN_IMAGE"; then
    log "$DEBIAN_IMAGE exists"
    return
  fi
  command -v debootstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap >/dev/null
  local rootfs="$WORK/rootfs-bookworm" mirror
  mirror=$(debian_mirror)
  rm -rf "$rootfs"
  log "debootstrap --variant=minbase bookworm from $mirror (about 2 min)"
  debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$WORK/debootstrap.log" 2>&1 \
    || fail "debootstrap failed; see $WORK/debootstrap.log"
  # Without bookworm-updates and bookworm-security, Chromium and chromedriver lag the host's.
  if [[ -f /etc/apt/sources.list.d/debian.sources ]]; then
    cp /etc/apt/sources.list.d/debian.sources "$rootfs/etc/apt/sources.list.d/debian.sources"
    rm -f "$rootfs/etc/apt/sources.list"
  else
    cp /etc/apt/sources.list "$rootfs/etc/apt/sources.list"
  fi
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  log "importing $DEBIAN_IMAGE"
  tar -C "$rootfs" -c . | "$DOCKER" import - "$DEBIAN_IMAGE" >/dev/null
  rm -rf "$rootfs"
}

# (c) The bases: apt inside the build reaches Debian's packages through the host's network.
step_bases() {
  local image dir
  for pair in "$WORKER_BASE:worker-base" "$COORDINATOR_BASE:coordinator-base" "$JANUS_IMAGE:janus-test"; do
    image=${pair%:*}
    dir=${pair##*:}
    log "docker build $image from docker/$dir"
    "$DOCKER" build --network host --build-arg DEBIAN_BASE="$DEBIAN_IMAGE" -t "$image" "$ROOT/docker/$dir" \
      >"$WORK/build-$dir.log" 2>&1 || fail "building $image; see $WORK/build-$dir.log"
    "$DOCKER" image ls --format '   {{.Repository}}:{{.Tag}} {{.Size}}' "$image"
  done
}

# (d) One application, two images: the same jar on two bases. docker:// makes Jib take the base
# from the daemon instead of pulling it from a registry.
step_apps() {
  local name base
  for pair in "coordinator:$COORDINATOR_BASE" "worker:$WORKER_BASE"; do
    name=${pair%%:*}
    base=${pair#*:}
    log "Jib: meetload/$name:latest on $base"
    (cd "$ROOT" && ./mvnw -B -q package -DskipTests \
      -Dquarkus.container-image.build=true \
      -Dquarkus.container-image.group=meetload \
      -Dquarkus.container-image.name="$name" \
      -Dquarkus.container-image.tag=latest \
      -Dquarkus.jib.base-jvm-image="docker://$base" \
      -Dquarkus.jib.docker-executable-name="$DOCKER") >"$WORK/jib-$name.log" 2>&1 \
      || fail "Jib build of meetload/$name; see $WORK/jib-$name.log"
    "$DOCKER" image ls --format '   {{.Repository}}:{{.Tag}} {{.Size}}' "meetload/$name:latest"
  done
}

in_janus_netns() {
  nsenter -t "$("$DOCKER" inspect -f '{{.State.Pid}}' meetload-janus)" -n "$@"
}

# Polls a command until it succeeds, for at most $1 seconds.
wait_for() {
  local seconds=$1 what=$2
  shift 2
  for _ in $(seq 1 "$seconds"); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 1
  done
  fail "$what did not happen within $seconds s"
}

metric() {
  in_janus_netns curl -fsS http://127.0.0.1:8080/q/metrics | awk -v name="$1" '$1 == name || index($1, name "{") == 1 { print $NF; exit }'
}

# (e) A pod, by hand: Janus owns the network namespace (veth fix needs NET_ADMIN); the worker and
# the coordinator join it, as the containers of one pod share theirs. The coordinator knows no run
# "containers-check", so it refuses the worker's heartbeats (HTTP 404, in the worker's log): this
# step checks the images and the limits, not a run.
step_try() {
  local plan="$WORK/janus-2p.json" data="$WORK/data"
  cat >"$plan" <<'PLAN'
{
  "schema": 1,
  "name": "containers-janus-2p",
  "target": { "driver": "janus", "url": "http://127.0.0.1:8088/janus", "room": 1234 },
  "participants": 2,
  "videoSenders": 2,
  "audioSenders": 2,
  "instances": 1,
  "duration": "PT1M",
  "rampUp": "PT2S",
  "video": { "width": 640, "height": 360, "fps": 20 },
  "instanceSize": { "cpu": "1", "memory": "2Gi" }
}
PLAN
  chmod 644 "$plan"
  mkdir -p "$data"
  chown 1001:1001 "$data"
  "$DOCKER" rm -f meetload-worker meetload-coordinator meetload-janus >/dev/null 2>&1 || true

  log "Janus in its own network namespace (lo + lo1/lo2 veth on 127.0.0.2)"
  "$DOCKER" run -d --name meetload-janus --network none --cap-add NET_ADMIN \
    --sysctl net.ipv6.conf.all.disable_ipv6=1 --sysctl net.ipv6.conf.default.disable_ipv6=1 \
    "$JANUS_IMAGE" >/dev/null
  wait_for 30 "Janus answering on 127.0.0.1:8088" in_janus_netns curl -fsS http://127.0.0.1:8088/janus/info

  log "coordinator in the same namespace, port 8081, read-only root, user 1001"
  "$DOCKER" run -d --name meetload-coordinator --network container:meetload-janus --user 1001 \
    --read-only --tmpfs /tmp:rw,exec,size=256m -v "$data:/data" \
    -e MEETLOAD_DATA_DIR=/data -e QUARKUS_HTTP_PORT=8081 \
    meetload/coordinator:latest serve >/dev/null
  wait_for 60 "coordinator /q/health UP" sh -c \
    "nsenter -t \$('$DOCKER' inspect -f '{{.State.Pid}}' meetload-janus) -n curl -fsS http://127.0.0.1:8081/q/health | grep -q '\"UP\"'"
  printf '   coordinator /q/health: %s\n' "$(in_janus_netns curl -fsS http://127.0.0.1:8081/q/health | tr -d ' \n')"

  log "worker as a pod runs it: 1 CPU, 2 GiB, 512 MiB /dev/shm, user 1001, read-only root"
  "$DOCKER" run -d --name meetload-worker --network container:meetload-janus \
    --cpus 1 --memory 2g --shm-size 512m --user 1001 --read-only --tmpfs /tmp:rw,exec,size=1g \
    -v "$plan:/etc/meetload/plan.json:ro" \
    -e JOB_COMPLETION_INDEX=0 \
    -e MEETLOAD_WORKER_PLAN=/etc/meetload/plan.json \
    -e MEETLOAD_WORKER_COUNT=1 \
    -e MEETLOAD_WORKER_RUN=containers-check \
    -e MEETLOAD_WORKER_COORDINATOR_URL=http://127.0.0.1:8081 \
    -e MEETLOAD_WORKER_TOKEN=containers-check-token \
    -e MEETLOAD_WORKER_REPORT_FILE=/tmp/worker-report.json \
    -e QUARKUS_HTTP_PORT=8080 -e HOME=/tmp \
    meetload/worker:latest worker >/dev/null
  # The gauge reads NaN until the first host sample: wait for a number.
  wait_for 90 "worker metrics with a number for meetload_instance_cpu_limit_cores" sh -c \
    "nsenter -t \$('$DOCKER' inspect -f '{{.State.Pid}}' meetload-janus) -n curl -fsS http://127.0.0.1:8080/q/metrics | grep -Eq '^meetload_instance_cpu_limit_cores(\\{[^}]*\\})? [0-9]'"

  local limit ratio
  limit=$(metric meetload_instance_cpu_limit_cores)
  printf '   meetload_instance_cpu_limit_cores %s\n' "$limit"
  awk -v v="$limit" 'BEGIN { exit !(v == 1) }' || fail "the worker sees a CPU limit of $limit cores, not 1"
  # Both participants must really have media through Janus on 127.0.0.2 (the veth fix at work).
  wait_for 90 "2 participants in MEDIA_FLOWING" sh -c \
    "nsenter -t \$('$DOCKER' inspect -f '{{.State.Pid}}' meetload-janus) -n curl -fsS http://127.0.0.1:8080/q/metrics | grep -Eq '^meetload_participants\\{.*state=\"MEDIA_FLOWING\".*\\} 2(\\.0)?\$'"
  # A ratio above zero, with browsers at work, means the container's cgroup really is read.
  for _ in $(seq 1 60); do
    ratio=$(metric meetload_instance_cpu_ratio)
    if [[ -n "$ratio" ]] && awk -v v="$ratio" 'BEGIN { exit !(v > 0 && v <= 1.5) }'; then break; fi
    sleep 1
  done
  printf '   meetload_instance_cpu_ratio %s\n' "${ratio:-none}"
  awk -v v="${ratio:-0}" 'BEGIN { exit !(v > 0) }' || fail "no CPU ratio above 0 from the worker"
  in_janus_netns curl -fsS http://127.0.0.1:8080/q/metrics \
    | grep -E '^meetload_(participants\{.*\} [1-9]|participant_receive_bits_per_second|instance_memory)' | sed 's/^/   /' || true
  log "worker log, last lines:"
  "$DOCKER" logs --tail 15 meetload-worker 2>&1 | sed 's/^/   /'
}

what=${1:-all}
case "$what" in
  daemon) step_daemon ;;
  debian) step_daemon; step_debian ;;
  bases) step_daemon; step_bases ;;
  apps) step_daemon; step_apps ;;
  try) step_daemon; step_try ;;
  all) step_daemon; step_debian; step_bases; step_apps; step_try ;;
  *) fail "unknown step $what: use all, daemon, debian, bases, apps or try" ;;
esac
log "done: $what"
