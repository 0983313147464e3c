"""load -> rules -> score -> AuditResult: each item judged on its own (`examine`), then the
`serves` graph (`breadline.trace`) and its rules, then the results. Every finding is stamped
here (`stamp`). Nothing here prints or exits."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace

from breadline import links, words
from breadline.config import codes, config_file, load_config
from breadline.errors import InputError, UsageError
from breadline.files import expand
from breadline.infer import Reader
from breadline.model import AuditResult, Backlog, Finding, Item, Position, Settings
from breadline.parallel import map_items
from breadline.registry import Registry
from breadline.rules import RULES, Context, Hit, Rule
from breadline.rules.fields import refused_waivers, suggest_field
from breadline.score import Standing, is_dropped, score_backlog, standing, summarize
from breadline.sources import load_backlog
from breadline.text import ItemText
from breadline.trace import trace

TOP_LEVEL_FIELDS = ("items", "customers")


def audit(
    backlog: Backlog,
    settings: Settings | None = None,
    *,
    select: Collection[str] | None = None,
    word_lists: Callable[[str], tuple[str, ...]] = words.builtin,
    infer: bool = True,
) -> AuditResult:
    """Trace every item of `backlog` along the line and score it. `word_lists`: the phrase
    lists (a `WordLists`, or any function of a list's name, which is then wrapped in one)."""
    settings = settings or Settings()
    today = settings.today or dt.date.today()
    selected = frozenset(RULES if select is None else select)
    checks = list(dict.fromkeys(rule.check for code, rule in RULES.items() if code in selected and rule.check))
    graph_checks = [rule.graph_check for code, rule in RULES.items() if code in selected and rule.graph_check]

    catalogue = frozenset(RULES)
    word_lists = words.WordLists.of(word_lists)
    registry = Registry.of(backlog)
    reader = Reader(backlog, word_lists, registry) if infer else None

    def examine(item: Item) -> Standing:
        """Draw the item's links, run the rules, score it on its own: independent of every other item."""
        text = ItemText(item)
        drawn = links.draw(item, reader, text)
        ctx = Context(backlog=backlog, settings=settings, links=drawn, today=today, words=word_lists, text=text,
                      registry=registry, codes=catalogue, reader=reader)
        refused = refused_waivers(item, word_lists)
        findings = tuple(
            stamp(RULES[hit.code], hit, item, refused=refused)
            for check in checks
            for hit in check(item, ctx)
            if hit.code in selected
        )
        return standing(item, drawn, findings, settings, registry, word_lists)

    items = backlog.items
    own = map_items(examine, items)
    graph = trace(items, [o.serves for o in own], [o.rank for o in own])
    graph_findings: list[list[Finding]] = [[] for _ in items]
    for check in graph_checks:
        for i, hit in check(graph):
            if hit.code in selected:
                graph_findings[i].append(stamp(RULES[hit.code], hit, items[i], refused=refused_waivers(items[i], word_lists)))
    scored = score_backlog(items, own, graph, graph_findings, settings, registry)
    results = tuple(row for row in scored if not is_dropped(row.item, word_lists))
    dropped = tuple(row for row in scored if is_dropped(row.item, word_lists))
    return AuditResult(
        paths=(backlog.path,),
        items=results,
        findings=tuple(file_findings(backlog, selected)),
        summary=summarize(results, len(dropped)),
        dropped=dropped,
        settings=settings,
    )


@dataclass(frozen=True)
class Options:
    """What the command line adds to the configuration."""

    config_path: str | None = None
    """An explicit configuration file; None: discover it from the first backlog."""
    threshold: int | None = None
    select: tuple[str, ...] = ()
    """Replaces the configuration's `select` when given."""
    ignore: tuple[str, ...] = ()
    """Adds to the configuration's `ignore`."""
    source: str | None = None
    """The input format (`--from`); None: breadline's YAML, or what the content shows."""
    skip_non_backlogs: bool = False
    """Pass over named YAML files that are plainly not backlogs (`breadline.foreign`), as files
    found in a directory always are, instead of failing on them."""
    isolated: bool = False
    """Read no configuration file at all (`--isolated`): the defaults, and the command line."""


def audit_files(paths: list[str], options: Options = Options(), stdin: Callable[[], bytes] | None = None,
                note: Callable[[str, str], None] | None = None) -> AuditResult:
    """Audit backlog files (directories expand to the YAML files below them; `-` is standard
    input). `note(path, why)` hears of each file a directory holds that is not read. YAML files
    found in a directory that are plainly not backlogs (a docker-compose.yml, a workflow) are
    passed over, and named in the result's `skipped`; named files too with
    `options.skip_non_backlogs`."""
    files = expand(paths, note)
    named = set(paths)
    first = files[0] if files and files[0] != "-" else os.path.join(os.getcwd(), "-")
    config = load_config(config_file(options.config_path, first, options.isolated))
    if options.select:
        config = replace(config, select=codes(options.select, "--select", UsageError))
    if options.ignore:
        config = replace(config, ignore=config.ignore + codes(options.ignore, "--ignore", UsageError))
    settings = config.settings if options.threshold is None else replace(config.settings, threshold=options.threshold)
    selected = config.selected(RULES)
    word_lists = config.word_lists()
    results = []
    skipped = []
    for path in files:
        if path == "-":
            if stdin is None:
                raise UsageError("`-` (standard input) is not available here")
            backlog = load_backlog("<stdin>", options.source, data=stdin(), config=config)
        else:
            try:
                backlog = load_backlog(path, options.source, config=config)
            except InputError:
                if (options.skip_non_backlogs or path not in named) and not options.source:
                    from breadline.foreign import is_other_yaml

                    if is_other_yaml(path):
                        skipped.append(path)
                        continue
                raise
        results.append(audit(backlog, settings, select=selected, word_lists=word_lists))
    if not results:
        return AuditResult(paths=(), items=(), findings=(), summary=summarize(()), settings=settings,
                           skipped=tuple(skipped))
    result = combine(results)
    return replace(result, skipped=tuple(skipped)) if skipped else result


def combine(results: list[AuditResult]) -> AuditResult:
    """One result for several backlog files, each audited on its own (ids are per file)."""
    if len(results) == 1:
        return results[0]
    items = tuple(row for result in results for row in result.items)
    return AuditResult(
        paths=tuple(path for result in results for path in result.paths),
        items=items,
        findings=tuple(f for result in results for f in result.findings),
        summary=summarize(items, sum(result.summary.dropped for result in results)),
        dropped=tuple(row for result in results for row in result.dropped),
        settings=results[0].settings,
    )


def stamp(rule: Rule, hit: Hit, item: Item | None, position: Position | None = None,
          refused: frozenset[str] = frozenset()) -> Finding:
    """Turn what a rule saw into a finding: the rule's code, name, severity, link, and the item's
    waiver (unless its reason is one of ours: `refused`, see BL904). Every finding is made here:
    of an item (placed at the field the hit names), or of the file itself (`item` None, placed at
    `position`)."""
    waived = None
    if item is not None:
        position = item.position_of(hit.field) if hit.field else item.position
        waived = (item.waive.get(rule.code) or None) if item.waive and rule.code not in refused else None
    return Finding(
        code=rule.code, name=rule.name, message=hit.message, severity=rule.severity,
        item_id=None if item is None else item.id, position=position, link=rule.link, cap=hit.cap,
        quote=hit.quote, waived=waived, off_line=rule.off_line,
    )


def file_findings(backlog: Backlog, selected: frozenset[str]):
    """Findings about the file itself: a misspelled top-level key such as `custmers:`."""
    if "BL901" not in selected:
        return
    rule = RULES["BL901"]
    for name, position in backlog.extra_positions.items():
        suggestion = suggest_field(name, TOP_LEVEL_FIELDS)
        if suggestion:
            hit = Hit(code=rule.code, message=f"unknown top-level key '{name}' is ignored; did you mean '{suggestion}'?", quote=name)
            yield stamp(rule, hit, None, position)
