#!/usr/bin/env bash
# Time to rollback: how long a bad canary serves traffic before Gantry sends it all back to stable.
#
#   Benchmarks/rollback.sh [--gantry PATH] [--rps 200] [--runs 3]
#
# For each bad release (broken: 100% of requests fail; bad: 10% fail) it starts `gantry serve` on loopback with the
# example service, deploys the good release, puts a constant `gantry load` on the service's proxy, deploys the bad
# release as a 10% canary (with a baseline) analysed by the builtin error-rate judge, and polls the proxy's
# Prometheus endpoint every 50 ms. It prints the seconds from the first request the canary served to the canary's
# weight reaching 0, and how many requests failed in that time. Targets: broken <= 5 s, bad <= 15 s (medians).
set -euo pipefail
cd "$(dirname "$0")/.."
GANTRY="$(realpath .build/release/gantry 2>/dev/null || realpath .build/debug/gantry)"
RPS=200
RUNS=3
while [ $# -gt 0 ]; do
  case "$1" in
    --gantry) GANTRY="$(realpath "$2")"; shift 2 ;;
    --rps) RPS="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
command -v curl >/dev/null || { echo "curl is required" >&2; exit 2; }
EXAMPLES="$PWD/examples/web"
WORK="$(mktemp -d)"
SERVE_PID=""
cleanup() {
  [ -n "$SERVE_PID" ] && kill "$SERVE_PID" 2>/dev/null && wait "$SERVE_PID" 2>/dev/null || true
  pkill -f "$WORK" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

metric() {  # metric NAME LABELS -> value (0 when absent)
  curl -s --max-time 1 "http://127.0.0.1:$ADMIN/metrics" | awk -v n="$1" -v l="$2" '$1 ~ "^"n"\\{" && index($1, l) { sum += $2 } END { print sum + 0 }'
}

one_run() {  # one_run RELEASE -> "seconds failed"
  local release="$1" repo="$WORK/repo-$release-$RANDOM"
  API=$(free_port); PROXY=$(free_port); ADMIN=$(free_port)
  mkdir -p "$repo/.gantry/services" "$repo/examples" && cp -R "$EXAMPLES" "$repo/examples/web"
  cat >"$repo/.gantry/services/web.yml" <<SPEC
service: web
environment: bench
listen: 127.0.0.1:$PROXY
admin: 127.0.0.1:$ADMIN
target:
  local:
    command: ["./releases/\${VERSION}/server", "--port", "\${PORT}"]
    workingDirectory: examples/web
    replicas: 2
    readiness: {path: /healthz, interval: 100ms, timeout: 1s, startTimeout: 60s}
    drain: {grace: 2s}
strategy:
  canary:
    baseline: true
    backgroundAnalysis: {templates: [errors], startingStep: 0}
    steps:
      - setWeight: 10
      - pause: {duration: 60s}
      - setWeight: 100
analysis:
  errors:
    provider: {builtin: {metric: error-rate}}
    interval: 1s
    judge: {errorRate: {}}
SPEC
  (cd "$repo" && git init -q)
  (cd "$repo" && exec "$GANTRY" serve --port "$API" >"$repo/serve.log" 2>&1) & SERVE_PID=$!
  for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$API/healthz" && break; sleep 0.1; done
  (cd "$repo" && "$GANTRY" deploy apply .gantry/services/web.yml --version good --server "http://127.0.0.1:$API" >/dev/null)
  for _ in $(seq 300); do curl -s "http://127.0.0.1:$PROXY/" | grep -q good && break; sleep 0.1; done
  (cd "$repo" && "$GANTRY" load "http://127.0.0.1:$PROXY/" --rps "$RPS" --duration 40s >"$repo/load.log" 2>&1) & local load=$!
  sleep 2
  (cd "$repo" && "$GANTRY" deploy apply .gantry/services/web.yml --version "$release" --server "http://127.0.0.1:$API" >/dev/null)
  local start="" end="" failed=0 deadline=$((SECONDS + 40))
  while [ $SECONDS -lt $deadline ]; do
    local served weight now
    now=$(date +%s.%N)
    served=$(metric gantry_proxy_requests_total 'version="canary"')
    weight=$(metric gantry_proxy_weight_permille 'version="canary"')
    if [ -z "$start" ] && [ "${served%.*}" -gt 0 ]; then start=$now; fi
    if [ -n "$start" ] && [ "${weight%.*}" -eq 0 ]; then
      end=$now
      failed=$(( $(metric gantry_proxy_requests_total 'version="canary",code_class="5xx"' | cut -d. -f1) + $(metric gantry_proxy_requests_total 'version="canary",code_class="connection_error"' | cut -d. -f1) ))
      break
    fi
    sleep 0.05
  done
  kill "$load" 2>/dev/null; wait "$load" 2>/dev/null || true
  kill "$SERVE_PID" 2>/dev/null; wait "$SERVE_PID" 2>/dev/null || true; SERVE_PID=""
  if [ -z "$end" ]; then echo "NA NA"; else python3 -c "print('%.2f %d' % ($end - $start, $failed))"; fi
}

echo "time to rollback at $RPS rps, canary at 10% with a baseline; gantry: $GANTRY; load avg $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %-5s %-22s %-10s %-8s\n' release run seconds_to_weight_0 failed target
for release in broken bad; do
  target=$([ "$release" = broken ] && echo 5 || echo 15)
  results=()
  for run in $(seq "$RUNS"); do
    read -r seconds failed < <(one_run "$release")
    printf '%-8s %-5s %-22s %-10s <=%ss\n' "$release" "$run" "$seconds" "$failed" "$target"
    results+=("$seconds")
  done
  median=$(printf '%s\n' "${results[@]}" | grep -v NA | sort -n | awk '{a[NR]=$1} END {print (NR ? a[int((NR+1)/2)] : "NA")}')
  verdict=$(python3 -c "m='$median'; print('PASS' if m!='NA' and float(m) <= $target else 'FAIL')")
  echo "$release: median ${median}s to weight 0 (target <= ${target}s) -> $verdict"
done
