#!/usr/bin/env bash
# Gantry's traffic-splitting proxy vs nginx, side by side in one run: both split 90/10 between the same two
# local backends and take the same wrk load, interleaved over several rounds. Prints the median requests/s and
# p99 latency of each, their ratios, and whether the targets are met (>= 0.8x nginx's requests/s, <= 1.5x its p99),
# plus the CPU time each proxy spent per request (user + system, from /proc), which other load on the machine
# disturbs much less than throughput. Everything listens on 127.0.0.1; every process started here is stopped on exit.
set -euo pipefail

usage() {
    cat <<'EOF'
usage: Benchmarks/proxy-vs-nginx.sh [--gantry PATH] [--rounds N] [--duration SECONDS] [--connections N]
                                    [--wrk-threads N] [--proxy-threads N] [--check]
  --gantry PATH      a binary with a `proxy` subcommand (default: .build/release/gantry)
  --rounds N         interleaved rounds (default 5)
  --duration S       seconds per wrk run (default 10)
  --connections N    wrk connections (default 50)
  --wrk-threads N    wrk threads (default 2)
  --proxy-threads N  I/O threads of Gantry's proxy, and nginx worker processes of the splitter (default: cores)
  --check            exit 2 when a target is missed
EOF
}

root="$(cd "$(dirname "$0")/.." && pwd)"
gantry="$root/.build/release/gantry"
rounds=5
duration=10
connections=50
wrk_threads=2
proxy_threads="$(nproc)"
check=0
while [ $# -gt 0 ]; do
    case "$1" in
        --gantry) gantry="$2"; shift 2 ;;
        --rounds) rounds="$2"; shift 2 ;;
        --duration) duration="$2"; shift 2 ;;
        --connections) connections="$2"; shift 2 ;;
        --wrk-threads) wrk_threads="$2"; shift 2 ;;
        --proxy-threads) proxy_threads="$2"; shift 2 ;;
        --check) check=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown option: $1" >&2; usage >&2; exit 64 ;;
    esac
done

stable_port=18081
canary_port=18082
nginx_port=18083
gantry_port=18080
admin_port=18090

install_if_missing() {
    local command="$1" package="$2"
    command -v "$command" >/dev/null 2>&1 && return 0
    if [ "$(id -u)" != 0 ]; then
        echo "$command is missing and this is not root: apt-get install $package" >&2
        exit 1
    fi
    echo "installing $package ..." >&2
    (apt-get install -y -qq "$package" >/dev/null 2>&1 ||
        { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq "$package" >/dev/null 2>&1; }) ||
        { echo "could not install $package" >&2; exit 1; }
}
install_if_missing nginx nginx-light
install_if_missing wrk wrk
install_if_missing curl curl
nginx_bin="$(command -v nginx)"

if [ ! -x "$gantry" ]; then
    echo "gantry: not built (looked for $gantry; build with 'swift build -c release' or pass --gantry PATH)" >&2
    exit 1
fi

work="$(mktemp -d /tmp/proxy-vs-nginx.XXXXXX)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for conf in backends splitter; do
        if [ -f "$work/$conf.pid" ]; then kill "$(cat "$work/$conf.pid")" 2>/dev/null || true; fi
    done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The two backends: one nginx, two server blocks answering a small fixed body.
