# A throwaway Prometheus for tests: the real server, scraping what a test serves, asked through
# its HTTP API. Source it from a bash test (not from a subshell: the server lives as long as the
# shell that started it):
#
#   source tests/support/prometheus.sh
#   prom_start TARGET [JOB]
#       Starts Prometheus on 127.0.0.1 at a free port, with a temporary config that scrapes
#       http://TARGET/metrics every second as job JOB (default "meshprobe"; TARGET is HOST:PORT,
#       [::1]:PORT for IPv6) and temporary storage; returns once it answers /-/ready (status 1
#       and its log on failure). Sets PROM_URL (http://127.0.0.1:PORT) and PROM_DIR (its files).
#       Adds prom_stop to the EXIT trap (first, then any EXIT trap already set); set your own
#       EXIT trap before prom_start, or call prom_stop from it. INT and TERM exit through it.
#   prom_query EXPR
#       Prints EXPR's value now (/api/v1/query): the sample of a one-series vector or a
#       scalar, as Prometheus writes it ("3", "0.5", "+Inf", "NaN"); nothing for an empty
#       vector. Status 1, with the reason on stderr, when the query fails or matches more than
#       one series (narrow it with labels, or use sum()).
#   prom_wait_for EXPR VALUE [SECONDS]
#       Polls prom_query EXPR until it prints exactly VALUE ("" waits for no series); status 1,
#       with the last value on stderr, after SECONDS (default 30). A first scrape takes up to
#       a second: wait for 'up{job="meshprobe"}' 1 to know the target was read.
#   prom_stop
#       Stops Prometheus and removes PROM_DIR; safe to call twice.
#
# It needs prometheus, curl and python3 (scripts/setup.sh installs them); a missing one is a
# failure (status 1), never a skip. Should the test's shell be killed outright, the server gets
# SIGTERM from the kernel (setpriv --pdeathsig) rather than living on, and the next prom_start
# removes the files it left.

PROM_URL=""
PROM_DIR=""
PROM_PID=""

# Says what went wrong; the caller returns 1 (so that a caller under set -e still sees it).
_prom_fail() { echo "prometheus.sh: $*" >&2; }

# A port no socket holds now; Prometheus binds it a moment later, and prom_start tries again
# should another process have taken it in between.
_prom_free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

_prom_chain_exit_trap() {
    local previous
    previous=$(trap -p EXIT)
    if [ -n "$previous" ]; then
        eval "set -- $previous"  # trap -- 'COMMAND' EXIT
        # shellcheck disable=SC2064  # the previous command is fixed now, by design
        trap -- "prom_stop; $3" EXIT
    else
        trap prom_stop EXIT
    fi
    [ -n "$(trap -p INT)" ] || trap 'exit 130' INT
    [ -n "$(trap -p TERM)" ] || trap 'exit 143' TERM
}

# The folders of shells that are gone (killed before their EXIT trap could run).
_prom_sweep() {
    local dir owner
    for dir in "${TMPDIR:-/tmp}"/meshprobe-prometheus.*; do
        [ -f "$dir/owner" ] || continue
        owner=$(cat "$dir/owner" 2>/dev/null) || continue
        [ -n "$owner" ] && ! kill -0 "$owner" 2>/dev/null && rm -rf "$dir"
    done
    return 0
}

