#!/usr/bin/env bash
# Benchmark of the test history: `gantry tests ingest` of FILES JUnit reports of CASES test cases each, then
# `gantry tests flaky` over that history, with a plain python3 + sqlite3 ingest of the same files as the peer.
#
#   Benchmarks/tests-ingest.sh [--gantry PATH] [--files 1000] [--cases 1000] [--keep]
#
# Without --gantry it builds the release binary first: swift build -c release --scratch-path .build-tests.
# Every timed command runs under `timeout` (600 s); the script prints the figures and exits 0, or 1 if a command
# fails or gantry does not store what it was given.
set -euo pipefail
cd "$(dirname "$0")/.."

gantry="" files=1000 cases=1000 keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --gantry) gantry="$(realpath "$2")"; shift 2 ;;
    --files) files="$2"; shift 2 ;;
    --cases) cases="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "usage: $0 [--gantry PATH] [--files N] [--cases N] [--keep]" >&2; exit 2 ;;
  esac
done
for tool in python3 sqlite3; do
  command -v "$tool" >/dev/null || { echo "$0: needs $tool (apt-get install $tool)" >&2; exit 2; }
done
if [ -z "$gantry" ]; then
  swift build -c release --scratch-path .build-tests --product gantry >&2
  gantry="$PWD/.build-tests/release/gantry"
fi

work="$(mktemp -d)"
if [ "$keep" = 1 ]; then echo "working directory: $work"; else trap 'rm -rf "$work"' EXIT; fi
cd "$work"

# measure NAME CMD...: runs CMD in the current directory, its output to NAME.out and NAME.err; prints "wall cpu"
# (seconds; cpu is user + system of CMD and its children).
measure() {
  local name="$1"; shift
  local TIMEFORMAT="%R %U %S"
  { time timeout 600 "$@" > "$work/$name.out" 2> "$work/$name.err" ; } 2> "$work/$name.time" \
    || { echo "$name failed:" >&2; cat "$work/$name.err" >&2; exit 1; }
  awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' "$work/$name.time"
}
per() { python3 -c "print(f'{$1 / $2:,.0f}')"; }
median() { sort -n | awk '{ a[NR] = $0 } END { print a[int((NR + 1) / 2)] }'; }

