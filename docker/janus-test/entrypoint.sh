#!/bin/sh
# Gives Janus a non-loopback-flagged interface on 127.0.0.2, then runs it in the foreground.
set -eu
ip link set lo up
ip link add lo1 type veth peer name lo2
# Docker mounts /proc/sys read-only: there, --sysctl net.ipv6.conf.default.disable_ipv6=1 has
# already given the new interfaces no IPv6, which is all this line is for.
for i in lo1 lo2; do
  sysctl -qw "net.ipv6.conf.$i.disable_ipv6=1" 2>/dev/null || [ "$(cat /proc/sys/net/ipv6/conf/$i/disable_ipv6 2>/dev/null || echo 1)" = 1 ] \
    || { echo "IPv6 is on for $i and cannot be switched off: use --sysctl net.ipv6.conf.default.disable_ipv6=1" >&2; exit 1; }
done
ip addr add 127.0.0.2/32 dev lo1
ip link set lo1 up
ip link set lo2 up
exec janus "$@"
