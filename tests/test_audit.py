"""`breadline.audit.Auditor`: the audit run again after a few items change (what `ask` does after
each answer) is the audit of the changed backlog, whatever the change does to the `serves` graph."""

from __future__ import annotations

import dataclasses
import random

from breadline.audit import Auditor, audit
from breadline.load import load_text
from breadline.model import Settings

SETTINGS = Settings(today=__import__("datetime").date(2026, 11, 1))


def backlog_text(count: int = 60) -> str:
    rng = random.Random(7)
    lines = ["customers:", "  acme: {name: Acme Ltd, plan: business, mrr: 900}", "  free: {name: Free Co, plan: free}",
             "items:"]
    for n in range(count):
        lines.append(f"  - id: IT-{n}")
        kind = n % 6
        if kind == 0:
            lines += ["    title: Export the rota to payroll", "    customer: acme",
                      "    problem: office managers retype the rota into payroll every week",
                      "    evidence: [{source: ZD-12, date: 2026-10-02}]", "    next: payroll runs on time"]
        elif kind == 1:
            lines += [f"    title: Refactor the exporter", f"    serves: [IT-{rng.randrange(count)}]"]
        elif kind == 2:
            lines += [f"    title: Needed for IT-{rng.randrange(count)}, bump the client library"]
        elif kind == 3:
            lines += ["    title: Increase engagement with our app", "    status: todo"]
        elif kind == 4:
            lines += [f"    title: Chain step", f"    serves: [IT-{n + 1}]" if n + 1 < count else "    serves: [IT-0]"]
        else:
            lines += ["    title: As a dispatcher, I want to reassign jobs so that nobody waits", "    points: 3"]
    return "\n".join(lines) + "\n"


CHANGES = [
    {"customers": ("acme",), "problem": "they retype totals"},
    {"serves": ("IT-0",)},
    {"serves": ()},
    {"status": "dropped"},
    {"status": "todo"},
    {"waive": {"BL301": "approved"}},
    {"customers": ("free",)},
    {"serves": ("IT-9", "IT-10")},
    {"serves": ("IT-nope",)},
]


def test_again_after_each_change_is_the_audit_of_the_changed_backlog():
    backlog = load_text(backlog_text(), "b.yaml")
    auditor = Auditor(backlog, SETTINGS)
    assert auditor.run() == audit(backlog, SETTINGS)
    rng = random.Random(3)
    for step in range(40):
        index = rng.randrange(len(backlog.items))
        change = CHANGES[step % len(CHANGES)]
        items = list(backlog.items)
        items[index] = dataclasses.replace(items[index], **change)
        backlog = dataclasses.replace(backlog, items=tuple(items))
        assert auditor.again(backlog, [index]) == audit(backlog, SETTINGS), (step, index, change)


def test_again_with_a_different_registry_judges_every_item_again():
    backlog = load_text(backlog_text(12), "b.yaml")
    auditor = Auditor(backlog, SETTINGS)
    auditor.run()
    registry = dict(backlog.customers)
    registry.pop("acme")
    changed = dataclasses.replace(backlog, customers=registry)
    assert auditor.again(changed, [0]) == audit(changed, SETTINGS)
