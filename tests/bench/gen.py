#!/usr/bin/env python3
"""Realistic histories for the benchmark, written as hep import JSON.

  gen.py typical|stress DAYS OUT.json OUT.cfg

typical: 8 exercises, 2 sessions a day, ~90% adherence with gaps, skips
and pain. stress: 30 exercises, 3 a day (two on fixed weekdays, two any 5 days a
week), and a prescription change every 6 weeks (so ~90 snapshots in ten
years): about 280,000 sessions; every exercise of every version has two
steps (SPEC 2.1: more reps after two weeks, a load after four). Both end on 2026-11-25; the
prescription file written is the newest version. Deterministic (seeded).
"""
import datetime, json, random, sys

kind, days, out_json, out_cfg = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
rnd = random.Random(20261126)
end = datetime.date(2026, 11, 25)
start = end - datetime.timedelta(days=days - 1)
n_ex, per_day = (8, 2) if kind == "typical" else (30, 3)
weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


NEW_KEYS = {"pause": None, "duration": None, "load": None, "tempo": None,
            "at": None, "every": None, "anchor": None, "as_needed": False,
            "pain_limit": None, "link": None}


def exercise(i, version, since=None):
    e = {"id": f"ex-{i:02d}", "name": f"Exercise {i + 1}", "sets": 3,
         "reps": 10 + (version + i) % 5, "hold": 5 if i % 2 else None,
         "rest": 30 if i % 3 == 0 else None, "side": None,
         "per_day": per_day, "days": weekdays, "per_week": None,
         "from": None, "until": None, "notes": "Slowly, with control."}
    e.update(NEW_KEYS)
    e["steps"] = None
    if kind == "stress" and since is not None:
        # Two steps on every exercise: more reps, then a load.
        a = dict(e, reps=e["reps"] + 2, steps=None,
                 step_from=(since + datetime.timedelta(days=14)).isoformat())
        b = dict(a, load="+2 kg", step_from=(since + datetime.timedelta(days=28)).isoformat())
        for x in (a, b):
            x["step_label"] = x["step_from"]
        e["_steps"] = [a, b]
    if kind == "typical":
        if i % 4 == 3:      # some on fixed weekdays
            e["days"] = ["mon", "wed", "fri"]
            e["per_day"] = 1
        if i % 8 == 7:      # some any N days a week (no days of their own:
            e["per_week"] = 3   # per_week excludes days, SPEC section 2)
            e["per_day"] = 1
            e["days"] = weekdays
    elif i % 16 == 3:       # stress: 3 a day nearly everywhere (~280,000
        e["days"] = ["mon", "wed", "fri"]   # sessions in ten years), with
    elif i % 16 == 7:       # two of each other kind
        e["per_week"] = 5
    return e


def with_steps(e):
    e = dict(e)
    steps = e.pop("_steps", None)
    if steps:
        e["steps"] = [dict(x, **{k: v for k, v in NEW_KEYS.items() if k not in x}) for x in steps]
        for x in e["steps"]:  # a version of the exercise: no steps of its own
            x.pop("_steps", None)
            x.pop("steps", None)
            x.update({k: e[k] for k in ("per_day", "days", "per_week") if k in e})
    return e


versions = []
step = 42 if kind == "stress" else days + 1
d = start
v = 0
while d <= end:
    versions.append({"from": d.isoformat(),
                     "exercises": [with_steps(exercise(i, v, d)) for i in range(n_ex)]})
    v += 1
    d += datetime.timedelta(days=step)

sessions = []
week_done = {}
reasons = ["rest", "pain", "sick", "travel", "time", "other"]
for k in range(days):
    day = start + datetime.timedelta(days=k)
    wd = weekdays[day.weekday()]
    if rnd.random() < 0.04:
        continue  # a day away
    for i in range(n_ex):
        e = exercise(i, 0)
        if wd not in e["days"]:
            continue
        wk = (i, day.isocalendar()[:2])
        if e["per_week"] and week_done.get(wk, 0) >= e["per_week"]:
            continue
        r = rnd.random()
        if r < 0.03:
            sessions.append({"day": day.isoformat(), "exercise": e["id"],
                             "logged_at": f"{day}T08:00:00Z", "pain": None,
                             "note": "could not", "skip": rnd.choice(reasons)})
            continue
        done = e["per_day"] if r < 0.90 else rnd.randrange(e["per_day"])
        if e["per_week"] and rnd.random() < 0.5:
            continue
        for n in range(done):
            late = rnd.random() < 0.05
            at = day + datetime.timedelta(days=1) if late else day
            sessions.append({"day": day.isoformat(), "exercise": e["id"],
                             "logged_at": f"{at}T{7 + 5 * n:02d}:{i % 60:02d}:00Z",
                             "pain": rnd.randrange(0, 6) if rnd.random() < 0.3 else None,
                             "note": None, "skip": None})
        if done >= e["per_day"] and e["per_week"]:
            week_done[wk] = week_done.get(wk, 0) + 1

json.dump({"sessions": sessions, "prescriptions": versions}, open(out_json, "w"))

last = versions[-1]["exercises"]
with open(out_cfg, "w") as f:
    # Two weekly measures and the PSFS (SPEC section 8): bench.py records
    # them every week of the history.
    f.write('version = 1;\nprogram: { title = "Benchmark"; start = "%s";\n'
            '  measures = (\n'
            '    { id = "knee-bend"; name = "Knee bend"; unit = "deg"; min = 0; max = 160;\n'
            '      every = "week"; goal = 120; },\n'
            '    { id = "chair-stand"; name = "Chair stand"; unit = "stands"; min = 0;\n'
            '      max = 60; every = "week"; } );\n'
            '  psfs = ["Climbing stairs", "Kneeling", "Walking 1 km"];\n};\n'
            'exercises = (\n' % start)
    for j, e in enumerate(last):
        f.write('  { id = "%s"; name = "%s"; sets = %d; reps = %d;%s per_day = %d;' %
                (e["id"], e["name"], e["sets"], e["reps"],
                 " hold = %d;" % e["hold"] if e["hold"] else "", e["per_day"]))
        if e["per_week"]:
            f.write(" per_week = %d;" % e["per_week"])
        elif e["days"] != weekdays:
            f.write(" days = [%s];" % ", ".join('"%s"' % x for x in e["days"]))
        if e["rest"]:
            f.write(" rest = %d;" % e["rest"])
        if e["steps"]:
            f.write(" steps = (%s);" % ", ".join(
                '{ from = "%s"; reps = %d;%s }' % (x["step_from"], x["reps"],
                                                 ' load = "%s";' % x["load"] if x["load"] else "")
                for x in e["steps"]))
        f.write(' notes = "%s"; }%s\n' % (e["notes"], "," if j < len(last) - 1 else ""))
    f.write(");\n")
print(f"{kind} {days} days: {len(sessions)} rows, {len(versions)} prescriptions", file=sys.stderr)
