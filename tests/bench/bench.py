#!/usr/bin/env python3
"""The benchmark of issue 6, in one command:

    python3 tests/bench/bench.py build/hep [--quick]

Generates typical and stress histories (1 month, 1 year, 10 years), loads
them with `hep import`, and measures wall time (median of repeated runs)
and peak RSS of the commands, against two baselines measured in the same
run: `sqlite3 FILE 'SELECT count(*) FROM session'` and `hep --version`.
With valgrind present it also counts instructions (callgrind) of the three
JSON commands, and of `today` in text and `remind` (which also say what the
check-in asks for), at 1 month and 10 years. Prints a Markdown table.
With --earned, only the daily commands on the day after each history
with the prescription's every exercise given an earned step (SPEC 2.2:
readiness is worked out on each start, from the latest weeks of sessions,
never the whole history).
Not part of the test suite: timings on a shared machine drift.
"""
import os, shutil, statistics, subprocess, sys, tempfile, time

HEP = os.path.abspath(sys.argv[1])
QUICK = "--quick" in sys.argv
# --earned: only the daily commands with an earned step on every exercise
# (SPEC 2.2), the day after the history, 1 month and 10 years.
EARNED = "--earned" in sys.argv
HERE = os.path.dirname(os.path.abspath(__file__))
WORK = tempfile.mkdtemp(prefix="hep-bench-")
ENV = dict(os.environ, HEP_NOW="2026-11-25T21:00", TZ="UTC", LC_ALL="C.UTF-8")
REPEAT = 3 if QUICK else 7
# The commands a day starts with: their instructions must not grow with
# the years of history.
DAILY = ("today", "week", "streak", "today (text)", "remind")


def start_of(days):
    """The first day of a history of days days (gen.py's)."""
    import datetime
    return (datetime.date(2026, 11, 25) - datetime.timedelta(days=days - 1)).isoformat()


def run(cmd, env=ENV):
    """Wall seconds of one run."""
    t = time.perf_counter()
    p = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - t
    if p.returncode not in (0, 1):
        sys.exit(f"failed: {' '.join(cmd)}: {p.stderr.decode()[:300]}")
    return wall


def peak_rss(cmd):
    """Peak RSS (KiB) of cmd alone, by GNU time (Debian's `time` package):
    a child forked from this Python would count Python's own pages."""
    if not os.path.exists("/usr/bin/time"):
        return 0
    out = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, env=ENV,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return int(out.stderr.strip().splitlines()[-1])


def median(cmd):
    return statistics.median(run(cmd) for _ in range(REPEAT))


def callgrind(cmd):
    if not shutil.which("valgrind"):
        return None
    out = os.path.join(WORK, "cg.out")
    p = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"] + cmd,
                       env=ENV, capture_output=True, text=True)
    for line in p.stderr.splitlines():
        if "Collected" in line:
            return int(line.split()[-1])
    return None


def tui_times(db, cfg):
    """The screen in a pseudo-terminal (100x30): launch to the first frame,
    Space to the repainted tick (the commit included), w, and paging a
    year of weeks back with [. Frames are the ones hep acknowledges on
    HEP_TEST_FIFO after each doupdate()."""
    import fcntl, pty, select, struct, termios
    fifo = os.path.join(WORK, "fifo")
    if not os.path.exists(fifo):
        os.mkfifo(fifo)
    rfd = os.open(fifo, os.O_RDWR | os.O_NONBLOCK)
    env = dict(ENV, HEP_TEST_FIFO=fifo, TERM="xterm-256color")
    env.pop("LINES", None)
    env.pop("COLUMNS", None)
    launched = time.perf_counter()  # the first frame counts from the fork
    pid, master = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        os.execve(HEP, [HEP, "--config", cfg, "--db", db], env)
    fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    buf = b""

    def frame(t0):
        nonlocal buf
        while True:
            r, _, _ = select.select([rfd, master], [], [], 10)
            if not r:
                raise RuntimeError("no frame")
            if master in r:
                try:
                    os.read(master, 65536)  # drain the screen output
                except OSError:
                    pass
            if rfd in r:
                buf += os.read(rfd, 4096)
                if b"\n" in buf:
                    buf = buf.split(b"\n", 1)[1]
                    return time.perf_counter() - t0

    def press(key):
        t = time.perf_counter()
        os.write(master, key)
        return frame(t)

    first = frame(launched)
    # Each Space a write: a tick, then u takes it back (also a write), so
    # that the exercise never fills up (Space on a done one writes nothing).
    ticks = []
    for _ in range(5):
        ticks.append(press(b" "))
        press(b"u")
    week = press(b"w")
    pages = [press(b"[") for _ in range(52)]
    with open(f"/proc/{pid}/status") as f:  # the screen's peak RSS so far
        hwm = next(int(l.split()[1]) for l in f if l.startswith("VmHWM:"))
    os.write(master, b"q")
    os.waitpid(pid, 0)
    os.close(rfd)
    return first, statistics.median(ticks), week, statistics.median(pages), max(pages), hwm


