"""breadline's benchmark: whole processes, as users and CI run them, on generated backlogs.

    make bench                      # 1k, 10k and 100k items, then the tracker-like backlogs
    python bench/bench.py --sizes 1000,10000 --repeat 3
    python bench/bench.py --tracker-only                  # only the tracker-like backlogs (~1 min)
    python bench/bench.py --sizes '' --tracker-lengths '' --ask-items 10000   # only `ask` (issue 18)
    python bench/bench.py --sizes '' --tracker-lengths 1000,4000 --repeat 3   # the same, two lengths

It generates realistic backlogs deterministically (a customer registry, serves links, user
stories, reported defects, chores, self-serving and procedure items, some fields missing,
40-80-word descriptions), then measures, each as a separate process:

- `breadline audit -f json` against parsing the same file with PyYAML's C loader alone, and
  the same audit in one process (`BREADLINE_JOBS=1`), to show what the second core brings;
- `breadline audit` of a 10-item file and `breadline --version` against
  `python -c "import typer, rich, yaml"`;
- peak memory (max RSS) of each process; time per item at each size;
- tracker-like backlogs (issue 14, "Read each text once"): 3,000 items as an import holds them
  (id, title, type, status, labels, description; no customer, problem, evidence or next, no
  registry), their titles and descriptions built by bench/tracker_words.py from the words of the
  real items in tests/data/real, descriptions of about 200, 1,000 and 4,000 characters
  (`--tracker-lengths`); `breadline audit -f json` against the C-loader parse of the same file.

It prints a table with the ratios and writes it to bench/results.md. Targets (issue 8): audit
within 1.5x of the C-loader parse at every size; 10x more items cost at most 11x more time; a
10-item audit within 2x and --version within 1.2x of the bare import; peak memory within 1.5x
of the C-loader parse. Tracker-like backlogs (issue 14): audit within 2x of the C-loader parse at
every description length. `breadline ask` (issue 18, `ask_section`): one answer written into the
10k-item backlog by `ask --answers` within 1.5x of `breadline audit` of the same file, and each
further answer of an interview well under 0.1 s.

Only the sections measured are rewritten in bench/results.md: a run of the tracker part alone
(`--sizes ''` or `--tracker-only`) replaces the tracker table and leaves the rest, and the notes
written below the tables (from the first `## ` heading on) always stay.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from breadline.parallel import jobs

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from tracker_words import generate_tracker, read_corpus  # noqa: E402  (bench/tracker_words.py)

PYTHON = sys.executable
BREADLINE = str(Path(PYTHON).parent / "breadline")

ROLES = ["dispatcher", "office manager", "finance admin", "clinic receptionist", "field technician",
         "practice manager", "payroll accountant", "warehouse lead", "account owner", "site supervisor"]
JOBS = ["reassign jobs when a van breaks down", "export the week's rota to payroll", "see which invoices are overdue",
        "book a follow-up visit from the job sheet", "attach photos to the inspection report",
        "split a visit between two cost centres", "find a disputed invoice while the customer is on the phone",
        "print a day sheet for crews without the app"]
BENEFITS = ["nobody waits on the phone", "payroll runs on time", "the month closes a day sooner",
            "the crew leaves the depot on time", "they stop retyping totals into the ERP"]
FAILURES = ["crashes when saving", "shows the wrong total", "times out for large accounts", "is broken since the 4.2 update",
            "cannot upload PDFs over 10 MB", "duplicates the reminder email"]
AREAS = ["invoice list", "job sheet", "calendar sync", "payroll export", "route map", "parts catalogue", "rota view"]
CHORES = ["Bump lodash to 4.17.21", "Refactor the billing module", "Fix lint warnings in the exporter",
          "Tweak CI cache keys", "Rename InvoiceService to BillingService", "Upgrade Postgres to 16"]
SELF = ["Increase engagement with our app", "Improve our conversion funnel", "Boost daily active users",
        "Raise brand awareness in the onboarding flow"]
PROCEDURE = ["Animated charts for the investor demo", "Leadership asked for a new landing page",
             "Ship the OKR dashboard before the end of quarter", "Fill the sprint with quick wins"]
FILLER = ("the team discussed this during planning and agreed that the current behaviour is confusing for people "
          "who use it every day while the workaround takes several manual steps and a spreadsheet that nobody "
          "trusts any more because the numbers drift from week to week and support keeps explaining it").split()


def generate(count: int, seed: int = 42) -> str:
    """A realistic backlog of `count` items (same text for the same count and seed)."""
    rng = random.Random(seed + count)
    customers = [f"cust{n:03d}" for n in range(max(10, count // 200))]
    lines = ["# generated by bench/bench.py", "customers:"]
    for i, key in enumerate(customers):
        plan = rng.choice(["business", "team", "enterprise", "business", "trial", "free"])
        lines.append(f"  {key}: {{name: Customer {i} Ltd, plan: {plan}, mrr: {0 if plan in ('trial', 'free') else rng.randint(50, 5000)}, "
                     f"contact: Person {i}}}")
    lines.append("items:")
    for n in range(count):
        kind = rng.random()
        words = " ".join(rng.choice(FILLER) for _ in range(rng.randint(40, 80)))
        item = [f"  - id: IT-{n}"]
        customer = rng.choice(customers)
        if kind < 0.25:
            role, job, benefit = rng.choice(ROLES), rng.choice(JOBS), rng.choice(BENEFITS)
            item.append(f"    title: As a {role}, I want to {job} so that {benefit}")
            item.append(f"    description: >-\n      {words}")
        elif kind < 0.45:
            item.append(f"    title: The {rng.choice(AREAS)} {rng.choice(FAILURES)}")
            item.append(f"    description: >-\n      Reported by Customer {customers.index(customer)} Ltd via ZD-{rng.randint(1000, 9999)}. {words}")
        elif kind < 0.7:
            item += [f"    title: {rng.choice(JOBS).capitalize()}", f"    customer: {customer}",
                     f"    problem: {rng.choice(ROLES)}s need to {rng.choice(JOBS)}",
                     f"    evidence: [{{source: ZD-{rng.randint(1000, 9999)}, date: 2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}}}]"]
            if rng.random() < 0.7:
                item.append(f"    next: {rng.choice(BENEFITS)}")
            item.append(f"    description: >-\n      {words}")
        elif kind < 0.82:
            item.append(f"    title: {rng.choice(CHORES)}")
            if n and rng.random() < 0.6:
                item.append(f"    serves: [IT-{rng.randrange(n)}]")
        elif kind < 0.91:
            item.append(f"    title: {rng.choice(SELF)}")
            item.append(f"    description: >-\n      {words}")
        else:
            item.append(f"    title: {rng.choice(PROCEDURE)}")
        if rng.random() < 0.9:
            item.append(f"    points: {rng.choice([1, 2, 3, 5, 8, 13])}")
        if rng.random() < 0.5:
            item.append(f"    labels: [{rng.choice(['billing', 'payroll', 'mobile', 'platform'])}]")
        lines += item
    return "\n".join(lines) + "\n"


class Timing:
    """The runs of one command: wall times (s) and peak RSS (MiB)."""

    def __init__(self) -> None:
        self.times: list[float] = []
        self.peaks: list[float] = []

    @property
    def best(self) -> float:
        return min(self.times)

    @property
    def peak(self) -> float:
        return max(self.peaks)

    def spread(self, other: "Timing") -> str:
        """The median ratio and the range of the rounds' ratios, for the table."""
        rounds = sorted(a / b for a, b in zip(self.times, other.times))
        return f"{self.ratio(other):.2f} ({rounds[0]:.2f}–{rounds[-1]:.2f})"

    def ratio(self, other: "Timing") -> float:
        """The median of this command's time over the other's, round by round: the two ran back
        to back, so each round's ratio is taken at one speed of this machine (shared, it drifts
        by 10-20% from one minute to the next; a best against a best can come from different
        minutes)."""
        return statistics.median(a / b for a, b in zip(self.times, other.times))


