"""An export written as a breadline backlog file that people can read and the loader reads back.

Fields come in the order a person reads an item (id, title, type, status, points, labels, url,
the four links, serves, description, then what the tracker adds); multi-line text is a literal
block scalar (`|`), short lists are written inline, nothing is folded or wrapped, and there is no
timestamp, so re-importing an unchanged export gives an identical file and a clean diff.
"""

from __future__ import annotations

from typing import Any

import yaml

from breadline import __version__
from breadline.importers.build import Export, extras, item_fields
from breadline.importers.text import safe


class _PureDumper(yaml.SafeDumper):
    """Block scalars for multi-line text, lists of plain values inline, no aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # `items:` then `  - id:`, as breadline's examples are written; lists inside an item stay
        # flush under their key, as libyaml writes them (so both emitters give the same text).
        super().increase_indent(flow, indentless and self.indent != 0)


def _fast_dumper() -> type | None:
    """A dumper with libyaml's emitter, ten times faster on big exports, when libyaml is built."""
    if not getattr(yaml, "__with_libyaml__", False):
        return None  # pragma: no cover - depends on how PyYAML was built

    class FastDumper(yaml.CSafeDumper):
        def ignore_aliases(self, data: Any) -> bool:
            return True

    return FastDumper


_FastDumper = _fast_dumper()


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    value = safe(value)
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


def _list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.SequenceNode:
    inline = (all(isinstance(v, (str, int, float)) and not any(c in str(v) for c in "\n,[]{}") for v in value)
              and sum(len(str(v)) + 2 for v in value) <= 80)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=inline)


def _mapping(dumper: yaml.SafeDumper, value: dict[str, Any]) -> yaml.MappingNode:
    return dumper.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=False)


for _dumper in (_PureDumper, _FastDumper):
    if _dumper is not None:
        _dumper.add_representer(str, _text)
        _dumper.add_representer(list, _list)
        _dumper.add_representer(dict, _mapping)


def item_document(export: Export) -> list[dict[str, Any]]:
    """The items as plain mappings, in the backlog file's field names."""
    items = []
    for record in export.records:
        fields = item_fields(record)
        document: dict[str, Any] = {}
        for name, value in fields.items():
            if name == "customers":
                document["customer"] = value[0] if len(value) == 1 else list(value)
            elif name == "evidence":
                document["evidence"] = [_evidence(e) for e in value]
            elif name in ("labels", "serves"):
                document[name] = list(value)
            else:
                document[name] = value
        description = document.pop("description", None)
        for name, value in extras(record).items():
            document.setdefault(name, value)
        if description:
            document["description"] = description  # last: the longest, and the rest stays scannable
        items.append(document)
    return items


def _evidence(evidence) -> Any:
    if evidence.url or evidence.date:
        entry: dict[str, Any] = {"source": evidence.text}
        if evidence.date:
            entry["date"] = evidence.date.isoformat()
        if evidence.url:
            entry["url"] = evidence.url
        return entry
    return evidence.text


def to_yaml(export: Export, *, fast: bool = True) -> str:
    """The backlog file for `export`, with a header saying where it came from. `fast`: emit with
    libyaml when it is installed (the text is the same either way)."""
    count = len(export.records)
    header = [
        f"# Imported by breadline {__version__} from {export.path} ({export.label}): "
        f"{count} item{'s' if count != 1 else ''}.",
        "# Audit it with `breadline audit FILE`; re-import to refresh it from the tracker.",
        "# Add a `customers:` registry (name, plan, mrr) so that breadline knows who pays;",
        "# `breadline init` writes an example.",
    ]
    document = {"items": item_document(export)}
    body = None
    if fast and _FastDumper is not None:
        body = _indent_items(_dump(document, _FastDumper))
        if "\\U000" in body:
            body = None  # libyaml escapes emoji and other characters beyond U+FFFF; write them as they are
    if body is None:
        body = _dump(document, _PureDumper)
    return "\n".join(header) + "\n" + body


def _dump(document: dict[str, Any], dumper: type) -> str:
    return yaml.dump(document, Dumper=dumper, allow_unicode=True, sort_keys=False, width=2**31 - 1, indent=2)


def _indent_items(body: str) -> str:
    """libyaml writes the list flush under `items:`; indent it by two spaces like breadline's own
    examples. Every line moves alike, so block scalars keep their text and their indentation."""
    first, _, rest = body.partition("\n")
    return first + "\n" + "\n".join("  " + line if line else line for line in rest.split("\n"))
