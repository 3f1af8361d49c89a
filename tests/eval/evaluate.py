#!/usr/bin/env python3
"""Evaluate annals' extraction against the labelled set.

usage: evaluate.py [--annals PATH | PATH] [--labelled DIR] [--rules PATH | --no-rules]
                   [--min KEY=VALUE ...] [--tap] [--keep DIR]

Imports every tests/fixtures/labelled/*.xml into a fresh database with the
labelled sources.conf and the rules file, reads `annals list --all --json`,
matches each labelled item to the event whose sources[].url is its link, and
prints one line per metric, every mistake, and "N passed, N failed".
--min KEY=VALUE replaces the threshold of a metric (f1, action, day,
cluster, follows; merges=N allows N wrong merges), as the held-out set
(tests/fixtures/labelled-holdout) is enforced at floors of its own. Exit
status: 0 if every thresholded metric passes, 1 if one fails, 2 if the
evaluation could not run (bad labels, annals failed).

Metrics (labels are described in tests/fixtures/labelled/README):
  policy precision / recall / F1  positive = labelled policy true
  action accuracy     over items labelled policy and predicted policy
  day accuracy        over items labelled policy: event day == label day
  cluster accuracy    per labelled cluster: all its items in one event that
                      holds nothing else
  wrong merges        labelled singletons or different clusters in one event
  follow-up accuracy  per item with "follows": the event's follows is the id
                      of the event holding the followed link
  period accuracy     informative: until and until_text agree
  company accuracy    informative: the event's company is the label's
"""
import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

# (key, description, threshold); each is one "test".
THRESHOLDS = [
    ("f1", "policy F1", 0.90),
    ("action", "action accuracy", 0.85),
    ("day", "day accuracy", 1.00),
    ("cluster", "cluster accuracy", 1.00),
    ("merges", "no wrong merges", None),
    ("follows", "follow-up accuracy", 1.00),
]
ACTIONS = {"exit", "moratorium", "restrict", "extend", "resume", "pledge",
           "advocate", "standard", "other"}
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Broken(Exception):
    """The evaluation cannot run."""