LAUNCHER = """\
import os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvpe(sys.argv[2], sys.argv[2:], os.environ)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
elapsed = time.perf_counter() - start
os.write(int(sys.argv[1]), f"{elapsed} {usage.ru_maxrss}".encode())
os._exit(os.waitstatus_to_exitcode(status) & 0xFF)
"""
"""Runs one command and reports its time and peak RSS on the pipe it is given. Linux keeps a process's peak RSS
across fork and exec, so a command started straight from this benchmark, which holds the
backlogs it generated, would report this benchmark's own peak (186 MiB for every tracker-like
backlog, before); started from this small launcher, it reports its own. The time is the
command's alone, the launcher's start-up left out."""


def compare(commands: list[list[str]], repeat: int, envs: list[dict[str, str] | None] | None = None
            ) -> list[Timing]:
    """Run the commands in turn, `repeat` rounds (the order reversed every other round), each as
    a whole process (started by `LAUNCHER`). The peak RSS is what wait4 reports: the largest
    single process, a worker included."""
    timings = [Timing() for _ in commands]
    for round_ in range(repeat):
        order = range(len(commands)) if round_ % 2 == 0 else reversed(range(len(commands)))
        for k in order:
            command = commands[k]
            env = {**os.environ, **envs[k]} if envs and envs[k] else None
            read, write = os.pipe()
            process = subprocess.Popen([sys.executable, "-c", LAUNCHER, str(write), *command], stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL, env=env, pass_fds=(write,))
            os.close(write)
            code = process.wait()
            with os.fdopen(read) as report:
                elapsed, peak = report.read().split()
            timings[k].times.append(float(elapsed))
            timings[k].peaks.append(int(peak) / 1024)
            if code not in (0, 1):
                raise SystemExit(f"{' '.join(command)} exited {code}")
    return timings


