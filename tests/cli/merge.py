"""The order of imports never matters (SPEC 6.2), as a property.

For each case (its seed is the case number): three data files live random
histories through the command line (done, undo, redo, skip, edit, measures
and PSFS check-ins, for today and the days before, with a clock that moves
on and now and then back, and now and then one file's back-up imported
into another, as a laptop and a desktop do). Then each file's back-up is
imported into the others in every order, and:

- for each file, every order of importing the other two gives the same
  `export --format json`, byte for byte (and all three files end the same);
- importing a back-up again adds nothing;
- the entries, replayed here by the rules of SPEC 6.2 written anew (not
  hep's code), leave exactly the sessions and skips hep exports as the
  state, and every entry's status is the one hep gives;
- store_verify (the test tool named by $HEP_VERIFY, when set) replays
  every merged file's entries from scratch and finds its rows, statuses
  and tallies exact; a session row changed behind hep's back must make it
  fail.

Usage: merge.py HEP WORKDIR CASES [FIRST_SEED]
Prints "ok NAME" / "FAIL NAME" lines and the counts of what each case did.
"""
import itertools
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta

HEP, T, CASES = sys.argv[1], sys.argv[2], int(sys.argv[3])
FIRST = int(sys.argv[4]) if len(sys.argv) > 4 else 1
VERIFY = os.environ.get("HEP_VERIFY")
CFG = os.path.join(T, "merge.cfg")
with open(CFG, "w") as f:
    f.write("""version = 1;
program: { title = "Merge"; start = "2026-11-02"; week_starts = "monday";
  measures = ( { id = "knee-bend"; name = "Knee bend"; unit = "deg"; min = 0;
                 max = 160; every = "day"; goal = 120; } );
  psfs = ["Stairs", "Kneeling"]; };
exercises = (
  { id = "quad-set"; name = "Quad sets"; sets = 3; reps = 10; per_day = 2; },
  { id = "slr"; name = "Straight leg raise"; sets = 3; reps = 12;
    days = ["mon", "wed", "fri"]; },
  { id = "bridge"; name = "Bridges"; sets = 2; reps = 15; per_week = 3; }
);
""")

passed = failed = 0


def ok(name):
    global passed
    passed += 1
    print("ok", name)


def bad(name, *why):
    global failed
    failed += 1
    print("FAIL", name)
    for w in why:
        print("  ", str(w)[:2000])


def hep(db, now, *args):
    env = dict(os.environ, HEP_CONFIG=CFG, HEP_DB=db,
               HEP_NOW=now.strftime("%Y-%m-%dT%H:%M:%S"))
    return subprocess.run([HEP, *args], env=env, capture_output=True,
                          text=True, timeout=60)


EXERCISES = ["quad-set", "quad-set", "slr", "bridge"]
REASONS = ["rest", "pain", "sick", "travel", "time", "other"]


def history(r, db, clock, tally, last):
    """One step of a file's life: a command at its clock (after an undo,
    often a redo, with last the file's previous command)."""
    day = (clock - timedelta(days=r.choice([0, 0, 0, 1, 2]))).date()
    if day < datetime(2026, 11, 2).date():
        day = clock.date()
    date = ["--date", day.isoformat()]
    ex = r.choice(EXERCISES)
    k = r.choices(["done", "undo", "redo", "skip", "edit", "measure", "psfs"],
                  [8, 4, 2, 2, 3, 2, 1])[0]
    if last and last[0] == "undo" and r.random() < 0.5:
        k, ex, day = "redo", last[1], last[2]
        date = ["--date", day.isoformat()]
    args = {"done": ["done", ex, "--pain", str(r.randint(0, 6))],
            "undo": ["undo", ex], "redo": ["redo", ex],
            "skip": ["skip", ex, "--reason", r.choice(REASONS)],
            "edit": ["edit", ex, "--pain", str(r.randint(0, 9))]
            + (["--note", r.choice(["sore", "x, y", "=1+1"])]
               if r.random() < 0.5 else []),
            "measure": ["measure", "knee-bend", str(r.randint(60, 130))],
            "psfs": ["psfs", str(r.randint(0, 10)), str(r.randint(0, 10))]}[k]
    res = hep(db, clock, *args, *date)
    tally[k if res.returncode == 0 else "refused"] += 1
    if res.returncode and "clock reads" in res.stderr:
        tally["clock behind"] += 1
    return (k, ex, day) if res.returncode == 0 else None


def export(db, now):
    res = hep(db, now, "export", "--format", "json")
    if res.returncode:
        raise RuntimeError(res.stderr)
    return res.stdout


def imp(db, now, path, *more):
    return hep(db, now, "import", path, *more)


