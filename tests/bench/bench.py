#!/usr/bin/env python3
"""make bench: annals beside its floor, as wall time and peak RSS.

Each command runs REPEAT times; the best wall time and the largest peak
RSS are printed with the ratio to the floor measured in the same run."""
import os
import subprocess
import sys
import time

REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))


def measure(argv):
    best, peak = None, 0
    for _ in range(REPEAT):
        t0 = time.monotonic()
        with open(os.devnull, "wb") as null:
            p = subprocess.Popen(argv, stdout=null, stderr=subprocess.PIPE)
            _, status, usage = os.wait4(p.pid, 0)
            err = p.stderr.read().decode(errors="replace")
            p.stderr.close()
        wall = time.monotonic() - t0
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit("bench: %s failed: %s" % (" ".join(argv), err.strip()))
        best = wall if best is None else min(best, wall)
        peak = max(peak, usage.ru_maxrss)  # KiB on Linux
    return best, peak / 1024.0


def row(name, cmd, floor_name, floor_cmd):
    t, m = measure(cmd)
    ft, fm = measure(floor_cmd)
    print("%-22s %8.2f s %8.1f MB | %-22s %8.2f s %8.1f MB | x%.2f time"
          % (name, t, m, floor_name, ft, fm, t / ft if ft else 0))
    return t / ft if ft else 0, m


def main():
    annals, workdir = sys.argv[1], sys.argv[2]
    here = os.path.dirname(os.path.abspath(__file__))
    mb = os.environ.get("BENCH_MB", "50")
    print("annals benchmarks (best of %d; peak RSS; floor in the same run)"
          % REPEAT)
    for kind in ("rss", "atom"):
        path = os.path.join(workdir, "bench-%s-%sMB.xml" % (kind, mb))
        if not os.path.exists(path):
            subprocess.check_call([sys.executable,
                                   os.path.join(here, "genfeed.py"),
                                   kind, mb, path])
        size = os.path.getsize(path) / 1048576.0
        row("parse %s %.0fMB" % (kind, size), [annals, "parse", path],
            "xmllint --stream", ["xmllint", "--stream", "--noout", path])


if __name__ == "__main__":
    main()