def earned_cfg(cfg, out):
    """cfg with an earned step on every exercise in place of its steps."""
    import re
    text = re.sub(r" steps = \(.*?\);(?= notes)", "", open(cfg).read())
    text = re.sub(r"(reps = (\d+);)(.*?)( notes = )",
                  lambda m: "%s%s steps = ( { when = { sessions = 6; pain_at_most = 2; };"
                            " reps = %d; } );%s" % (m[1], m[3], int(m[2]) + 2, m[4]), text)
    open(out, "w").write(text)


def earned_run():
    """Daily commands with earned steps: median time, × sqlite3, and
    instructions, at 1 month and 10 years, for both histories."""
    env = dict(ENV, HEP_NOW="2026-11-26T08:00")
    print("| history | size | sessions | command | median | × sqlite3 | instructions |")
    print("|---|---|---:|---|---:|---:|---:|")
    for kind in ("typical", "stress"):
        for label, days in (("1 month", 30), ("1 year", 365), ("10 years", 3650)):
            base = os.path.join(WORK, f"earned-{kind}-{days}")
            subprocess.run([sys.executable, os.path.join(HERE, "gen.py"), kind, str(days),
                            base + ".json", base + ".cfg"], check=True, stderr=subprocess.DEVNULL)
            db = base + ".db"
            subprocess.run([HEP, "import", base + ".json", "--config", base + ".cfg", "--db", db],
                           env=ENV, check=True, capture_output=True)
            earned_cfg(base + ".cfg", base + "-e.cfg")
            common = ["--config", base + "-e.cfg", "--db", db]
            # The new version is stored by the first start of the day.
            subprocess.run([HEP, "today"] + common, env=env, check=True, capture_output=True)
            n = int(subprocess.run(["sqlite3", db, "SELECT count(*) FROM session"],
                                   capture_output=True, text=True).stdout)
            b = statistics.median(run(["sqlite3", db, "SELECT count(*) FROM session"], env)
                                  for _ in range(REPEAT))
            for name in DAILY:
                cmd = {"today": ["today", "--json"], "week": ["week", "--json"],
                       "streak": ["streak", "--json"], "today (text)": ["today"],
                       "remind": ["remind"]}[name]
                cmd = [HEP] + cmd + common
                t = statistics.median(run(cmd, env) for _ in range(REPEAT))
                ins = None
                if shutil.which("valgrind"):
                    out = os.path.join(WORK, "cg.out")
                    p = subprocess.run(["valgrind", "--tool=callgrind",
                                        f"--callgrind-out-file={out}"] + cmd,
                                       env=env, capture_output=True, text=True)
                    ins = next((int(l.split()[-1]) for l in p.stderr.splitlines()
                                if "Collected" in l), None)
                print(f"| {kind} | {label} | {n} | {name} | {t * 1000:.1f} ms | {t / b:.1f} | "
                      f"{ins:,} |" if ins else f"| {kind} | {label} | {n} | {name} | "
                      f"{t * 1000:.1f} ms | {t / b:.1f} | |")
    shutil.rmtree(WORK)


