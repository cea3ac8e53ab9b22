#!/usr/bin/env bash
# Benchmark: `gantry lint` over 500 workflow files, beside zizmor on the same
# files in the same run.
#
# Usage: Benchmarks/lint-500.sh [--gantry PATH] [--runs N] [--files N] [--corpus DIR]
#
#   --gantry PATH   gantry binary (default: .build-lint/release/gantry, else
#                   .build/release/gantry, else .build/debug/gantry)
#   --runs N        timed rounds (default 5); medians are reported
#   --files N       how many workflow files to lint (default 500)
#   --corpus DIR    the shared workflow corpus (default: ../shared/corpus/workflows
#                   beside the repository); its workflows are copied, cycling,
#                   into one temp directory until there are N files
#
# Only workflows that zizmor can load are used (peers.json: zizmor_parses), so
# both tools read exactly the same files; zizmor stops at the first file it
# cannot load. Each round runs both commands once, in an order that alternates,
# so load from other work on the machine affects both alike. Wall time and CPU
# time (user + sys) are taken with bash's `time`.
#
# zizmor 1.32.0 is installed with pip when it is missing and runs as
# `zizmor --offline --no-config --no-exit-codes`, so it never touches the
# network. Before timing, each tool must show it read every file: gantry's
# JSON report must count N files, and zizmor must log N completed audits.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
readonly SCRIPT_DIR REPO_ROOT
readonly ZIZMOR_PIN="zizmor==1.32.0"
readonly CMD_TIMEOUT=300

GANTRY=""
RUNS=5
FILES=500
CORPUS="$REPO_ROOT/../shared/corpus/workflows"
WORK=""

