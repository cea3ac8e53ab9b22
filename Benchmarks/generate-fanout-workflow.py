#!/usr/bin/env python3
"""Generate the "fanout" GitHub Actions workflow used by Benchmarks/run-vs-act.sh.

Shape (defaults): one `root` job, 48 `leafNN` jobs that each need `root`, and
one `sink` job that needs every leaf -- 50 jobs, 3 trivial steps each, so 150
`run: 'true'` steps in total. The steps do no work on purpose: what is measured
is the engine's own overhead (parsing, scheduling the DAG, spawning shells,
collecting output), not the steps.

Usage:
    generate-fanout-workflow.py [--leaves N] [--steps N] [--marker PATH] [OUTPUT_PATH]

--marker PATH makes every step append "<job> <step>" to PATH instead of
running `true`. run-vs-act.sh uses that variant once per engine, untimed, to
check that an engine really ran every step in dependency order (an engine that
exits 0 without running anything would otherwise look infinitely fast).

Writes to stdout when OUTPUT_PATH is omitted or is "-". Standard library only,
so it runs anywhere python3 does.
"""

import argparse
import sys


def leaf_ids(leaves):
    """Leaf job ids, zero-padded to at least two digits (leaf01..leaf48) so
    they sort the same way as text and as numbers."""
    width = max(2, len(str(leaves)))
    return ["leaf%0*d" % (width, i) for i in range(1, leaves + 1)]


def step_command(job_id, index, marker):
    """The YAML scalar for one step's `run:`."""
    if marker is None:
        # Quoted so YAML keeps it a string rather than the boolean true.
        return "'true'"
    # Single-quoted YAML; the shell sees: echo JOB N >> "MARKER"
    return "'echo %s %d >> \"%s\"'" % (job_id, index, marker)


def job_lines(job_id, needs, steps, marker=None):
    """YAML lines for one job. `needs` is None, a single id, or a list."""
    lines = ["  %s:" % job_id, "    runs-on: ubuntu-latest"]
    if isinstance(needs, str):
        lines.append("    needs: %s" % needs)
    elif needs:
        lines.append("    needs:")
        lines.extend("      - %s" % n for n in needs)
    lines.append("    steps:")
    lines.extend("      - run: %s" % step_command(job_id, i, marker)
                 for i in range(1, steps + 1))
    return lines


def render(leaves, steps, marker=None):
    leaves_list = leaf_ids(leaves)
    lines = ["name: fanout", "on: push", "jobs:"]
    lines += job_lines("root", None, steps, marker)
    for leaf in leaves_list:
        lines += job_lines(leaf, "root", steps, marker)
    # With zero leaves the sink hangs off root directly, keeping a valid DAG.
    lines += job_lines("sink", leaves_list or "root", steps, marker)
    return "\n".join(lines) + "\n"


def positive_int(text):
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be >= 0")
    return value


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--leaves", type=positive_int, default=48,
                        help="number of leaf jobs between root and sink (default 48)")
    parser.add_argument("--steps", type=positive_int, default=3,
                        help="run: 'true' steps per job (default 3)")
    parser.add_argument("--marker", metavar="PATH",
                        help="steps append '<job> <step>' to PATH instead of running true")
    parser.add_argument("output", nargs="?", default="-",
                        help="file to write (default: stdout)")
    args = parser.parse_args(argv)
    if args.steps < 1:
        parser.error("--steps must be >= 1 (GitHub rejects jobs without steps)")
    if args.marker is not None and any(c in args.marker for c in "'\"\\$`\n"):
        parser.error("--marker path must not contain quotes, backslashes, $ or backticks")

    text = render(args.leaves, args.steps, args.marker)
    if args.output == "-":
        sys.stdout.write(text)
    else:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