if EARNED:
    earned_run()
    sys.exit(0)

rows = []
tui = []
sizes = [("1 month", 30), ("1 year", 365), ("10 years", 3650)]
if QUICK:
    sizes = [("1 month", 30), ("10 years", 3650)]
ins = {}
for kind in ("typical", "stress"):
    for label, days in sizes:
        base = os.path.join(WORK, f"{kind}-{days}")
        subprocess.run([sys.executable, os.path.join(HERE, "gen.py"), kind, str(days),
                        base + ".json", base + ".cfg"], check=True, stderr=subprocess.DEVNULL)
        db = base + ".db"
        common = ["--config", base + ".cfg", "--db", db]
        t_import = run([HEP, "import", base + ".json"] + common)
        # Ten years of weekly outcomes: each Monday a knee bend, a chair
        # stand count and a PSFS check-in, entries of the diary as hep
        # measure and hep psfs write them.
        subprocess.run(["sqlite3", db, f"""
            WITH RECURSIVE w(d) AS (SELECT date('{start_of(days)}', 'weekday 1')
              UNION ALL SELECT date(d, '+7 days') FROM w WHERE d < '2026-11-18')
            INSERT INTO entry(kind, exercise, day, made_at, value, items, id,
              stamp)
            SELECT kind, ex, d, d || 'T07:30:00Z', v, it,
              printf('%016x', abs(random()) % 9223372036854775807),
              CAST(strftime('%s', d || 'T07:30:00') AS INTEGER) * 1000 + o
            FROM w, (
              SELECT 'measure' AS kind, 'knee-bend' AS ex, 900 AS v, NULL AS it, 0 AS o
              UNION ALL SELECT 'measure', 'chair-stand', 110, NULL, 1
              UNION ALL SELECT 'psfs', '', NULL,
                '4 Climbing stairs' || char(10) || '3 Kneeling' || char(10) ||
                '6 Walking 1 km', 2);"""], check=True)
        rss_import = peak_rss([HEP, "import", base + ".json", "--config", base + ".cfg",
                               "--db", base + "-rss.db"])
        subprocess.run([HEP, "export", "--format", "csv"] + common, env=ENV,
                       stdout=open(base + ".csv", "w"))
        # The JSON back-up (SPEC 6.2: every entry with its identity) into
        # a new file; and another copy's back-up (this file, a day more on
        # it) into this one, where all but that day's entries are there.
        subprocess.run([HEP, "export"] + common, env=ENV, stdout=open(base + "-b.json", "w"))
        fresh = lambda: os.path.exists(base + "-j.db") and os.remove(base + "-j.db")
        t_json = []
        for _ in range(REPEAT):
            fresh()
            t_json.append(run([HEP, "import", base + "-b.json", "--config", base + ".cfg",
                               "--db", base + "-j.db"]))
        fresh()
        rss_json = peak_rss([HEP, "import", base + "-b.json", "--config", base + ".cfg",
                             "--db", base + "-j.db"])
        shutil.copy(db, base + "-copy.db")
        other = dict(ENV, HEP_NOW="2026-11-25T21:30")
        for cmd in ("undo", "redo", "undo"):  # three entries of its own
            subprocess.run([HEP, cmd, "ex-00", "--config", base + ".cfg", "--db",
                            base + "-copy.db"], env=other, capture_output=True)
        subprocess.run([HEP, "export", "--config", base + ".cfg", "--db", base + "-copy.db"],
                       env=other, stdout=open(base + "-copy.json", "w"))
        t_merge = []
        for _ in range(REPEAT):
            shutil.copy(db, base + "-m.db")
            t_merge.append(run([HEP, "import", base + "-copy.json", "--config", base + ".cfg",
                                "--db", base + "-m.db"], env=other))
        shutil.copy(db, base + "-m.db")
        rss_merge = peak_rss([HEP, "import", base + "-copy.json", "--config", base + ".cfg",
                              "--db", base + "-m.db"])
        b_sqlite = median(["sqlite3", db, "SELECT count(*) FROM session"])
        b_version = median([HEP, "--version"])
        n = int(subprocess.run(["sqlite3", db, "SELECT count(*) FROM session"],
                               capture_output=True, text=True).stdout)
        cmds = {
            "today": [HEP, "today", "--json"] + common,
            "week": [HEP, "week", "--json"] + common,
            "streak": [HEP, "streak", "--json"] + common,
            "today (text)": [HEP, "today"] + common,
            "remind": [HEP, "remind"] + common,
            "report 4 weeks": [HEP, "report", "--format", "json"] + common,
            "report all": [HEP, "report", "--format", "json", "--from",
                           "2016-01-01"] + common,
            "export": [HEP, "export"] + common,
        }
        for name, cmd in cmds.items():
            t = median(cmd)
            rows.append((kind, label, n, name, t, peak_rss(cmd), t / b_sqlite, t / b_version))
        rows.append((kind, label, n, "import CSV-like rows (fresh file)", t_import,
                     rss_import, t_import / b_sqlite, t_import / b_version))
        for name, times, rss in (("import JSON back-up (fresh file)", t_json, rss_json),
                                 ("import another copy's back-up", t_merge, rss_merge)):
            tm = statistics.median(times)
            rows.append((kind, label, n, name, tm, rss, tm / b_sqlite, tm / b_version))
        # The worst start: a change before every streak mark (or a file
        # from an older hep) makes it walk the whole history once.
        cold = []
        for _ in range(REPEAT):
            shutil.copy(db, base + "-cold.db")
            subprocess.run(["sqlite3", base + "-cold.db", "DELETE FROM streak_mark"], check=True)
            cold.append(run([HEP, "today", "--json", "--config", base + ".cfg",
                             "--db", base + "-cold.db"]))
        t_cold = statistics.median(cold)
        rows.append((kind, label, n, "today, no streak mark", t_cold, 0,
                     t_cold / b_sqlite, t_cold / b_version))
        rows.append((kind, label, n, "baseline sqlite3 count", b_sqlite, 0, 1.0, b_sqlite / b_version))
        rows.append((kind, label, n, "baseline hep --version", b_version, 0, b_version / b_sqlite, 1.0))
        if label in ("1 month", "10 years"):
            for name in DAILY:
                ins[(kind, label, name)] = callgrind(cmds[name])
            try:
                tui.append((kind, label) + tui_times(db, base + ".cfg"))
            except (OSError, RuntimeError) as e:
                print(f"TUI timing skipped: {e}", file=sys.stderr)