PARSE_CMD = "import sys, yaml; yaml.load(open(sys.argv[1], encoding='utf-8'), Loader=yaml.CSafeLoader)"
TRACKER_BEGIN = "<!-- tracker-like backlogs: this section is rewritten by bench/bench.py -->"
TRACKER_END = "<!-- end of the tracker-like backlogs -->"


def _numbers(text: str) -> list[int]:
    return [int(s) for s in text.replace("_", "").split(",") if s.strip()]


def measure_sizes(sizes: list[int], repeat: int, work: Path) -> tuple[list[tuple], list[tuple]]:
    """The generated backlogs of `sizes` items: audit against the C-loader parse, and the audit
    in one process."""
    rows = []
    alone = []
    previous = None
    for size in sizes:
        path = work / f"backlog-{size}.yaml"
        path.write_text(generate(size), encoding="utf-8")
        mib = path.stat().st_size / 2**20
        audit_cmd = [BREADLINE, "audit", "-f", "json", str(path)]
        audit, parse, alone_run = compare(
            [audit_cmd, [PYTHON, "-c", PARSE_CMD, str(path)], audit_cmd], repeat,
            envs=[None, None, {"BREADLINE_JOBS": "1"}])
        alone.append((f"{size:,} items", alone_run.best, alone_run.spread(parse)))
        growth = f"{audit.best / previous[1]:.1f}x for {size // previous[0]}x items" if previous else "—"
        rows.append((f"{size:,} items ({mib:.1f} MiB)", audit.best, parse.best, audit.spread(parse), audit.peak,
                     parse.peak, audit.peak / parse.peak, 1e6 * audit.best / size, growth))
        previous = (size, audit.best)
        print(f"{size:>7} items: audit {audit.best:.2f}s ({alone_run.best:.2f}s in one process), C parse "
              f"{parse.best:.2f}s, ratio {audit.spread(parse)}", flush=True)
    return rows, alone