cat >"$work/backends.conf" <<EOF
worker_processes 1;
pid $work/backends.pid;
error_log $work/backends-error.log;
events { worker_connections 4096; }
http {
    access_log off;
    keepalive_requests 1000000;
    keepalive_timeout 300s;
    server { listen 127.0.0.1:$stable_port; location / { return 200 "stable\n"; } }
    server { listen 127.0.0.1:$canary_port; location / { return 200 "canary\n"; } }
}
EOF
# nginx as the 90/10 splitter, with kept-alive upstream connections.
cat >"$work/splitter.conf" <<EOF
worker_processes $proxy_threads;
pid $work/splitter.pid;
error_log $work/splitter-error.log;
events { worker_connections 4096; }
http {
    access_log off;
    keepalive_requests 1000000;
    keepalive_timeout 300s;
    upstream split {
        server 127.0.0.1:$stable_port weight=9;
        server 127.0.0.1:$canary_port weight=1;
        keepalive 64;
        keepalive_requests 1000000;
    }
    server {
        listen 127.0.0.1:$nginx_port;
        location / {
            proxy_pass http://split;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
        }
    }
}
EOF
"$nginx_bin" -p "$work" -c "$work/backends.conf"
"$nginx_bin" -p "$work" -c "$work/splitter.conf"
"$gantry" proxy --listen "127.0.0.1:$gantry_port" \
    --backend "stable=127.0.0.1:$stable_port" --backend "canary=127.0.0.1:$canary_port" \
    --weight canary=10 --admin "127.0.0.1:$admin_port" --threads "$proxy_threads" >"$work/gantry.log" 2>&1 &
pids+=($!)
gantry_pid=$!

wait_ready() {
    local url="$1"
    for _ in $(seq 1 100); do
        curl -fsS -o /dev/null "$url" 2>/dev/null && return 0
        sleep 0.1
    done
    echo "not answering: $url" >&2
    cat "$work/gantry.log" >&2 || true
    exit 1
}
wait_ready "http://127.0.0.1:$stable_port/"
wait_ready "http://127.0.0.1:$canary_port/"
wait_ready "http://127.0.0.1:$nginx_port/"
wait_ready "http://127.0.0.1:$gantry_port/"

# Both must really split 90/10: 200 requests on one kept-alive connection each.
split_of() {
    local port="$1" urls=()
    for _ in $(seq 1 200); do urls+=("http://127.0.0.1:$port/"); done
    curl -fsS "${urls[@]}" | sort | uniq -c | awk '{printf "%s=%s ", $2, $1}'
}
nginx_split="$(split_of $nginx_port)"
gantry_split="$(split_of $gantry_port)"
echo "split of 200 requests: nginx: $nginx_split| gantry: $gantry_split"
case "$gantry_split" in *"canary=20 "*) ;; *) echo "gantry does not split 90/10: $gantry_split" >&2; exit 1 ;; esac

