#!/usr/bin/env bash
# Starts or stops a local nats-server with JetStream for benchmarks, CI and manual runs.
#   scripts/nats-server.sh start   # prints NATS_URL=nats://127.0.0.1:<port>, writes it to .nats/url
#   scripts/nats-server.sh stop    # stops it and removes its temporary store dir
# The tests do not need this: they start their own server (test/support/nats-server.ts).
# Install the server with: apt-get install -y nats-server
set -euo pipefail

STATE_DIR="${NATS_STATE_DIR:-$(cd "$(dirname "$0")/.." && pwd)/.nats}"

find_binary() {
	for candidate in "${NATS_SERVER_BIN:-}" nats-server /usr/sbin/nats-server /usr/local/bin/nats-server; do
		if [ -n "$candidate" ] && command -v "$candidate" >/dev/null 2>&1; then
			command -v "$candidate"
			return 0
		fi
	done
	echo "nats-server not found: install nats-server: apt-get install -y nats-server" >&2
	return 1
}

free_port() {
	node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

accepting() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

start() {
	if [ -f "$STATE_DIR/pid" ] && kill -0 "$(cat "$STATE_DIR/pid")" 2>/dev/null; then
		echo "NATS_URL=$(cat "$STATE_DIR/url")"
		return 0
	fi
	local binary port store pid
	binary="$(find_binary)"
	port="${NATS_PORT:-$(free_port)}"
	mkdir -p "$STATE_DIR"
	store="$(mktemp -d "${TMPDIR:-/tmp}/nats-js-XXXXXX")"
	"$binary" -a 127.0.0.1 -p "$port" -js -sd "$store" >"$STATE_DIR/server.log" 2>&1 &
	pid=$!
	echo "$pid" >"$STATE_DIR/pid"
	echo "$store" >"$STATE_DIR/store"
	echo "nats://127.0.0.1:$port" >"$STATE_DIR/url"
	for _ in $(seq 1 150); do
		if accepting "$port"; then
			echo "NATS_URL=nats://127.0.0.1:$port"
			return 0
		fi
		if ! kill -0 "$pid" 2>/dev/null; then break; fi
		sleep 0.1
	done
	echo "nats-server did not start; log:" >&2
	cat "$STATE_DIR/server.log" >&2
	stop
	return 1
}

stop() {
	if [ -f "$STATE_DIR/pid" ]; then
		local pid
		pid="$(cat "$STATE_DIR/pid")"
		if kill -0 "$pid" 2>/dev/null; then
			kill "$pid"
			for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
			kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
		fi
	fi
	if [ -f "$STATE_DIR/store" ]; then rm -rf "$(cat "$STATE_DIR/store")"; fi
	rm -f "$STATE_DIR/pid" "$STATE_DIR/store" "$STATE_DIR/url"
}

case "${1:-}" in
	start) start ;;
	stop) stop ;;
	*) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
