# Lab nodes: network namespaces that stand for separate machines (deploy/lab/nodes). Node 0 is the
# coordinator, nodes 1..K the workers. Each has one veth whose other end is a port of the
# instance's bridge in the root namespace; the bridge joins the nodes to each other and to the
# root namespace, where the lab (resolver, Redis, RabbitMQ, the synthetic TLD) lives on loopback.
#
# Addresses: 198.18.0.0/15 is the range set aside for benchmarks (RFC 2544); instance I uses
# 198.18.I.0/24 (the bridge .1, node n .(2+n)) and fd00:dead:I:fe::/64 (bridge ::1, node n
# ::(2+n)), inside the instance's own /48. A node reaches the lab's 127.(100+I).0.0/16 and
# fd00:dead:I::/48 through the bridge and nothing else: no default route, no forwarding. Loopback
# addresses may cross the bridge because route_localnet is set on it and on the nodes' veths
# only, and a node's own loopback is 127.0.0.1 alone, so the rest of 127/8 is routed.
# shellcheck shell=bash

LAB_NODES_BRIDGE=mslab$LAB_INSTANCE
LAB_NODES_V4=198.18.$LAB_INSTANCE
LAB_NODES_V6=$LAB_V6_NET:fe:
LAB_NODES_MAX=16

lab_node_name() { [ "$1" -eq 0 ] && echo "mailscan$LAB_INSTANCE-coord" || echo "mailscan$LAB_INSTANCE-w$1"; }
lab_node_v4() { echo "$LAB_NODES_V4.$((2 + $1))"; }
lab_node_v6() { echo "$LAB_NODES_V6:$((2 + $1))"; }

# This instance's nodes that exist now, by name.
lab_nodes_existing() { ip netns list 2>/dev/null | awk -v p="mailscan$LAB_INSTANCE-" 'index($1, p) == 1 { print $1 }'; }

lab_nodes_bridge() {
  if ! ip link show "$LAB_NODES_BRIDGE" >/dev/null 2>&1; then
    ip link add "$LAB_NODES_BRIDGE" type bridge || lab_die "cannot create the bridge $LAB_NODES_BRIDGE"
  fi
  ip addr replace "$LAB_NODES_V4.1/24" dev "$LAB_NODES_BRIDGE"
  ip -6 addr replace "$LAB_NODES_V6:1/64" dev "$LAB_NODES_BRIDGE" nodad
  sysctl -q -w "net.ipv4.conf.$LAB_NODES_BRIDGE.route_localnet=1" "net.ipv4.conf.$LAB_NODES_BRIDGE.rp_filter=0"
  ip link set "$LAB_NODES_BRIDGE" up
}

# Node n: its namespace, its veth on the bridge, its addresses and its two routes to the lab.
lab_node_add() {
  local n=$1 name veth peer
  name=$(lab_node_name "$n")
  veth=ms${LAB_INSTANCE}n$n
  peer=ms${LAB_INSTANCE}p$n
  ip netns del "$name" 2>/dev/null || true
  ip link del "$veth" 2>/dev/null || true
  ip netns add "$name" || lab_die "cannot create the namespace $name"
  ip link add "$veth" type veth peer name "$peer" netns "$name" || lab_die "cannot create the veth pair of $name"
  ip link set "$veth" master "$LAB_NODES_BRIDGE" up
  ip -n "$name" link set lo up
  # Only 127.0.0.1 is the node's own: the lab's 127.(100+I)/16 lives in the root namespace.
  ip -n "$name" addr del 127.0.0.1/8 dev lo 2>/dev/null || true
  ip -n "$name" addr add 127.0.0.1/32 dev lo
  ip netns exec "$name" sysctl -q -w net.ipv4.conf.all.route_localnet=1 "net.ipv4.conf.$peer.route_localnet=1" \
    net.ipv4.conf.all.rp_filter=0 "net.ipv4.conf.$peer.rp_filter=0"
  ip -n "$name" addr add "$(lab_node_v4 "$n")/24" dev "$peer"
  ip -n "$name" -6 addr add "$(lab_node_v6 "$n")/64" dev "$peer" nodad
  ip -n "$name" link set "$peer" up
  ip -n "$name" route add "$LAB_V4_CIDR" via "$LAB_NODES_V4.1" src "$(lab_node_v4 "$n")"
  ip -n "$name" -6 route add "$LAB_V6_CIDR" via "$LAB_NODES_V6:1"
}

lab_nodes_remove() {
  local name n
  for name in $(lab_nodes_existing); do ip netns del "$name" 2>/dev/null || true; done
  for n in $(seq 0 "$LAB_NODES_MAX"); do ip link del "ms${LAB_INSTANCE}n$n" 2>/dev/null || true; done
  ip link del "$LAB_NODES_BRIDGE" 2>/dev/null || true
  rm -f "$LAB_DIR/nodes.json"
  return 0
}
