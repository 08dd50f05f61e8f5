#!/bin/sh
# Gives Janus a non-loopback-flagged interface on 127.0.0.2, then runs it in the foreground.
set -eu
ip link set lo up
ip link add lo1 type veth peer name lo2
sysctl -qw net.ipv6.conf.lo1.disable_ipv6=1 net.ipv6.conf.lo2.disable_ipv6=1
ip addr add 127.0.0.2/32 dev lo1
ip link set lo1 up
ip link set lo2 up
exec janus "$@"
