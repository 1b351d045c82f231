# The cluster's own services for the lab: Redis (AOF on, as shipped) and RabbitMQ, each on an
# address of this lab instance, so labs of several instances run side by side.
# shellcheck shell=bash

LAB_SERVICES=$LAB_STATE/services
LAB_REDIS_ADDRESS=$LAB_V4_NET.63.79
LAB_REDIS_PORT=6379
LAB_RABBIT_ADDRESS=$LAB_V4_NET.56.72
LAB_RABBIT_PORT=5672
# AMQP over TLS (amqps) on the same address, with a certificate of the lab CA for that address.
LAB_RABBIT_TLS_PORT=5671
# epmd and the Erlang distribution port are per machine, not per address: one port each per instance.
LAB_EPMD_PORT=$((4470 + LAB_INSTANCE))
LAB_RABBIT_DIST_PORT=$((25700 + LAB_INSTANCE))

lab_redis_cli() { redis-cli -h "$LAB_REDIS_ADDRESS" -p "$LAB_REDIS_PORT" "$@"; }

lab_start_redis() {
  mkdir -p "$LAB_SERVICES/redis"
  if lab_redis_cli ping 2>/dev/null | grep -q PONG; then return 0; fi
  redis-server --bind "$LAB_REDIS_ADDRESS" --port "$LAB_REDIS_PORT" --daemonize yes \
    --dir "$LAB_SERVICES/redis" --pidfile "$LAB_SERVICES/redis/redis.pid" --logfile "$LAB_SERVICES/redis/redis.log" \
    --save "" --appendonly yes --appendfsync everysec --protected-mode no >/dev/null \
    || lab_die "redis-server did not start; see $LAB_SERVICES/redis/redis.log"
  lab_wait 100 bash -c "redis-cli -h $LAB_REDIS_ADDRESS -p $LAB_REDIS_PORT ping | grep -q PONG" \
    || lab_die "redis does not answer; see $LAB_SERVICES/redis/redis.log"
}

lab_stop_redis() {
  lab_pid_alive "$LAB_SERVICES/redis/redis.pid" || return 0
  local pid
  pid=$(cat "$LAB_SERVICES/redis/redis.pid")
  lab_redis_cli shutdown nosave >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
  lab_wait 50 bash -c "! kill -0 $pid 2>/dev/null"
  return 0
}

# The environment of every rabbitmq command: all paths in the lab's state, the cookie in its HOME.
lab_rabbit_env() {
  local dir=$LAB_SERVICES/rabbit
  export HOME=$dir/home
  export RABBITMQ_CONF_ENV_FILE=$dir/rabbitmq-env.conf
  export RABBITMQ_NODENAME=mailscan$LAB_INSTANCE@localhost
  export RABBITMQ_NODE_IP_ADDRESS=$LAB_RABBIT_ADDRESS RABBITMQ_NODE_PORT=$LAB_RABBIT_PORT RABBITMQ_DIST_PORT=$LAB_RABBIT_DIST_PORT
  export RABBITMQ_MNESIA_BASE=$dir/mnesia RABBITMQ_LOG_BASE=$dir/log
  export RABBITMQ_CONFIG_FILE=$dir/rabbitmq.conf RABBITMQ_ENABLED_PLUGINS_FILE=$dir/enabled_plugins
  export RABBITMQ_PID_FILE=$dir/rabbit.pid
  # The command-line tools reach the node as name@localhost: epmd and the distribution port stay
  # on 127.0.0.1 (their ports are this instance's own); AMQP listens on the instance's address.
  export ERL_EPMD_ADDRESS=127.0.0.1 ERL_EPMD_PORT=$LAB_EPMD_PORT
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
}

lab_rabbit_ready() { (lab_rabbit_env; /usr/lib/rabbitmq/bin/rabbitmq-diagnostics -q ping >/dev/null 2>&1); }

lab_rabbit_tls_listening() { timeout 2 bash -c "exec 3<>/dev/tcp/$LAB_RABBIT_ADDRESS/$LAB_RABBIT_TLS_PORT" 2>/dev/null; }

lab_start_rabbit() {
  local dir=$LAB_SERVICES/rabbit
  mkdir -p "$dir/home" "$dir/log" "$dir/mnesia"
  if lab_rabbit_ready; then
    lab_rabbit_tls_listening && return 0
    lab_stop_rabbit   # a node from before the TLS listener: start it again with its new settings
  fi
  : >"$dir/rabbitmq-env.conf"
  echo '[].' >"$dir/enabled_plugins"
  lab_issue_cert rabbit "IP:$LAB_RABBIT_ADDRESS"
  {
    printf 'listeners.tcp.default = %s:%s\nloopback_users = none\n' "$LAB_RABBIT_ADDRESS" "$LAB_RABBIT_PORT"
    printf 'listeners.ssl.default = %s:%s\n' "$LAB_RABBIT_ADDRESS" "$LAB_RABBIT_TLS_PORT"
    printf 'ssl_options.cacertfile = %s\nssl_options.certfile = %s\nssl_options.keyfile = %s\n' "$LAB_STATE/tls/ca.crt" "$LAB_STATE/tls/rabbit.crt" "$LAB_STATE/tls/rabbit.key"
    printf 'ssl_options.verify = verify_none\nssl_options.fail_if_no_peer_cert = false\n'
  } >"$dir/rabbitmq.conf"
  (
    lab_rabbit_env
    /usr/lib/rabbitmq/bin/rabbitmq-server -detached >/dev/null 2>&1 || lab_die "rabbitmq-server did not start; see $dir/log"
    for _ in $(seq 60); do /usr/lib/rabbitmq/bin/rabbitmq-diagnostics -q ping >/dev/null 2>&1 && break; sleep 0.5; done
    /usr/lib/rabbitmq/bin/rabbitmqctl -q await_startup --timeout 120 >/dev/null || lab_die "rabbitmq did not come up; see $dir/log"
  )
}

lab_stop_rabbit() {
  local dir=$LAB_SERVICES/rabbit
  [ -d "$dir" ] || return 0
  (
    lab_rabbit_env
    if lab_pid_alive "$dir/rabbit.pid"; then
      /usr/lib/rabbitmq/bin/rabbitmqctl -q shutdown >/dev/null 2>&1 || kill "$(cat "$dir/rabbit.pid")" 2>/dev/null || true
    fi
    # epmd outlives the node; this instance's epmd is the one started with this instance's port.
    for pid in $(lab_epmd_pids); do kill "$pid" 2>/dev/null || true; done
  )
  return 0
}

# epmd processes started with this instance's port in their environment.
lab_epmd_pids() {
  local pid
  for pid in $(pgrep -x epmd 2>/dev/null); do
    tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qx "ERL_EPMD_PORT=$LAB_EPMD_PORT" && echo "$pid"
  done
  return 0
}

lab_services_alive() {
  lab_redis_cli ping 2>/dev/null | grep -q PONG && lab_rabbit_ready
}