def load_labels(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    if isinstance(data, dict):  # {link: {...}} is accepted too
        data = [dict(v, link=k) for k, v in data.items()]
    seen = set()
    problems = []
    for lab in data:
        link = lab.get("link")
        if not link:
            problems.append("a label has no link")
            continue
        if link in seen:
            problems.append("%s: labelled twice" % link)
        seen.add(link)
        company = lab.get("company")
        if not isinstance(company, str) or not company.strip() or company == "auto":
            problems.append("%s: company %r" % (link, company))
        if not isinstance(lab.get("policy"), bool):
            problems.append("%s: policy must be true or false" % link)
        if lab.get("policy") and lab.get("action") not in ACTIONS:
            problems.append("%s: action %r" % (link, lab.get("action")))
        if not DAY.match(str(lab.get("day"))):
            problems.append("%s: day %r" % (link, lab.get("day")))
        if lab.get("until") is not None and not DAY.match(str(lab["until"])):
            problems.append("%s: until %r" % (link, lab["until"]))
    for lab in data:
        if lab.get("follows") and lab["follows"] not in seen:
            problems.append("%s: follows an unlabelled link" % lab["link"])
    clusters = {}
    for lab in data:
        if lab.get("cluster"):
            clusters.setdefault(lab["cluster"], []).append(lab)
    for cid, members in clusters.items():
        if len(members) < 2:
            problems.append("cluster %s has one item" % cid)
        if len({m["day"] for m in members}) != 1:
            problems.append("cluster %s: items have different days" % cid)
    if problems:
        raise Broken("bad labels in %s:\n  %s" % (path, "\n  ".join(problems)))
    return data


def run_annals(annals, labelled, rules, keep):
    tmp = keep or tempfile.mkdtemp(prefix="annals-eval.")
    os.makedirs(tmp, exist_ok=True)
    db = os.path.join(tmp, "annals.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.unlink(db + suffix)
    feeds = sorted(glob.glob(os.path.join(labelled, "*.xml")))
    if not feeds:
        raise Broken("no *.xml in %s" % labelled)
    env = dict(os.environ)
    for var in ("ANNALS_DB", "ANNALS_RULES", "XDG_CONFIG_HOME", "XDG_DATA_HOME"):
        env.pop(var, None)
    env.setdefault("HOME", tmp)
    glob_opts = ["--db", db, "--sources", os.path.join(labelled, "sources.conf")]
    if rules:
        glob_opts += ["--rules", rules]
    try:
        cmd = [annals] + glob_opts + ["import", "-q"] + feeds
        p = subprocess.run(cmd, capture_output=True, text=True, env=env)
        if p.returncode != 0:
            msg = "annals import failed (exit %d):\n  %s" % (
                p.returncode, p.stderr.strip().replace("\n", "\n  "))
            if "--rules" in p.stderr and "unknown option" in p.stderr:
                msg += "\n  (this annals has no global --rules option yet; --no-rules skips it)"
            raise Broken(msg)
        cmd = [annals] + glob_opts + ["list", "--all", "--json"]
        p = subprocess.run(cmd, capture_output=True, text=True, env=env)
        if p.returncode != 0:
            raise Broken("annals list --all --json failed (exit %d):\n  %s" % (
                p.returncode, p.stderr.strip().replace("\n", "\n  ")))
        events = []
        for n, line in enumerate(p.stdout.splitlines(), 1):
            if not line.strip():
                continue
            try:
                events.append(json.loads(line))
            except ValueError as e:
                raise Broken("annals list --json line %d is not JSON: %s" % (n, e))
        return events
    finally:
        if not keep:
            shutil.rmtree(tmp, ignore_errors=True)


def strip_url(u):
    return re.sub(r"^https?://", "", u or "").rstrip("/")


def norm_text(s):
    s = (s or "").lower().replace("-", " ")
    return " ".join(re.findall(r"[a-z0-9]+", s))


def period_kind(s):
    """open, condition or duration: the kind of effective period a text names."""
    t = norm_text(s)
    if re.search(r"indefinite|further notice|no end|open ended|until revoked", t):
        return "open"
    if re.search(r"\b(law|laws|legislation|congress|regulation|regulations|act|acts|passes)\b", t):
        return "condition"
    if re.search(r"\b(day|days|week|weeks|month|months|year|years)\b", t):
        return "duration"
    return None


def period_ok(lab, ev):
    """Informative: until equal, and until_text naming the same period. A
    label with an explicit until and no until_text accepts any text."""
    want_until, want_text = lab.get("until"), lab.get("until_text")
    got_until = ev.get("until") if ev else None
    got_text = ev.get("until_text") if ev else None
    if got_until != want_until:
        return False
    if want_text is None:
        return got_text is None or want_until is not None
    if got_text is None:
        return False
    a, b = norm_text(want_text), norm_text(got_text)
    if a in b or b in a:
        return True
    kind = period_kind(want_text)
    return kind is not None and kind == period_kind(got_text)


def fmt_ev(ev):
    if ev is None:
        return "no event"
    return "event %s" % ev.get("id")


def evaluate(labels, events):
    """Returns (results {key: (value, detail)}, informative [(name, value, detail)],
    mistakes [str], unmatched events count)."""
    by_url = {}
    for ev in events:
        for s in ev.get("sources") or []:
            by_url.setdefault(s.get("url"), ev)
    stripped = {strip_url(u): ev for u, ev in by_url.items()}

    def find(link):
        if link in by_url:
            return by_url[link]
        if strip_url(link) in stripped:
            return stripped[strip_url(link)]
        for u, ev in by_url.items():  # "sources[].url contains it"
            if u and link in u:
                return ev
        return None

    ev_of = {lab["link"]: find(lab["link"]) for lab in labels}
    lab_of_url = {}
    for lab in labels:
        lab_of_url[lab["link"]] = lab
        lab_of_url[strip_url(lab["link"])] = lab
    mistakes = []

    for lab in labels:
        if ev_of[lab["link"]] is None:
            mistakes.append("missing   %s: no event lists this link in sources[].url" % lab["link"])

    # policy detection
    tp = fp = fn = 0
    for lab in labels:
        ev = ev_of[lab["link"]]
        pred = bool(ev and ev.get("policy"))
        if lab["policy"] and pred:
            tp += 1
        elif lab["policy"]:
            fn += 1
            mistakes.append("policy    %s: expected policy (%s), annals said not policy [%s]"
                            % (lab["link"], lab["action"], fmt_ev(ev)))
        elif pred:
            fp += 1
            mistakes.append("policy    %s: expected not policy, annals said policy (%s) [%s]"
                            % (lab["link"], ev.get("action"), fmt_ev(ev)))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    # action
    n = good = 0
    for lab in labels:
        ev = ev_of[lab["link"]]
        if not (lab["policy"] and ev and ev.get("policy")):
            continue
        n += 1
        if ev.get("action") == lab["action"]:
            good += 1
        else:
            mistakes.append("action    %s: expected %s, annals said %s [%s]"
                            % (lab["link"], lab["action"], ev.get("action"), fmt_ev(ev)))
    action = (good / n if n else 0.0, "%d/%d" % (good, n))

    # day
    n = good = 0
    for lab in labels:
        if not lab["policy"]:
            continue
        ev = ev_of[lab["link"]]
        n += 1
        if ev and ev.get("day") == lab["day"]:
            good += 1
        else:
            mistakes.append("day       %s: expected %s, annals said %s [%s]"
                            % (lab["link"], lab["day"], json.dumps(ev.get("day") if ev else None), fmt_ev(ev)))
    day = (good / n if n else 0.0, "%d/%d" % (good, n))

    # clusters
    clusters = {}
    for lab in labels:
        if lab.get("cluster"):
            clusters.setdefault(lab["cluster"], []).append(lab)
    good = 0
    for cid, members in sorted(clusters.items()):
        evs = {id(ev_of[m["link"]]): ev_of[m["link"]] for m in members}
        ok = len(evs) == 1 and None not in evs.values()
        extra = []
        if ok:
            ev = next(iter(evs.values()))
            for s in ev.get("sources") or []:
                lab = lab_of_url.get(s.get("url")) or lab_of_url.get(strip_url(s.get("url")))
                if not lab or lab.get("cluster") != cid:
                    extra.append(s.get("url"))
            ok = not extra
        if ok:
            good += 1
        elif extra:
            mistakes.append("cluster   %s: its event %s also holds %s"
                            % (cid, ev.get("id"), ", ".join(extra)))
        else:
            where = ", ".join("%s in %s" % (m["link"], fmt_ev(ev_of[m["link"]])) for m in members)
            mistakes.append("cluster   %s: expected one event, annals has %s" % (cid, where))
    cluster = (good / len(clusters) if clusters else 1.0, "%d/%d" % (good, len(clusters)))

    # wrong merges: labelled singletons or different clusters in one event
    merges = 0
    for ev in events:
        groups = {}
        for s in ev.get("sources") or []:
            lab = lab_of_url.get(s.get("url")) or lab_of_url.get(strip_url(s.get("url")))
            if lab:
                g = lab.get("cluster") or "(single) " + lab["link"]
                groups.setdefault(g, []).append(lab["link"])
        if len(groups) > 1:
            merges += len(groups) - 1
            mistakes.append("merge     event %s joins %d moves: %s" % (
                ev.get("id"), len(groups),
                "; ".join("%s: %s" % (g if not g.startswith("(single)") else "single",
                                      ", ".join(links)) for g, links in sorted(groups.items()))))

    # follow-ups
    n = good = 0
    for lab in labels:
        if not lab.get("follows"):
            continue
        n += 1
        ev = ev_of[lab["link"]]
        target = ev_of.get(lab["follows"])
        want = target.get("id") if target else None
        got = ev.get("follows") if ev else None
        if ev and target and got == want and ev is not target:
            good += 1
        else:
            mistakes.append("follows   %s: expected follows = %s (the event of %s), annals said %s [%s]"
                            % (lab["link"], json.dumps(want), lab["follows"], json.dumps(got), fmt_ev(ev)))
    follows = (good / n if n else 1.0, "%d/%d" % (good, n))

    # informative: period, company
    n = good = 0
    for lab in labels:
        if not lab["policy"]:
            continue
        ev = ev_of[lab["link"]]
        n += 1
        if period_ok(lab, ev):
            good += 1
        else:
            mistakes.append("period    %s: expected until %s / %s, annals said %s / %s (informative)"
                            % (lab["link"], json.dumps(lab.get("until")), json.dumps(lab.get("until_text")),
                               json.dumps(ev.get("until") if ev else None),
                               json.dumps(ev.get("until_text") if ev else None)))
    period = (good / n if n else 1.0, "%d/%d" % (good, n))
    n = good = 0
    for lab in labels:
        ev = ev_of[lab["link"]]
        n += 1
        if ev and ev.get("company") == lab["company"]:
            good += 1
        else:
            mistakes.append("company   %s: expected %s, annals said %s [%s] (informative)"
                            % (lab["link"], lab["company"], json.dumps(ev.get("company") if ev else None), fmt_ev(ev)))
    company = (good / n if n else 1.0, "%d/%d" % (good, n))

    results = {
        "f1": (f1, "tp %d, fp %d, fn %d" % (tp, fp, fn)),
        "action": action,
        "day": day,
        "cluster": cluster,
        "merges": (merges, "%d" % merges),
        "follows": follows,
    }
    informative = [
        ("policy precision", precision, "%d/%d" % (tp, tp + fp)),
        ("policy recall", recall, "%d/%d" % (tp, tp + fn)),
        ("period accuracy", period[0], period[1]),
        ("company accuracy", company[0], company[1]),
    ]
    matched = {id(ev) for ev in ev_of.values() if ev is not None}
    unmatched = sum(1 for ev in events if id(ev) not in matched)
    return results, informative, mistakes, unmatched


def passes(key, value, threshold):
    if key == "merges":
        return value <= (threshold or 0)
    return value >= threshold - 1e-9


def main():
    ap = argparse.ArgumentParser(description="Evaluate annals extraction on the labelled set.")
    ap.add_argument("binary", nargs="?", help="the annals binary (default $ANNALS, else ./annals)")
    ap.add_argument("--annals", help="the annals binary")
    ap.add_argument("--labelled", default=os.path.join(TOP, "tests", "fixtures", "labelled"),
                    help="directory with *.xml, sources.conf and labels.json")
    ap.add_argument("--rules", default=os.path.join(TOP, "feeds", "rules.conf"),
                    help="rules file passed as --rules (default feeds/rules.conf)")
    ap.add_argument("--no-rules", action="store_true", help="do not pass --rules to annals")
    ap.add_argument("--min", action="append", default=[], metavar="KEY=VALUE",
                    help="threshold of a metric (f1, action, day, cluster, follows, merges)")
    ap.add_argument("--tap", action="store_true", help="print TAP: one ok/not ok line per metric")
    ap.add_argument("--keep", metavar="DIR", help="build the database in DIR and keep it")
    args = ap.parse_args()
    annals = os.path.abspath(args.annals or args.binary or os.environ.get("ANNALS")
                             or os.path.join(TOP, "annals"))
    rules = None if args.no_rules else os.path.abspath(args.rules)
    keys = [k for k, _, _ in THRESHOLDS]
    for spec in args.min:
        key, sep, val = spec.partition("=")
        try:
            val = float(val)
        except ValueError:
            sep = ""
        if not sep or key not in keys:
            ap.error("--min %s: expected KEY=NUMBER, KEY one of %s" % (spec, ", ".join(keys)))
        THRESHOLDS[keys.index(key)] = (key, THRESHOLDS[keys.index(key)][1], val)

    try:
        if not os.access(annals, os.X_OK):
            raise Broken("no annals binary at %s" % annals)
        labels = load_labels(os.path.join(args.labelled, "labels.json"))
        events = run_annals(annals, args.labelled, rules, args.keep)
    except (Broken, OSError, ValueError) as e:
        if args.tap:
            for i, (key, desc, thr) in enumerate(THRESHOLDS, 1):
                print("not ok %d - %s (evaluation did not run)" % (i, desc))
            for line in str(e).splitlines():
                print("# " + line)
            print("1..%d" % len(THRESHOLDS))
            print("# 0 passed, %d failed" % len(THRESHOLDS))
        else:
            print("evaluate.py: %s" % e, file=sys.stderr)
            print("0 passed, %d failed" % len(THRESHOLDS))
        return 2

    results, informative, mistakes, unmatched = evaluate(labels, events)
    npol = sum(1 for lab in labels if lab["policy"])
    header = "labelled set: %d items (%d policy, %d not), %d events from annals%s" % (
        len(labels), npol, len(labels) - npol, len(events),
        ", %d of them matching no labelled link" % unmatched if unmatched else "")
    passed = failed = 0
    if args.tap:
        print("# " + header)
        for name, value, detail in informative:
            print("# %-19s %.3f  %s (informative)" % (name, value, detail))
        for i, (key, desc, thr) in enumerate(THRESHOLDS, 1):
            value, detail = results[key]
            ok = passes(key, value, thr)
            passed += ok
            failed += not ok
            if key == "merges":
                print("%s %d - %s (%s wrong merges, at most %d)" % (
                    "ok" if ok else "not ok", i, desc, detail, thr or 0))
            else:
                print("%s %d - %s %.3f >= %.2f (%s)" % ("ok" if ok else "not ok", i, desc, value, thr, detail))
        if mistakes:
            print("# mistakes:")
            for m in mistakes:
                print("#   " + m)
        print("1..%d" % len(THRESHOLDS))
        print("# %d passed, %d failed" % (passed, failed))
    else:
        print(header)
        rows = []
        info = {name: (value, detail) for name, value, detail in informative}
        rows.append(("policy precision",) + info["policy precision"] + (None,))
        rows.append(("policy recall",) + info["policy recall"] + (None,))
        for key, desc, thr in THRESHOLDS:
            value, detail = results[key]
            rows.append((desc, value, detail, (key, thr)))
        rows.append(("period accuracy",) + info["period accuracy"] + (None,))
        rows.append(("company accuracy",) + info["company accuracy"] + (None,))
        for desc, value, detail, test in rows:
            if test is None:
                print("%-19s %6.3f  %-10s %-6s %s" % (desc, value, "(info)", "", detail))
                continue
            key, thr = test
            ok = passes(key, value, thr)
            passed += ok
            failed += not ok
            if key == "merges":
                print("%-19s %6d  %-10s %-6s" % (desc, value, "(<= %d)" % (thr or 0),
                                                 "PASS" if ok else "FAIL"))
            else:
                print("%-19s %6.3f  %-10s %-6s %s" % (desc, value, "(>= %.2f)" % thr,
                                                     "PASS" if ok else "FAIL", detail))
        if mistakes:
            print()
            print("mistakes (%d):" % len(mistakes))
            for m in mistakes:
                print("  " + m)
            print()
        print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