# ---- the reference: SPEC 6.2's rules, from the entries alone --------------

def order(e):
    return (e["stamp"], e["id"])


def replay(entries):
    """The sessions (made_at, pain, note), the day's skip and each entry's
    status of one exercise's day, from its entries in any order."""
    ids = {e["id"]: e for e in entries}
    actions = ("session", "skip", "correction")
    last = {}  # action id -> its latest undo or redo (by stamp)
    redone = set()
    inert = set()
    for e in sorted(entries, key=order):
        a = None
        if e["kind"] == "undo":
            t = ids.get(e["target"])
            a = t if t and t["kind"] in actions else None
        elif e["kind"] == "redo":
            u = ids.get(e["target"])
            t = ids.get(u["target"]) if u and u["kind"] == "undo" else None
            a = t if t and t["kind"] in actions else None
            if a:
                redone.add(u["id"])
        else:
            continue
        if a:
            last[a["id"]] = e
        else:
            inert.add(e["id"])
    stands = {e["id"]: e["id"] not in last or last[e["id"]]["kind"] == "redo"
              for e in entries}
    withdrawn = set()
    for e in entries:
        if e["kind"] == "correction":
            t = ids.get(e["target"])
            if not t or t["kind"] != "session":
                inert.add(e["id"])
                stands[e["id"]] = False
            else:
                stands[e["id"]] = stands[e["id"]] and stands[t["id"]]
        elif e["kind"] == "withdraw":
            t, b = ids.get(e["target"]), ids.get(e["by"])
            if not (t and t["kind"] == "skip" and b and b["kind"] == "session"):
                inert.add(e["id"])
                stands[e["id"]] = False
            else:
                stands[e["id"]] = stands[b["id"]]
                if stands[e["id"]]:
                    withdrawn.add(t["id"])
    for s in entries:
        if s["kind"] != "skip" or s["reason"] in ("rest", "pain", "sick"):
            continue
        if any(x["kind"] == "session" and stands[x["id"]] and order(x) > order(s)
               for x in entries):
            withdrawn.add(s["id"])
    sessions = sorted((e for e in entries if e["kind"] == "session"
                       and stands[e["id"]]),
                      key=lambda e: (e["made_at"], e["stamp"], e["id"]))
    value = {s["id"]: {"pain": s["pain"], "note": s["note"]} for s in sessions}
    for c in sorted((e for e in entries if e["kind"] == "correction"
                     and stands[e["id"]]), key=order):
        for k in ("pain", "note"):
            if k in c["replaces"]:
                value[c["target"]][k] = c[k]
    skips = sorted((e for e in entries if e["kind"] == "skip" and stands[e["id"]]
                    and e["id"] not in withdrawn), key=order)
    skip = skips[-1] if skips else None
    status = {}
    for e in entries:
        i = e["id"]
        if i in inert:
            status[i] = "inert"
        elif e["kind"] == "skip":
            status[i] = ("taken back" if not stands[i] else
                         "withdrawn" if i in withdrawn else
                         "standing" if skip is e else "superseded")
        elif e["kind"] == "undo":
            status[i] = "taken back" if i in redone else "standing"
        elif e["kind"] == "redo":
            a = ids[ids[e["target"]]["target"]]
            l = last[a["id"]]
            status[i] = ("taken back" if l["kind"] == "undo" and order(l) > order(e)
                         else "standing")
        elif e["kind"] in ("measure", "psfs"):
            status[i] = "standing"
        else:
            status[i] = "standing" if stands[i] else "taken back"
    rows = [(s["day"], s["exercise"], 0, s["made_at"], value[s["id"]]["pain"],
             value[s["id"]]["note"], None) for s in sessions]
    if skip:
        rows.append((skip["day"], skip["exercise"], 1, skip["made_at"],
                     skip["pain"], skip["note"], skip["reason"]))
    return rows, status


def reference_agrees(name, backup):
    d = json.loads(backup)
    days = {}
    for e in d["entries"]:
        if e["kind"] in ("measure", "psfs"):
            continue
        days.setdefault((e["exercise"], e["day"]), []).append(e)
    rows, status = [], {}
    for key in sorted(days):
        r, s = replay(days[key])
        rows += r
        status.update(s)
    rows.sort(key=lambda r: (r[0], r[1], r[2], r[3]))
    want = [(r[0], r[1], r[3], r[4], r[5], r[6]) for r in rows]
    got = [(s["day"], s["exercise"], s["logged_at"], s["pain"], s["note"],
            s["skip"]) for s in d["sessions"]]
    if sorted(want, key=str) != sorted(got, key=str):
        bad(name + "_state", "want " + str(want[:20]), "got  " + str(got[:20]))
        return
    wrong = [(e["id"], e["kind"], e["status"], status[e["id"]])
             for e in d["entries"] if e["id"] in status
             and e["status"] != status[e["id"]]]
    if wrong:
        bad(name + "_status", wrong[:10])
        return
    ok(name)