print(f"Machine: {os.uname().machine}, {os.cpu_count()} cores; {time.strftime('%Y-%m-%d')}; "
      f"median of {REPEAT} runs\n")
print("| history | size | sessions | command | median | peak RSS | × sqlite3 | × --version |")
print("|---|---|---:|---|---:|---:|---:|---:|")
for kind, label, n, name, t, rss, r1, r2 in rows:
    rss_s = f"{rss / 1024:.1f} MiB" if rss else ""
    print(f"| {kind} | {label} | {n} | {name} | {t * 1000:.1f} ms | {rss_s} | {r1:.1f} | {r2:.1f} |")
if any(v for v in ins.values()):
    print("\n| history | command | instructions 1 month | 10 years | growth |")
    print("|---|---|---:|---:|---:|")
    for kind in ("typical", "stress"):
        for name in DAILY:
            a, b = ins.get((kind, "1 month", name)), ins.get((kind, "10 years", name))
            if a and b:
                print(f"| {kind} | {name} | {a:,} | {b:,} | {b / a:.2f} |")
if tui:
    print("\n| history | size | first frame | Space to repainted tick | w | [ a week back (median / worst of 52) | peak RSS |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for kind, label, first, tick, week, page, worst, hwm in tui:
        print(f"| {kind} | {label} | {first * 1000:.1f} ms | {tick * 1000:.1f} ms | "
              f"{week * 1000:.1f} ms | {page * 1000:.1f} / {worst * 1000:.1f} ms | {hwm / 1024:.1f} MiB |")
shutil.rmtree(WORK)
