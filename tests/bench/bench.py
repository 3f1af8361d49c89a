#!/usr/bin/env python3
"""make bench: annals parse beside its floor, as wall time and peak RSS.

For a ~50 MB RSS 2.0 and a ~50 MB Atom file (genfeed.py), `annals parse`
and `xmllint --stream --noout` (the libxml2 floor) run in turns, REPEAT
times each, in the same run; the best wall time and the largest peak RSS
of each are printed side by side with the ratio, against the targets of
issue 3: wall time within 1.3x of the floor, peak RSS under 32 MB.

Peak RSS comes from GNU time (/usr/bin/time -f %M): the ru_maxrss that
wait4() reports for a child of this script also counts the pages the
child inherited from Python before exec, which hides anything smaller
than Python itself. Without GNU time it falls back to that (marked ~)."""
import os
import subprocess
import sys
import time

REPEAT = int(os.environ.get("BENCH_REPEAT", "5"))
TIME_TARGET = 1.3
RSS_TARGET_MB = 32.0
GNU_TIME = "/usr/bin/time"


def have_gnu_time():
    try:
        out = subprocess.run([GNU_TIME, "-f", "%M", "true"],
                             capture_output=True, text=True)
    except OSError:
        return False
    return out.returncode == 0 and out.stderr.strip().isdigit()


def run_once(argv, gnu):
    """Wall seconds, CPU seconds and peak RSS in MB of one run of argv."""
    cmd = [GNU_TIME, "-f", "%M"] + argv if gnu else argv
    t0 = time.monotonic()
    with open(os.devnull, "wb") as null:
        p = subprocess.Popen(cmd, stdout=null, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(p.pid, 0)
        err = p.stderr.read().decode(errors="replace")
        p.stderr.close()
    wall = time.monotonic() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("bench: %s failed: %s" % (" ".join(argv), err.strip()))
    if gnu:
        kib = int(err.strip().splitlines()[-1])
    else:
        kib = usage.ru_maxrss  # KiB on Linux
    return wall, usage.ru_utime + usage.ru_stime, kib / 1024.0


def compare(cmd, floor_cmd, gnu):
    """Best wall time, best CPU time and peak RSS of cmd and floor_cmd,
    run in turns so that a busy machine slows both alike."""
    best = [None, None]
    cpu = [None, None]
    peak = [0.0, 0.0]
    for _ in range(REPEAT):
        for k, argv in enumerate((cmd, floor_cmd)):
            wall, used, mb = run_once(argv, gnu)
            best[k] = wall if best[k] is None else min(best[k], wall)
            cpu[k] = used if cpu[k] is None else min(cpu[k], used)
            peak[k] = max(peak[k], mb)
    return best, cpu, peak


def main():
    annals, workdir = sys.argv[1], sys.argv[2]
    here = os.path.dirname(os.path.abspath(__file__))
    mb = os.environ.get("BENCH_MB", "50")
    gnu = have_gnu_time()
    mark = "" if gnu else "~"
    print("annals parse vs xmllint --stream --noout (best of %d, peak RSS%s;"
          " targets: time <= x%.1f, RSS < %.0f MB)"
          % (REPEAT, "" if gnu else " ~ upper bound, no GNU time",
             TIME_TARGET, RSS_TARGET_MB))
    failed = 0
    for kind in ("rss", "atom"):
        path = os.path.join(workdir, "bench-%s-%sMB.xml" % (kind, mb))
        gen = os.path.join(here, "genfeed.py")
        if (not os.path.exists(path)
                or os.path.getmtime(path) < os.path.getmtime(gen)):
            subprocess.check_call([sys.executable, gen, kind, mb, path])
        size = os.path.getsize(path) / 1048576.0
        (t, ft), (c, fc), (m, fm) = compare(
            [annals, "parse", path],
            ["xmllint", "--stream", "--noout", path], gnu)
        ratio = t / ft if ft else 0.0
        ok = ratio <= TIME_TARGET and m < RSS_TARGET_MB
        failed += not ok
        print("parse %-4s %3.0f MB: annals %6.3f s (cpu %5.3f) %s%5.1f MB"
              " | xmllint %6.3f s (cpu %5.3f) %s%5.1f MB"
              " | x%.2f time (cpu x%.2f), x%.2f RSS  %s"
              % (kind, size, t, c, mark, m, ft, fc, mark, fm, ratio,
                 c / fc if fc else 0.0, m / fm if fm else 0.0,
                 "ok" if ok else "MISSED"))
    if failed:
        print("bench: %d target%s missed" % (failed, "" if failed == 1
                                              else "s"))


if __name__ == "__main__":
    main()