def verified(name, db):
    """store_verify on db agrees with its rows (when HEP_VERIFY is set)."""
    if not VERIFY:
        return
    res = subprocess.run([VERIFY, db], capture_output=True, text=True)
    if res.returncode == 0:
        ok(name)
    else:
        bad(name, res.stderr)


def verify_can_fail(db):
    """A session's pain changed behind hep's back: store_verify says so."""
    if not VERIFY:
        return
    bent = db + ".bent"
    shutil.copy(db, bent)
    with sqlite3.connect(bent) as c:
        day, ex = c.execute("SELECT day, exercise FROM session"
                            " ORDER BY day, exercise LIMIT 1").fetchone()
        changed = c.execute("UPDATE session SET pain = CASE WHEN pain = 3"
                            " THEN 4 ELSE 3 END WHERE day = ? AND"
                            " exercise = ? AND n = 1", (day, ex)).rowcount
    res = subprocess.run([VERIFY, bent], capture_output=True, text=True)
    if changed == 1 and res.returncode == 1 and "verify:" in res.stderr:
        ok("store_verify_finds_a_changed_row")
    else:
        bad("store_verify_finds_a_changed_row", changed, res.returncode,
            res.stderr)


def case(seed):
    r = random.Random(seed)
    names = "abc"
    dbs = {n: os.path.join(T, f"m{seed}{n}.db") for n in names}
    for p in dbs.values():
        if os.path.exists(p):
            os.remove(p)
    clocks = {n: datetime(2026, 11, 2, 7, 0) + timedelta(minutes=r.randint(0, 90))
              for n in names}
    tally = {k: 0 for k in ("done", "undo", "redo", "skip", "edit", "measure",
                            "psfs", "refused", "clock behind", "merged")}
    last = {n: None for n in names}
    for step in range(240):
        n = r.choice(names)
        if r.random() < 0.05:  # a clock set back: its writes are refused
            clocks[n] -= timedelta(hours=r.randint(1, 5))
        else:
            clocks[n] += timedelta(minutes=r.randint(1, 400))
        if r.random() < 0.06:  # a back-up carried to another copy
            o = r.choice([x for x in names if x != n])
            path = os.path.join(T, f"m{seed}-{step}.json")
            with open(path, "w") as f:
                f.write(export(dbs[o], clocks[o]))
            res = imp(dbs[n], clocks[n], path, "--entries-only")
            tally["merged" if res.returncode == 0 else "refused"] += 1
        else:
            last[n] = history(r, dbs[n], clocks[n], tally, last[n])
    end = max(clocks.values()) + timedelta(days=1)
    backups = {}
    for n in names:
        backups[n] = os.path.join(T, f"m{seed}{n}.json")
        with open(backups[n], "w") as f:
            f.write(export(dbs[n], end))
    results = {}
    for n in names:
        others = [x for x in names if x != n]
        outs = []
        for perm in itertools.permutations(others):
            copy = os.path.join(T, f"m{seed}{n}-{''.join(perm)}.db")
            shutil.copy(dbs[n], copy)
            for o in perm:
                res = imp(copy, end, backups[o])
                if res.returncode:
                    bad(f"case_{seed}_import_{o}_into_{n}", res.stderr)
            again = imp(copy, end, backups[perm[0]])
            if again.returncode or not again.stdout.startswith("imported 0 rows"):
                bad(f"case_{seed}_{n}_import_twice_adds_nothing",
                    again.stdout, again.stderr)
            outs.append(export(copy, end))
            verified(f"case_{seed}_{n}_{''.join(perm)}_store_verify", copy)
        if all(o == outs[0] for o in outs):
            ok(f"case_{seed}_{n}_order_does_not_matter")
        else:
            bad(f"case_{seed}_{n}_order_does_not_matter",
                "the exports of the two orders differ")
        results[n] = outs[0]
    if len(set(results.values())) == 1:
        ok(f"case_{seed}_every_copy_the_same")
    else:
        bad(f"case_{seed}_every_copy_the_same")
    reference_agrees(f"case_{seed}_reference_replay_agrees", results["a"])
    entries = len(json.loads(results["a"])["entries"])
    print(f"  case {seed}: {entries} entries; " +
          ", ".join(f"{k} {v}" for k, v in tally.items()))


for seed in range(FIRST, FIRST + CASES):
    case(seed)
verify_can_fail(os.path.join(T, f"m{FIRST}a-bc.db"))
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