def sizes_section(args: argparse.Namespace, rows: list[tuple], alone: list[tuple], work: Path) -> str:
    """The tables of the generated backlogs and of start-up, with the header of the file."""
    small = work / "ten.yaml"
    small.write_text(generate(10), encoding="utf-8")
    ten, version, imports, bare = compare(
        [[BREADLINE, "audit", str(small)], [BREADLINE, "--version"], [PYTHON, "-c", "import typer, rich, yaml"],
         [PYTHON, "-c", "pass"]], max(args.repeat, 10))
    ten_s, version_s, import_s, bare_s = ten.best, version.best, imports.best, bare.best

    table = [
        f"# breadline benchmark",
        "",
        f"Measured by `make bench` ({shlex.join(sys.argv[1:]) or 'default sizes'}) on {platform.machine()}, "
        f"{os.cpu_count()} cores ({jobs()} processes for large backlogs), Python {platform.python_version()}, "
        f"{time.strftime('%Y-%m-%d')}. {args.repeat} rounds, the commands compared taking turns; each figure is "
        "a whole process. Times are the best of the rounds; a ratio of times is the median of the rounds' "
        "ratios (the two commands ran back to back, at the same speed of this shared machine).",
        "",
        "| backlog | `audit -f json` | C-loader parse | ratio (rounds; target ≤ 1.5) | audit peak RSS | parse peak RSS | "
        "ratio (target ≤ 1.5) | µs per item | growth (target ≤ 11x per 10x) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for label, a, p, ratio, am, pm, mratio, per, growth in rows:
        table.append(f"| {label} | {a:.2f} s | {p:.2f} s | {ratio} | {am:.0f} MiB | {pm:.0f} MiB | {mratio:.2f} | "
                     f"{per:.0f} | {growth} |")
    table += [
        "",
        "| backlog | `audit -f json` in one process (`BREADLINE_JOBS=1`) | ratio to the C-loader parse (rounds) |",
        "|---|---|---|",
        *(f"| {label} | {a:.2f} s | {ratio} |" for label, a, ratio in alone),
        "",
        "| start-up | time | against `import typer, rich, yaml` |",
        "|---|---|---|",
        f"| `python -c pass` | {1000 * bare_s:.0f} ms | — |",
        f"| `import typer, rich, yaml` | {1000 * import_s:.0f} ms | 1.00 |",
        f"| `breadline --version` | {1000 * version_s:.0f} ms | {version.ratio(imports):.2f} (target ≤ 1.2) |",
        f"| `breadline audit` (10 items) | {1000 * ten_s:.0f} ms | {ten.ratio(imports):.2f} (target ≤ 2) |",
    ]
    return "\n".join(table)


def tracker_section(args: argparse.Namespace, lengths: list[int], work: Path) -> str:
    """Tracker-like backlogs of `args.tracker_items` items, one per description length: audit
    against the C-loader parse of the same file, both whole processes, the default (both cores)."""
    corpus = read_corpus()
    count = args.tracker_items
    rows = []
    met = []
    for length in lengths:
        path = work / f"tracker-{count}-{length}.yaml"
        path.write_text(generate_tracker(count, length, corpus=corpus), encoding="utf-8")
        mib = path.stat().st_size / 2**20
        audit, parse = compare([[BREADLINE, "audit", "-f", "json", str(path)], [PYTHON, "-c", PARSE_CMD, str(path)]],
                               args.repeat)
        ratio = audit.ratio(parse)
        met.append((length, ratio <= 2))
        rows.append(f"| {count:,} items, ~{length:,} characters ({mib:.1f} MiB) | {audit.best:.2f} s | "
                    f"{parse.best:.2f} s | {audit.spread(parse)} | {1e6 * audit.best / count:.0f} | "
                    f"{1e6 * parse.best / count:.0f} | {audit.peak:.0f} MiB | {parse.peak:.0f} MiB | "
                    f"{audit.peak / parse.peak:.2f} |")
        print(f"tracker ~{length:>5} chars: audit {audit.best:.2f}s, C parse {parse.best:.2f}s, ratio "
              f"{audit.spread(parse)}, {1e6 * audit.best / count:.0f} µs per item", flush=True)
    missed = [f"{length:,}" for length, ok in met if not ok]
    verdict = ("met at every length." if not missed else
               f"not met at {', '.join(missed)} characters" + (
                   f"; met at {', '.join(f'{n:,}' for n, ok in met if ok)}." if len(missed) < len(met) else "."))
    table = [
        TRACKER_BEGIN,
        "## Tracker-like backlogs (issue 14: read each text once)",
        "",
        f"Measured by `bench/bench.py` ({shlex.join(sys.argv[1:]) or 'defaults'}) on {platform.machine()}, "
        f"{os.cpu_count()} cores ({jobs()} processes), Python {platform.python_version()}, "
        f"{time.strftime('%Y-%m-%d')}; {args.repeat} rounds, each a whole process, the two commands taking turns "
        "(times are the best of the rounds, the ratio the median of the rounds' ratios, with their range). "
        f"Each backlog is {count:,} items as an import holds them (id, title, type, status, labels and a "
        "description; no customer, problem, evidence or next field, no registry), built by "
        f"`bench/tracker_words.py`, seeded, from the words of the {len(corpus.titles)} real items in "
        "`tests/data/real`: real titles and labels, descriptions strung together from real sentences in the "
        "shapes of bug reports, feature requests and pull requests (headings, numbered steps, fenced logs and "
        "stack traces, version numbers, environment lists, links), each within ±20% of the length shown.",
        "",
        "| backlog | `audit -f json` | C-loader parse | ratio (rounds; target ≤ 2) | audit µs per item | "
        "parse µs per item | audit peak RSS | parse peak RSS | RSS ratio |",
        "|---|---|---|---|---|---|---|---|---|",
        *rows,
        "",
        f"Target (issue 14): `audit -f json` within 2x of the C-loader parse at every length: {verdict}",
        TRACKER_END,
    ]
    return "\n".join(table)


TINY_BEGIN = "<!-- tiny items: this section is rewritten by bench/bench.py -->"
TINY_END = "<!-- end of the tiny items -->"


def tiny_section(args: argparse.Namespace, sizes: list[int], work: Path) -> str:
    """Issue 16: backlogs of tiny items (`- {id: T1, title: t1}`), up to a million: `audit -f json`
    must take time and memory linear in the items (each 10x more items at most ~11x more)."""
    rows = []
    previous = None
    for size in sizes:
        path = work / f"tiny-{size}.yaml"
        with path.open("w", encoding="utf-8") as handle:
            handle.writelines(f"- {{id: T{i}, title: t{i}}}\n" for i in range(size))
        (audit,) = compare([[BREADLINE, "audit", "-f", "json", str(path)]], max(1, min(args.repeat, 2)))
        if previous:
            grow = size / previous[0]
            growth = f"{audit.best / previous[1]:.1f}x time, {audit.peak / previous[2]:.1f}x memory for {grow:.0f}x items"
        else:
            growth = "—"
        rows.append(f"| {size:,} tiny items | {audit.best:.2f} s | {1e6 * audit.best / size:.0f} | {audit.peak:.0f} MiB | "
                    f"{growth} |")
        previous = (size, audit.best, audit.peak)
        print(f"{size:>8} tiny items: audit {audit.best:.2f}s, {audit.peak:.0f} MiB", flush=True)
        path.unlink()
    return "\n".join([
        TINY_BEGIN,
        "## Tiny items (issue 16: a million items, linear in time and memory)",
        "",
        f"Measured by `bench/bench.py` ({shlex.join(sys.argv[1:]) or 'defaults'}) on {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, {time.strftime('%Y-%m-%d')}; each a whole "
        "process, best of the rounds. Target: each 10x more items at most ~11x more time and memory.",
        "",
        "| backlog | `audit -f json` | µs per item | peak RSS | growth |",
        "|---|---|---|---|---|",
        *rows,
        TINY_END,
    ])


ASK_BEGIN = "<!-- ask: this section is rewritten by bench/bench.py -->"
ASK_END = "<!-- end of ask -->"


def ask_section(args: argparse.Namespace, work: Path) -> str:
    """`breadline ask` in proportion to the edit (issue 18): one answer written into a backlog of
    `args.ask_items` items by `ask --answers`, against `breadline audit` of the same file, both
    whole processes; and each further answer of an interview, in one process, as the interview
    applies it (`Conversation.apply`: the edit, its check, the atomic write, the audit again)."""
    count = args.ask_items
    original = work / f"ask-{count}.yaml"
    original.write_text(generate(count), encoding="utf-8")
    answers = work / "answers.yaml"
    answers.write_text("IT-5: {customer: cust001, problem: they retype the invoice totals into their ERP}\n",
                       encoding="utf-8")
    target = work / f"ask-{count}-copy.yaml"
    # Each round answers into a fresh copy of the file (the copy is part of the time measured).
    ask_cmd = ["/bin/sh", "-c", 'cp "$0" "$1" && exec "$2" ask "$1" --answers "$3"', str(original), str(target),
               BREADLINE, str(answers)]
    ask, audit_run = compare([ask_cmd, [BREADLINE, "audit", str(original)]], args.repeat)
    per_answer = interview_answers(original, work, rounds=args.ask_answers)
    first, further = per_answer[0], sorted(per_answer[1:])
    median = statistics.median(further)
    p90 = further[min(len(further) - 1, int(0.9 * len(further)))]
    mib = original.stat().st_size / 2**20
    ratio = ask.ratio(audit_run)
    print(f"ask --answers into {count} items: {ask.best:.2f}s, audit {audit_run.best:.2f}s, ratio "
          f"{ask.spread(audit_run)}; interview: first answer {1000 * first:.0f} ms, further answers median "
          f"{1000 * median:.0f} ms, 90% {1000 * p90:.0f} ms, worst {1000 * further[-1]:.0f} ms", flush=True)
    return "\n".join([
        ASK_BEGIN,
        "## `breadline ask` (issue 18: an edit in proportion to the edit)",
        "",
        f"Measured by `bench/bench.py` ({shlex.join(sys.argv[1:]) or 'defaults'}) on {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, {time.strftime('%Y-%m-%d')}; "
        f"{args.repeat} rounds, the two commands taking turns, each a whole process (times are the best of the "
        "rounds, the ratio the median of the rounds' ratios, with their range). `ask --answers` writes one "
        "answer (customer and problem of one item) into a fresh copy of the file each round (the copy is "
        "timed too). The interview figures are the answers of one interview in one process, each as "
        "`Conversation.apply` makes it: the item's edit, its check, the atomic write of the whole file "
        "(flushed to disk) and the audit again; the first answer also imports ruamel.yaml.",
        "",
        "| backlog | `ask --answers` (one answer) | `audit` | ratio (rounds; target ≤ 1.5) | interview: first answer | "
        "further answers: median | 90% under | worst |",
        "|---|---|---|---|---|---|---|---|",
        f"| {count:,} items ({mib:.1f} MiB) | {ask.best:.2f} s | {audit_run.best:.2f} s | {ask.spread(audit_run)} | "
        f"{1000 * first:.0f} ms | {1000 * median:.0f} ms ({len(further)} answers) | {1000 * p90:.0f} ms | "
        f"{1000 * further[-1]:.0f} ms |",
        "",
        f"Targets (issue 18): one answer within 1.5x of the audit: {'met' if ratio <= 1.5 else 'not met'}; "
        f"each further answer well under 0.1 s: {'met' if p90 < 0.1 else 'not met'} for 90% of them "
        f"(median {1000 * median:.0f} ms); the worst, {1000 * further[-1]:.0f} ms, "
        f"{'is under' if further[-1] < 0.1 else 'is not'} 0.1 s (most of an answer is flushing the whole file "
        "to this shared machine's disk).",
        ASK_END,
    ])


def interview_answers(original: Path, work: Path, rounds: int) -> list[float]:
    """Seconds per answer of an interview into a copy of `original`, after its first question."""
    import shutil

    from breadline.commands.ask import Conversation, Signals
    from breadline.edit import BacklogEditor
    from breadline.interview import Scorer, queue

    class Quiet:
        width = 80

        def say(self, text: str = "", style: str | None = None) -> None:
            pass

    path = work / "interview.yaml"
    shutil.copyfile(original, path)
    editor = BacklogEditor.open(str(path))
    conversation = Conversation(editor, Scorer(str(path)), Quiet(), Signals())
    rows = queue(conversation.result, editor.backlog)
    customer = next(iter(editor.backlog.customers))
    times = []
    for number, first in enumerate(rows[:rounds]):
        row = conversation.result.at(first.item.index)
        start = time.perf_counter()
        conversation.apply(row, {"customer": customer, "problem": f"they retype totals, case {number}"}, {},
                           "customer, problem")
        times.append(time.perf_counter() - start)
    return times


def split_results(text: str) -> tuple[str, str, str]:
    """bench/results.md as (the header and the tables of the generated backlogs, the tracker
    section, the notes from the first `## ` heading on)."""
    tracker = ""
    if TRACKER_BEGIN in text and TRACKER_END in text:
        start, end = text.index(TRACKER_BEGIN), text.index(TRACKER_END) + len(TRACKER_END)
        tracker, text = text[start:end], text[:start].rstrip("\n") + "\n" + text[end:].lstrip("\n")
    if "\n## " in text:
        cut = text.index("\n## ")
        return text[:cut].strip("\n"), tracker, text[cut:].strip("\n")
    return text.strip("\n"), tracker, ""


def compile_package() -> None:
    """Compile breadline's modules to bytecode first, as `pip install` does: an editable install
    edited since its last run (or a shell with PYTHONDONTWRITEBYTECODE set) would otherwise compile
    the changed modules again in every process measured (15 ms of start-up for cli.py alone)."""
    import compileall

    import breadline

    compileall.compile_dir(os.path.dirname(breadline.__file__), quiet=1)


def main() -> None:
    compile_package()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000",
                        help="item counts of the generated backlogs (comma-separated; '' for none)")
    parser.add_argument("--tracker-lengths", default="200,1000,4000",
                        help="description lengths (characters) of the tracker-like backlogs (comma-separated; "
                             "'' for none)")
    parser.add_argument("--tracker-items", type=int, default=3000, help="items in each tracker-like backlog")
    parser.add_argument("--tracker-only", action="store_true",
                        help="measure only the tracker-like backlogs (the same as --sizes '')")
    parser.add_argument("--tiny", default="10000,100000,1000000",
                        help="item counts of the tiny-item backlogs (issue 16; comma-separated; '' for none)")
    parser.add_argument("--ask-items", type=int, default=10000,
                        help="items in the backlog `ask` writes into (0 for no `ask` figures)")
    parser.add_argument("--ask-answers", type=int, default=20, help="answers of the interview measured")
    parser.add_argument("--repeat", type=int, default=3, help="rounds per measurement")
    parser.add_argument("--output", default=str(HERE / "results.md"), help="where to write the tables")
    args = parser.parse_args()
    sizes = [] if args.tracker_only else _numbers(args.sizes)
    lengths = _numbers(args.tracker_lengths)
    tiny = [] if args.tracker_only else _numbers(args.tiny)
    if not sizes and not lengths and not tiny and not args.ask_items:
        parser.error("nothing to measure: give --sizes, --tracker-lengths, --tiny or --ask-items")

    work = Path(tempfile.mkdtemp(prefix="breadline-bench-"))
    output = Path(args.output)
    old_text = output.read_text(encoding="utf-8") if output.exists() else ""
    kept = {}
    for begin, end in ((TINY_BEGIN, TINY_END), (ASK_BEGIN, ASK_END)):  # sections of their own, kept apart
        kept[begin] = ""
        if begin in old_text and end in old_text:
            start, stop = old_text.index(begin), old_text.index(end) + len(end)
            kept[begin], old_text = old_text[start:stop], old_text[:start].rstrip("\n") + "\n" + old_text[stop:].lstrip("\n")
    old_tiny, old_ask = kept[TINY_BEGIN], kept[ASK_BEGIN]
    old_top, old_tracker, notes = split_results(old_text)
    top = sizes_section(args, *measure_sizes(sizes, args.repeat, work), work) if sizes else old_top
    tracker = tracker_section(args, lengths, work) if lengths else old_tracker
    small = tiny_section(args, tiny, work) if tiny else old_tiny
    ask = ask_section(args, work) if args.ask_items and not args.tracker_only else old_ask
    fresh = "\n\n".join(part for part in (top if sizes else "", tracker if lengths else "", small if tiny else "",
                                          ask if ask is not old_ask else "") if part)
    print("\n" + fresh)
    text = "\n\n".join(part for part in (top, tracker, small, ask, notes) if part) + "\n"
    output.write_text(text, encoding="utf-8")
    print(f"written to {args.output}")


if __name__ == "__main__":
    main()