log() { printf '%s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }
usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'; }

parse_args() {
    while (($#)); do
        case "$1" in
            --gantry) [[ $# -ge 2 ]] || die "--gantry needs a path"; GANTRY="$2"; shift 2 ;;
            --runs) [[ $# -ge 2 ]] || die "--runs needs a number"; RUNS="$2"; shift 2 ;;
            --files) [[ $# -ge 2 ]] || die "--files needs a number"; FILES="$2"; shift 2 ;;
            --corpus) [[ $# -ge 2 ]] || die "--corpus needs a directory"; CORPUS="$2"; shift 2 ;;
            -h|--help) usage; exit 0 ;;
            *) die "unknown argument: $1 (see --help)" ;;
        esac
    done
    [[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive integer"
    [[ "$FILES" =~ ^[1-9][0-9]*$ ]] || die "--files must be a positive integer"
    if [[ -z "$GANTRY" ]]; then
        for candidate in .build-lint/release/gantry .build/release/gantry .build/debug/gantry; do
            if [[ -x "$REPO_ROOT/$candidate" ]]; then GANTRY="$REPO_ROOT/$candidate"; break; fi
        done
    fi
    [[ -n "$GANTRY" && -x "$GANTRY" ]] || die "no gantry binary; build it: swift build -c release --scratch-path .build-lint"
    [[ "$GANTRY" == /* ]] || GANTRY="$PWD/$GANTRY"
    [[ -f "$CORPUS/peers.json" ]] || die "no corpus at $CORPUS (expected peers.json there)"
}

# The zizmor executable itself: pip may put it behind a pyenv shim, a bash
# script whose start-up would be timed too.
resolve_zizmor() {
    if ! command -v zizmor >/dev/null 2>&1; then
        log "installing $ZIZMOR_PIN with pip"
        python3 -m pip install --quiet "$ZIZMOR_PIN" >&2 || die "pip install $ZIZMOR_PIN failed"
    fi
    if command -v pyenv >/dev/null 2>&1 && pyenv which zizmor >/dev/null 2>&1; then
        pyenv which zizmor
    else
        command -v zizmor
    fi
}

# Copies the corpus workflows zizmor can load, cycling, into $WORK/workflows.
make_files() {
    mkdir -p "$WORK/workflows"
    python3 - "$CORPUS" "$WORK/workflows" "$FILES" <<'PY'
import json, os, shutil, sys
corpus, out, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
peers = json.load(open(os.path.join(corpus, "peers.json")))
sources = sorted(
    os.path.join(corpus, f["repo"].replace("/", "__"), f["path"])
    for f in peers["files"]
    if f.get("kind") == "workflow" and f.get("zizmor_parses") is True
)
sources = [s for s in sources if os.path.isfile(s)]
if not sources:
    sys.exit("no workflow files in the corpus")
for i in range(count):
    src = sources[i % len(sources)]
    name = os.path.splitext(src[len(corpus) + 1:])[0].replace("/.github/workflows/", "__").replace("/", "__")
    shutil.copyfile(src, os.path.join(out, f"{i:04d}__{name}.yml"))
print(len(sources))
PY
}

# Runs "$@" once under bash's `time`; prints "wall cpu" in seconds.
time_once() {
    local TIMEFORMAT='%R %U %S' times
    times="$( { time timeout "$CMD_TIMEOUT" "$@" >/dev/null 2>&1; } 2>&1 )" || true
    awk '{ printf "%.4f %.4f\n", $1, $2 + $3 }' <<<"$times"
}

# median of numbers on stdin
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.4f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

main() {
    parse_args "$@"
    WORK="$(mktemp -d "${TMPDIR:-/tmp}/gantry-lint-500.XXXXXX")"
    trap 'rm -rf "$WORK"' EXIT
    local zizmor distinct
    zizmor="$(resolve_zizmor)"
    distinct="$(make_files)"
    local load_start; load_start="$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')"

    local gantry_cmd=("$GANTRY" lint "$WORK/workflows" --format json)
    local files=("$WORK"/workflows/*.yml)
    local zizmor_cmd=("$zizmor" --offline --no-config --no-exit-codes --format json "${files[@]}")

    # Both must really read every file (this is also the warm-up run).
    local counted
    counted="$( (cd "$WORK" && "${gantry_cmd[@]}" 2>/dev/null || true) | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["files"], d["errors"], d["warnings"], d["notes"])')" \
        || die "gantry lint did not print a JSON report"
    read -r gantry_files gantry_errors gantry_warnings gantry_notes <<<"$counted"
    [[ "$gantry_files" == "$FILES" ]] || die "gantry linted $gantry_files files, expected $FILES"
    local completed
    completed="$(cd "$WORK" && "${zizmor_cmd[@]}" 2>&1 >/dev/null | grep -c 'completed' || true)"
    [[ "$completed" == "$FILES" ]] || die "zizmor completed $completed files, expected $FILES"

    local round gantry_wall=() gantry_cpu=() zizmor_wall=() zizmor_cpu=() wall cpu
    for ((round = 0; round < RUNS; round++)); do
        for tool in $( ((round % 2)) && echo "zizmor gantry" || echo "gantry zizmor"); do
            if [[ "$tool" == gantry ]]; then
                read -r wall cpu <<<"$(cd "$WORK" && time_once "${gantry_cmd[@]}")"
                gantry_wall+=("$wall"); gantry_cpu+=("$cpu")
            else
                read -r wall cpu <<<"$(cd "$WORK" && time_once "${zizmor_cmd[@]}")"
                zizmor_wall+=("$wall"); zizmor_cpu+=("$cpu")
            fi
        done
    done

    local gw gc zw zc
    gw="$(printf '%s\n' "${gantry_wall[@]}" | median)"; gc="$(printf '%s\n' "${gantry_cpu[@]}" | median)"
    zw="$(printf '%s\n' "${zizmor_wall[@]}" | median)"; zc="$(printf '%s\n' "${zizmor_cpu[@]}" | median)"
    local load_end; load_end="$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')"
    printf 'lint of %s workflow files (%s distinct corpus workflows, cycled); %s runs; load avg start/end: %s / %s; cpus: %s\n' \
        "$FILES" "$distinct" "$RUNS" "$load_start" "$load_end" "$(nproc 2>/dev/null || echo '?')"
    printf '%-8s %12s %12s %14s\n' command median_wall_s median_cpu_s per_file_ms
    printf '%-8s %12s %12s %14.2f\n' gantry "$gw" "$gc" "$(awk -v t="$gw" -v n="$FILES" 'BEGIN { print t * 1000 / n }')"
    printf '%-8s %12s %12s %14.2f\n' zizmor "$zw" "$zc" "$(awk -v t="$zw" -v n="$FILES" 'BEGIN { print t * 1000 / n }')"
    printf 'gantry findings: %s errors, %s warnings, %s notes\n' "$gantry_errors" "$gantry_warnings" "$gantry_notes"
    awk -v g="$gw" -v z="$zw" -v gc="$gc" -v zc="$zc" \
        'BEGIN { printf "ratio gantry/zizmor: wall %.2f, cpu %.2f\n", g / z, (zc > 0 ? gc / zc : 0) }'
}

main "$@"
