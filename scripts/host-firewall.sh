#!/usr/bin/env bash
# host-firewall.sh apply|remove|status <bridge-name> [<bridge-name> ...]
#
# Closes the hole `internal: true` leaves on Docker engine 20.10: a container on an internal
# network still has a default route via its bridge's gateway address, and traffic to an
# address of the host itself (that gateway, or any other bridge's gateway) is delivered
# locally, not forwarded. Docker's internal-network rules, DOCKER-ISOLATION-* and DOCKER-USER
# all hang off the FORWARD chain, so they never see it. Host-bound packets traverse INPUT,
# hence the rule lives there: drop everything that arrives from the bridge interface.
# Containers on the same bridge still talk to each other (bridged frames are not host-bound)
# and the embedded DNS (127.0.0.11) lives inside each container's namespace, so neither is
# affected.
#
# The bridge name is the one set with the network driver option
# `com.docker.network.bridge.name` (e.g. mp-devonb-data). iptables matches interface names
# as strings, so the rule may be added before the bridge exists and outlives its removal.
#
# Exit codes: 0 done (status: every rule present), 1 status found a rule missing or
# iptables failed, 2 usage error or not root.
set -euo pipefail

readonly prog=${0##*/}
readonly comment_prefix=meshprobe-egress

usage() {
  echo "usage: $prog apply|remove|status <bridge-name> [<bridge-name> ...]" >&2
  exit 2
}

fail_usage() {
  echo "$prog: $*" >&2
  exit 2
}

# The one rule, with op -C (check), -I (insert) or -D (delete).
rule() {
  local tool=$1 op=$2 bridge=$3
  "$tool" -w "$op" INPUT -i "$bridge" -m comment --comment "$comment_prefix:$bridge" -j DROP
}

has_rule() { rule "$1" -C "$2" 2>/dev/null; }

apply_with() {
  local tool=$1 bridge=$2
  if has_rule "$tool" "$bridge"; then
    echo "$tool: $bridge: already applied"
  else
    rule "$tool" -I "$bridge" && echo "$tool: $bridge: applied"
  fi
}

remove_with() {
  local tool=$1 bridge=$2 removed=no
  # Delete every copy, in case the rule was inserted twice by hand.
  while has_rule "$tool" "$bridge"; do
    rule "$tool" -D "$bridge" || return 1
    removed=yes
  done
  if [ $removed = yes ]; then echo "$tool: $bridge: removed"; else echo "$tool: $bridge: not present"; fi
}

status_with() {
  local tool=$1 bridge=$2
  if has_rule "$tool" "$bridge"; then
    echo "$tool: $bridge: applied"
  else
    echo "$tool: $bridge: not applied"
    return 1
  fi
}

run_with() {
  case $action in
    apply) apply_with "$@" ;;
    remove) remove_with "$@" ;;
    status) status_with "$@" ;;
  esac
}

# ip6tables is optional: a host without IPv6 filtering still gets the IPv4 rule, and a
# failure there must not undo or block the IPv4 result.
ip6_available() {
  command -v ip6tables >/dev/null 2>&1 && ip6tables -w -S INPUT >/dev/null 2>&1
}

[ $# -ge 2 ] || usage
action=$1
shift
case $action in apply | remove | status) ;; *) usage ;; esac

for bridge in "$@"; do
  # Linux interface names: at most 15 characters, no slash, no whitespace.
  [[ $bridge =~ ^[A-Za-z0-9_.-]{1,15}$ ]] ||
    fail_usage "invalid bridge name '$bridge' (1-15 characters of A-Z a-z 0-9 _ . -)"
done

[ "$(id -u)" -eq 0 ] || fail_usage "must run as root (iptables needs CAP_NET_ADMIN); try: sudo $prog $action $*"
command -v iptables >/dev/null 2>&1 || { echo "$prog: iptables not found (apt-get install iptables)" >&2; exit 1; }

rc=0
for bridge in "$@"; do
  run_with iptables "$bridge" || rc=1
  if ip6_available; then
    if ! run_with ip6tables "$bridge"; then
      if [ "$action" = status ]; then rc=1; else echo "$prog: ip6tables: $bridge: failed (ignored)" >&2; fi
    fi
  fi
  if [ "$action" = status ]; then
    if [ -e "/sys/class/net/$bridge" ]; then
      echo "interface $bridge: present"
    else
      echo "interface $bridge: absent (the rule waits for it)"
    fi
  fi
done
exit $rc