prom_start() {
    local target=${1:?usage: prom_start HOST:PORT [JOB]} job=${2:-meshprobe} tool
    for tool in prometheus curl python3 setpriv; do
        command -v "$tool" >/dev/null || { _prom_fail "$tool is not installed (scripts/setup.sh installs it)"; return 1; }
    done
    [ -z "$PROM_PID" ] || { _prom_fail "a Prometheus is already running ($PROM_URL)"; return 1; }
    _prom_sweep
    PROM_DIR=$(mktemp -d "${TMPDIR:-/tmp}/meshprobe-prometheus.XXXXXX") || return 1
    echo "$$" >"$PROM_DIR/owner"
    _prom_chain_exit_trap
    cat >"$PROM_DIR/prometheus.yml" <<YAML
global:
  scrape_interval: 1s
  scrape_timeout: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: '$job'
    static_configs:
      - targets: ['$target']
YAML
    local attempt port deadline
    for attempt in 1 2 3 4 5; do
        port=$(_prom_free_port) || { _prom_fail "cannot find a free port"; return 1; }
        PROM_URL="http://127.0.0.1:$port"
        setpriv --pdeathsig TERM prometheus --config.file="$PROM_DIR/prometheus.yml" \
            --storage.tsdb.path="$PROM_DIR/data" --web.listen-address="127.0.0.1:$port" \
            >"$PROM_DIR/prometheus.log" 2>&1 </dev/null &
        PROM_PID=$!
        deadline=$((SECONDS + 30))
        while kill -0 "$PROM_PID" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do
            curl -fsS --max-time 2 "$PROM_URL/-/ready" >/dev/null 2>&1 && return 0
            sleep 0.2
        done
        if kill -0 "$PROM_PID" 2>/dev/null; then
            _prom_fail "Prometheus did not get ready within 30 s; its log:"
            tail -20 "$PROM_DIR/prometheus.log" >&2
            return 1
        fi
        wait "$PROM_PID" 2>/dev/null || true
        PROM_PID=""
        grep -q "address already in use" "$PROM_DIR/prometheus.log" || break
        echo "prometheus.sh: port $port was taken meanwhile (attempt $attempt), trying another" >&2
    done
    _prom_fail "Prometheus exited; its log:"
    tail -20 "$PROM_DIR/prometheus.log" >&2
    return 1
}

prom_query() {
    local expr=${1:?usage: prom_query EXPR}
    [ -n "$PROM_URL" ] || { _prom_fail "prom_query before prom_start"; return 1; }
    local answer
    answer=$(curl -sS --max-time 5 --data-urlencode "query=$expr" "$PROM_URL/api/v1/query") \
        || { _prom_fail "the query API did not answer"; return 1; }
    PROM_EXPR=$expr python3 -c '
import json, os, sys
expr = os.environ["PROM_EXPR"]
try:
    answer = json.loads(sys.stdin.read())
except ValueError:
    sys.exit(f"prometheus.sh: {expr}: the answer is no JSON")
if answer.get("status") != "success":
    kind, error = answer.get("errorType"), answer.get("error")
    sys.exit(f"prometheus.sh: {expr}: {kind}: {error}")
data = answer["data"]
kind, result = data["resultType"], data["result"]
if kind in ("scalar", "string"):
    print(result[1])
elif kind == "vector":
    if len(result) > 1:
        sys.exit(f"prometheus.sh: {expr}: {len(result)} series, not one: " + ", ".join(json.dumps(r["metric"]) for r in result))
    if result:
        print(result[0]["value"][1])
else:
    sys.exit(f"prometheus.sh: {expr}: a {kind}, not one value")
' <<<"$answer"
}

prom_wait_for() {
    local expr=${1:?usage: prom_wait_for EXPR VALUE [SECONDS]} want=${2?usage: prom_wait_for EXPR VALUE [SECONDS]}
    local timeout=${3:-30} got="" error="" deadline
    deadline=$((SECONDS + timeout))
    while true; do
        # Quiet while polling: the last error, if any, is told at the end.
        if got=$(prom_query "$expr" 2>"$PROM_DIR/query.err"); then
            [ "$got" = "$want" ] && return 0
            error=""
        else
            error=$(cat "$PROM_DIR/query.err")
        fi
        [ "$SECONDS" -lt "$deadline" ] || break
        sleep 0.5
    done
    [ -z "$error" ] || echo "$error" >&2
    _prom_fail "$expr is '$got' after ${timeout} s, not '$want'"
    return 1
}

prom_stop() {
    if [ -n "$PROM_PID" ]; then
        kill -TERM "$PROM_PID" 2>/dev/null || true
        local waited=0
        while kill -0 "$PROM_PID" 2>/dev/null && [ "$waited" -lt 100 ]; do
            sleep 0.1
            waited=$((waited + 1))
        done
        kill -KILL "$PROM_PID" 2>/dev/null || true
        wait "$PROM_PID" 2>/dev/null || true
        PROM_PID=""
    fi
    if [ -n "$PROM_DIR" ]; then rm -rf "$PROM_DIR"; fi
    PROM_DIR=""
    PROM_URL=""
}