# Deterministic history of FILES runs, each its own commit: CASES tests per report; 10 flaky tests (20% of first
# attempts fail, half of those pass on a Surefire retry), 3 tests broken from the middle of the history on, 1% always
# skipped, the rest always pass. `gantry tests flaky` must list exactly the 10 flaky tests.
python3 - "$files" "$cases" <<'PY'
import os, random, sys
files, cases = int(sys.argv[1]), int(sys.argv[2])
rng = random.Random(20251122)
os.makedirs("junit", exist_ok=True)
flaky, broken = set(range(5, cases, max(1, cases // 10))), {1, 2, 3}
for f in range(files):
    parts = [f'<testsuites><testsuite name="acme" timestamp="2025-01-01T00:{f // 60 % 60:02d}:{f % 60:02d}" tests="{cases}">']
    for i in range(cases):
        attrs = f'classname="com.acme.module{i % 50}.Suite{i % 7}" name="test_{i:05d}_does_its_thing" file="src/test/module{i % 50}/Suite{i % 7}.java" time="{rng.random() / 10:.4f}"'
        body = ""
        if i % 100 == 99:
            body = '<skipped message="disabled on linux"/>'
        elif i in flaky and rng.random() < 0.2:
            tag = "flakyFailure" if rng.random() < 0.5 else "failure"
            body = f'<{tag} message="expected 200 but was 503" type="AssertionError">at Suite.java:{i}</{tag}>'
        elif i in broken and f >= files // 2:
            body = '<failure message="NullPointerException" type="NPE">at Broken.java:1</failure>'
        parts.append(f"<testcase {attrs}>{body}</testcase>" if body else f"<testcase {attrs}/>")
    parts.append("</testsuite></testsuites>\n")
    # One directory per run, named by its (made-up, sortable) commit: junit/<sha>/report.xml.
    os.makedirs(f"junit/{f + 1:040x}", exist_ok=True)
    with open(f"junit/{f + 1:040x}/report.xml", "w") as out:
        out.write("\n".join(parts))
PY
bytes=$(du -sb junit | cut -f1)
echo "generated $files reports x $cases test cases ($((bytes / 1000000)) MB) in $work/junit"

load_start=$(cut -d' ' -f1 /proc/loadavg)

# gantry: one `gantry tests ingest` of every report, each for the commit its directory is named after.
mkdir gantry-repo
cd gantry-repo
result=$(measure ingest "$gantry" tests ingest --quiet --commit-from-directory ../junit)
read -r wall cpu <<< "$result"
rows=$(sqlite3 .gantry/gantry.db "SELECT COUNT(*) FROM test_case")
stored=$(sqlite3 .gantry/gantry.db "SELECT COUNT(*) FROM ingestion")
[ "$stored" = "$files" ] || { echo "gantry stored $stored reports of $files" >&2; exit 1; }
gantry_wall=$wall gantry_cpu=$cpu
echo "gantry tests ingest: wall ${wall}s, cpu ${cpu}s; $(per "$files" "$wall") files/s, $(per "$rows" "$wall") rows/s ($rows rows)"

# What one CI run pays on top of that history: one more report, for a new commit, in its own process.
for run in 1 2 3 4 5; do
  sed "s/timestamp=\"/timestamp=\"extra$run-/" "../junit/$(printf '%040x' 1)/report.xml" > "../extra-$run.xml"
  measure extra "$gantry" tests ingest --quiet --commit "extra$run" "../extra-$run.xml"
done | median | { read -r wall cpu; echo "gantry tests ingest of one more report into that history: wall ${wall}s, cpu ${cpu}s (median of 5)"; }

# gantry tests flaky over the history.
for run in 1 2 3 4 5; do measure flaky "$gantry" tests flaky --format json; done | median \
  | { read -r wall cpu; echo "gantry tests flaky: wall ${wall}s, cpu ${cpu}s (median of 5)"; }
listed=$(python3 -c "import json; print(' '.join(sorted(t['name'] for t in json.load(open('$work/flaky.out'))['tests'])))")
expected=$(python3 -c "print(' '.join(f'test_{i:05d}_does_its_thing' for i in sorted(range(5, $cases, max(1, $cases // 10)))))")
[ "$listed" = "$expected" ] || { echo "gantry tests flaky listed: $listed; expected: $expected" >&2; exit 1; }
echo "  it lists exactly the $(wc -w <<< "$listed") flaky tests of the generated history"
echo "gantry database: $(( $(du -sb .gantry | cut -f1) / 1000000 )) MB"
cd ..

# Peer: python3 standard library, ElementTree + sqlite3 executemany, one transaction per file, same pragmas.
cat > peer.py <<'PY'
import glob, sqlite3, xml.etree.ElementTree as ET
db = sqlite3.connect("peer.db", isolation_level=None)
db.execute("PRAGMA journal_mode=WAL"); db.execute("PRAGMA synchronous=NORMAL")
db.execute("""CREATE TABLE test_case (id INTEGER PRIMARY KEY, file TEXT, suite TEXT, classname TEXT, name TEXT,
              outcome TEXT, duration REAL, message TEXT)""")
for path in sorted(glob.glob("junit/*/*.xml")):
    rows = []
    for suite in ET.parse(path).getroot().iter("testsuite"):
        for case in suite.iter("testcase"):
            problem = next((c for c in case if c.tag in ("failure", "error", "skipped", "flakyFailure")), None)
            outcome = "passed" if problem is None or problem.tag == "flakyFailure" else problem.tag
            rows.append((path, suite.get("name"), case.get("classname"), case.get("name"), outcome,
                         float(case.get("time") or 0), problem.get("message") if problem is not None else None))
    db.execute("BEGIN")
    db.executemany("INSERT INTO test_case (file, suite, classname, name, outcome, duration, message) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    db.execute("COMMIT")
PY
result=$(measure peer python3 peer.py)
read -r wall cpu <<< "$result"
peer_rows=$(sqlite3 peer.db "SELECT COUNT(*) FROM test_case")
peer_wall=$wall peer_cpu=$cpu
echo "python3 peer ingest: wall ${wall}s, cpu ${cpu}s; $(per "$files" "$wall") files/s, $(per "$peer_rows" "$wall") rows/s ($peer_rows rows)"
result=$(measure peer-query sqlite3 peer.db "SELECT classname, name, AVG(outcome = 'passed') AS pass_rate
  FROM test_case WHERE outcome != 'skipped' GROUP BY classname, name HAVING pass_rate < 1")
read -r wall cpu <<< "$result"
echo "python3 peer query (pass rate of every test over every row, sqlite3): wall ${wall}s, cpu ${cpu}s"
python3 -c "print(f'ratio gantry/peer ingest: wall {$gantry_wall / $peer_wall:.2f}, cpu {$gantry_cpu / $peer_cpu:.2f}')"
echo "load average start/end: $load_start / $(cut -d' ' -f1 /proc/loadavg); cpus: $(nproc)"
