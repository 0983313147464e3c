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
from breadline.model import AuditResult, Backlog, Finding, Item, ItemResult, Position, Settings
from breadline.parallel import map_items
from breadline.read.families import CHANGE_TYPES
from breadline.registry import Registry
from breadline.rules import RULES, Context, Hit, Rule
from breadline.rules.fields import refused_waivers, suggest_field
from breadline.score import Standing, is_dropped, item_result, score_backlog, standing, summarize
from breadline.sources import load_backlog
from breadline.text import ItemText
from breadline.trace import Trace, trace

TOP_LEVEL_FIELDS = ("items", "customers")


def audit(
    backlog: Backlog,
    settings: Settings | None = None,
    *,
    select: Collection[str] | None = None,
    word_lists: Callable[[str], tuple[str, ...]] = words.builtin,
    infer: bool = True,
    progress=None,
) -> AuditResult:
    """Trace every item of `backlog` along the line and score it. `word_lists`: the phrase
    lists (a `WordLists`, or any function of a list's name, which is then wrapped in one).
    `progress`: a `breadline.progress.Progress` told of each item judged."""
    return Auditor(backlog, settings, select=select, word_lists=word_lists, infer=infer).run(progress)


class Auditor:
    """The audit of one backlog, kept so that it can be run again after a few items change
    (`again`): only those items are judged anew; the `serves` graph and the results are drawn
    again from every item's standing, which costs a small part of judging them."""

    def __init__(self, backlog: Backlog, settings: Settings | None = None, *,
                 select: Collection[str] | None = None,
                 word_lists: Callable[[str], tuple[str, ...]] = words.builtin, infer: bool = True):
        self.settings = settings or Settings()
        self.today = self.settings.today or dt.date.today()
        self.selected = frozenset(RULES if select is None else select)
        self.checks = list(dict.fromkeys(rule.check for code, rule in RULES.items()
                                         if code in self.selected and rule.check))
        self.graph_checks = [rule.graph_check for code, rule in RULES.items()
                             if code in self.selected and rule.graph_check]
        self.catalogue = frozenset(RULES)
        self.word_lists = words.WordLists.of(word_lists)
        self.backlog = backlog
        self.registry = Registry.of(backlog)
        self.reader = Reader(backlog, self.word_lists, self.registry) if infer else None
        self.own: list[Standing] = []
        self._graph: Trace | None = None
        self._served: frozenset[int] = frozenset()
        """The items some item serves, in `_graph`."""
        self._graph_findings: dict[int, list[Finding]] = {}
        """Item index -> what the graph rules found about it (only the items they found something about)."""
        self._rows: tuple[ItemResult, ...] | None = None
        self._dropped: list[bool] = []

    def examine(self, item: Item) -> Standing:
        """Draw the item's links, run the rules, score it on its own: independent of every other item."""
        text = ItemText(item)
        drawn = links.draw(item, self.reader, text)
        ctx = Context(backlog=self.backlog, settings=self.settings, links=drawn, today=self.today,
                      words=self.word_lists, text=text, registry=self.registry, codes=self.catalogue,
                      reader=self.reader)
        selected = self.selected
        refused = refused_waivers(item, self.word_lists)
        findings = tuple(
            stamp(RULES[hit.code], hit, item, refused=refused)
            for check in self.checks
            for hit in check(item, ctx)
            if hit.code in selected
        )
        own = standing(item, drawn, findings, self.settings, self.registry, self.word_lists)
        if own.score == 0 and self._is_change(item, text):  # how sure "superfluous" is (facts.confidence)
            own = replace(own, change=True)
        if self.reader is not None and (not own.traced or own.score < self.settings.threshold) \
                and self.reader.reads_like_report(item, text):
            own = replace(own, doubted=True)
        if self.reader is not None and any(link.certainty == "hinted" and link.points for link in own.links):
            hinted_by = self.reader.why_hinted(item, text)
            if hinted_by:
                own = replace(own, hinted_by=hinted_by)
        return own

    def _is_change(self, item: Item, text: ItemText) -> bool:
        """True when the item is a change (a pull request) by its type, or, when reading is on, by its words."""
        if (item.type or "").strip().lower() in CHANGE_TYPES:
            return True
        return self.reader is not None and self.reader.is_change(item, text)

    def run(self, progress=None) -> AuditResult:
        """Judge every item and draw the result (telling `progress` of each item judged here)."""
        if progress is None:
            self.own = map_items(self.examine, self.backlog.items)
        else:
            def examine(item: Item) -> Standing:
                standing = self.examine(item)
                progress.advance()
                return standing

            progress.items(len(self.backlog.items))
            self.own = map_items(examine, self.backlog.items)
            progress.complete()
        self._graph = self._rows = None
        return self._result()

    def again(self, backlog: Backlog, changed: Collection[int]) -> AuditResult:
        """The audit of `backlog`, which is the backlog of the last run with the items at the
        indexes `changed` changed (their ids and the registry as they were). Those items are
        judged anew, and so are the items their `serves` names, before or after the change: what
        an item's text is read to serve depends on what serves it (see `Reader.serves`)."""
        old = self.backlog
        if len(backlog.items) != len(old.items) or backlog.customers != old.customers:
            self.backlog, self.registry = backlog, Registry.of(backlog)
            self.reader = Reader(backlog, self.word_lists, self.registry) if self.reader is not None else None
            return self.run()
        self.backlog = backlog
        again = set(changed)
        if self.reader is not None:
            self.reader.backlog = backlog
            ids = {item.id: item.index for item in backlog.items} if any(
                old.items[i].serves != backlog.items[i].serves for i in changed) else {}
            for i in changed:
                before, after = old.items[i], backlog.items[i]
                if before.serves != after.serves:
                    again.update(ids[name] for name in (*before.serves, *after.serves) if name in ids)
                    if after.serves:
                        self.reader.served_by[after.id] = frozenset(after.serves)
                    else:
                        self.reader.served_by.pop(after.id, None)
        before = list(self.own)
        for i in sorted(again):
            self.own[i] = self.examine(backlog.items[i])
        return self._result(again, before)

    def _result(self, changed: Collection[int] | None = None, before: list[Standing] | None = None) -> AuditResult:
        """The result from every item's standing. After `again` (`changed`, and the standings
        `before` it), the graph is drawn again only when a changed item is part of it, and only
        the rows whose inputs changed are scored again."""
        backlog, own, settings, word_lists = self.backlog, self.own, self.settings, self.word_lists
        items = backlog.items
        old_graph = self._graph
        full = changed is None or old_graph is None or before is None or self._rows is None
        if full or any(own[i].serves != before[i].serves or old_graph.edges[i] or i in self._served for i in changed):
            graph = trace(items, [o.serves for o in own], [o.rank for o in own])
            self._served = frozenset(j for targets in graph.edges for j in targets)
            graph_findings: dict[int, list[Finding]] = {}
            for check in self.graph_checks:
                for i, hit in check(graph):
                    if hit.code in self.selected:
                        graph_findings.setdefault(i, []).append(stamp(RULES[hit.code], hit, items[i], refused=refused_waivers(items[i], word_lists)))
            reused = False
        else:
            # No edge touches a changed item, nor did one before: the graph and what the graph
            # rules found stand, but for the changed items' own standing.
            graph = replace(old_graph, items=items, traced=tuple(o.traced for o in own))
            graph_findings = self._graph_findings
            reused = True
        if full:
            scored = score_backlog(items, own, graph, [graph_findings.get(i, []) for i in range(len(items))],
                                   settings, self.registry)
            flags = [is_dropped(item, word_lists) for item in items]
        else:
            scored_list = list(self._rows)
            if reused:  # only the changed items' rows can differ: nothing inherits from them
                again = sorted(changed)
            else:
                old_findings = self._graph_findings
                again = [j for j in range(len(items))
                         if not (own[j] is before[j] and graph.origin[j] == old_graph.origin[j]
                                 and own[graph.origin[j]] is before[graph.origin[j]]
                                 and graph.via[j] == old_graph.via[j]
                                 and graph_findings.get(j) == old_findings.get(j))]
            for j in again:
                scored_list[j] = item_result(items[j], j, own, graph, graph_findings.get(j, []), settings,
                                             self.registry)
            scored = tuple(scored_list)
            flags = list(self._dropped)
            for i in changed:
                flags[i] = is_dropped(items[i], word_lists)
        self._graph, self._graph_findings, self._rows, self._dropped = graph, graph_findings, scored, flags
        if any(flags):
            results = tuple(row for row, drop in zip(scored, flags) if not drop)
            dropped = tuple(row for row, drop in zip(scored, flags) if drop)
        else:
            results, dropped = scored, ()
        return AuditResult(
            paths=(backlog.path,),
            items=results,
            findings=tuple(file_findings(backlog, self.selected)),
            summary=summarize(results, len(dropped)),
            dropped=dropped,
            settings=settings,
        )


# eq=False, repr=False: never compared or printed; each method dataclasses generates costs start-up
# on Python 3.11 (docs/performance.md)
@dataclass(frozen=True, eq=False, repr=False)
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
                note: Callable[[str, str], None] | None = None, progress=None) -> AuditResult:
    """Audit backlog files (directories expand to the YAML files below them; `-` is standard
    input). `note(path, why)` hears of each file a directory holds that is not read. YAML files
    found in a directory that are plainly not backlogs (a docker-compose.yml, a workflow) are
    passed over, and named in the result's `skipped`; named files too with
    `options.skip_non_backlogs`. `progress`: a `breadline.progress.Progress` told of each file
    and item."""
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
        if progress is not None:
            progress.file("standard input" if path == "-" else path)
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
        results.append(audit(backlog, settings, select=selected, word_lists=word_lists, progress=progress))
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