# wrk prints the 99% latency with a unit (us, ms, s); convert to milliseconds.
run_wrk() {
    local port="$1" out="$2"
    timeout $((duration + 30)) wrk -t"$wrk_threads" -c"$connections" -d"${duration}s" --latency \
        "http://127.0.0.1:$port/" >"$out" 2>&1
}
rps_of() { awk '/^Requests\/sec:/ {print $2}' "$1"; }
p99_of() {
    awk '$1 == "99%" {
        v = $2; unit = v; gsub(/[0-9.]/, "", unit); sub(/[a-z]+$/, "", v);
        if (unit == "us") v = v / 1000; else if (unit == "s") v = v * 1000; else if (unit == "m") v = v * 60000;
        printf "%.3f", v }' "$1"
}
# CPU ticks (user + system) of processes, and the proxies' processes: nginx's workers, Gantry's one process.
cpu_ticks() { local total=0 pid; for pid in "$@"; do total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat"))); done; echo "$total"; }
proxy_pids() { if [ "$1" = nginx ]; then pgrep -P "$(cat "$work/splitter.pid")"; else echo "$gantry_pid"; fi; }
requests_of() { awk '/requests in/ {print $1}' "$1"; }
errors_of() { awk '/Non-2xx|Socket errors/ {printf "%s ", $0}' "$1"; }
median() { sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

load_start="$(cut -d' ' -f1 /proc/loadavg)"
echo "warm-up: 2 s each"
for port in $nginx_port $gantry_port; do
    timeout 30 wrk -t"$wrk_threads" -c"$connections" -d2s "http://127.0.0.1:$port/" >/dev/null 2>&1
done

declare -A rps p99 cpu
ticks_per_second="$(getconf CLK_TCK)"
for round in $(seq 1 "$rounds"); do
    if [ $((round % 2)) -eq 1 ]; then order="nginx gantry"; else order="gantry nginx"; fi
    for tool in $order; do
        port=$nginx_port
        [ "$tool" = gantry ] && port=$gantry_port
        out="$work/$tool-$round.txt"
        # shellcheck disable=SC2046
        before="$(cpu_ticks $(proxy_pids "$tool"))"
        run_wrk "$port" "$out"
        # shellcheck disable=SC2046
        after="$(cpu_ticks $(proxy_pids "$tool"))"
        cpu_us="$(awk -v t=$((after - before)) -v r="$(requests_of "$out")" -v hz="$ticks_per_second" \
            'BEGIN {printf "%.1f", t * 1e6 / hz / r}')"
        rps[$tool]+="$(rps_of "$out") "
        p99[$tool]+="$(p99_of "$out") "
        cpu[$tool]+="$cpu_us "
        printf 'round %d %-6s %10s req/s  p99 %8s ms  cpu %5s us/req  %s\n' "$round" "$tool" "$(rps_of "$out")" \
            "$(p99_of "$out")" "$cpu_us" "$(errors_of "$out")"
    done
done
load_end="$(cut -d' ' -f1 /proc/loadavg)"

echo
echo "proxy vs nginx, 90/10 split; wrk -t$wrk_threads -c$connections -d${duration}s, $rounds rounds;" \
    "load avg start/end: $load_start / $load_end; cpus: $(nproc); $("$nginx_bin" -v 2>&1 | sed 's/.*: //')"
printf '%-8s %14s %14s %18s\n' tool "median req/s" "median p99 ms" "median cpu us/req"
declare -A med_rps med_p99 med_cpu
for tool in nginx gantry; do
    med_rps[$tool]="$(echo "${rps[$tool]}" | tr ' ' '\n' | grep . | median)"
    med_p99[$tool]="$(echo "${p99[$tool]}" | tr ' ' '\n' | grep . | median)"
    med_cpu[$tool]="$(echo "${cpu[$tool]}" | tr ' ' '\n' | grep . | median)"
    printf '%-8s %14.0f %14.3f %18.1f\n' "$tool" "${med_rps[$tool]}" "${med_p99[$tool]}" "${med_cpu[$tool]}"
done
ratio() { awk -v g="$1" -v n="$2" 'BEGIN {printf "%.2f", g / n}'; }
rps_ratio="$(ratio "${med_rps[gantry]}" "${med_rps[nginx]}")"
p99_ratio="$(ratio "${med_p99[gantry]}" "${med_p99[nginx]}")"
rps_met="$(awk -v r="$rps_ratio" 'BEGIN {print (r >= 0.8) ? "met" : "MISSED"}')"
p99_met="$(awk -v r="$p99_ratio" 'BEGIN {print (r <= 1.5) ? "met" : "MISSED"}')"
echo "ratio gantry/nginx requests/s = $rps_ratio  (target >= 0.80: $rps_met)"
echo "ratio gantry/nginx p99        = $p99_ratio  (target <= 1.50: $p99_met)"
echo "ratio gantry/nginx cpu/request = $(ratio "${med_cpu[gantry]}" "${med_cpu[nginx]}")" \
    " (no target; the proxies' own CPU cost, less disturbed by other load)"
echo "gantry's own count: $(curl -fsS "http://127.0.0.1:$admin_port/metrics" |
    awk -F'[{}" ]+' '/^gantry_proxy_requests_total/ && $NF > 0 {printf "%s %s=%s ", $3, $5, $NF}')"
if [ "$check" = 1 ] && { [ "$rps_met" != met ] || [ "$p99_met" != met ]; }; then exit 2; fi
