"""`breadline explain ITEM-ID FILE`: one item's line, link by link, and the change worth most."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from rich import box

from breadline.clip import visible
from breadline.facts import decided_by, stands_contrary
from breadline.formats import View
from breadline.formats.shared import link_notes
from breadline.formats.table import VERDICT_STYLES, console_for
from breadline.model import AuditResult, ItemResult

CONFIDENCE_TEXT = {
    "high": "high (a rule finds the item off the line by what it says itself).",
    "change": "high (a change, a pull request, in which nothing draws any link: our own work, with nobody's "
              "problem named).",
    "medium": "medium (nothing in it draws any link; a careful reader may still find a problem in words "
              "breadline does not know).",
    "low": "low (a close call: some link is drawn, but too weak to trace).",
    "shape": "low (a close call: its words, weighed together, read like someone's report, though nothing in "
             "it traces them to a paying person's problem).",
}
"""How sure a superfluous verdict is, in words (`ItemResult.confidence`)."""


def _text(text: str, style: str = "") -> Text:
    """Text from the backlog (or made of it) for the terminal: control characters made visible."""
    return Text(visible(text), style=style)


def render(result: AuditResult, row: ItemResult, view: View) -> str:
    console, buffer = console_for(view)
    item = row.item
    header = Text()
    header.append(visible(f"{item.id}  ", lines=False), style="bold")
    header.append(visible(item.title, lines=False), style="bold")
    console.print(header)
    where = f"{item.position}" if item.position else result.paths[0]
    status = _text(f"{where}  score {row.score}/100  ")
    status.append(row.verdict.label, style=VERDICT_STYLES[row.verdict])
    console.print(status)
    if row.via:
        origin = row.origin
        if origin and origin != row.via:
            console.print(_text(f"No line of its own: it serves {row.via}, which traces to {origin}, "
                               f"whose links it takes on."))
        else:
            console.print(_text(f"No line of its own: it traces through {row.via}, whose links it takes on."))
    console.print()

    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, show_edge=False)
    table.add_column("Link", no_wrap=True)
    table.add_column("Points", justify="right", no_wrap=True)
    table.add_column("Why", ratio=1)
    for link in row.links:
        why = _text(link.reason)
        notes = link_notes(link)
        if notes:
            why.append(visible(f"  [{'; '.join(notes)}]"), style="dim")
        points = f"{link.points:g}/{link.weight}"
        table.add_row(Text(link.name), Text(points, style="red" if link.missing else ""), why)
    console.print(table)
    if row.inferred_only:
        console.print(Text("Every link here was read from the title and description (the words in brackets), "
                           "none from its own field: the verdict rests on reading alone.", style="dim"))
    if row.hinted_by:
        console.print(_text(f"Only hinted: {row.hinted_by}."), style="dim")
    console.print()

    if row.others:
        console.print(Text("Also noticed:", style="bold"))
        for finding in row.others:
            line = _text(f"  {finding.code} {finding.name}: {finding.message}")
            if finding.waived:
                line.append(visible(f"  (waived: {finding.waived})"), style="dim")
            console.print(line)
        console.print()
    if row.confidence:
        said = row.confidence
        if said == "high" and not stands_contrary(row.findings):
            said = "change"
        elif said == "low" and (stands_contrary(row.findings) or not any(link.points for link in row.links)):
            said = "shape"  # neither a contrary rule nor a drawn link makes it low: its shape does
        console.print(Text("Confidence: ", style="bold") + _text(CONFIDENCE_TEXT[said]))
    decisive = decided_by(row)
    if decisive is not None:
        console.print(Text("Decided by: ", style="bold") + _text(f"{decisive.code} {decisive.name}"
                                                                 + (f" (‘{decisive.quote}’)" if decisive.quote else "")))
    if row.best_fix:
        console.print(Text("Worth most: ", style="bold") + _text(row.best_fix))
    elif row.score < 100 or any(link.strength < 1 for link in row.links):
        lost = [f"{link.name} {link.weight - link.points}" for link in row.links if link.points < link.weight]
        console.print(Text("Points lost: ", style="bold") + _text(", ".join(lost) + ". To raise them: " + row.question))
    else:
        console.print(Text("Nothing to raise: every link is drawn in full."))
    return buffer.getvalue()
