"""YAML files that are not backlogs: a `docker-compose.yml`, a workflow, a Kubernetes manifest.

`breadline audit DIR` and the pre-commit hook (`--skip-non-backlogs`) meet such files beside the
backlogs. A file is taken for one that is not a backlog only when it plainly is not: several YAML
documents; a mapping with neither `items` nor `customers` (nor a near miss of either, such as
`itmes:` — that is a broken backlog, and its error is the answer); a list none of whose entries
has a `title` or an `id`. Anything else that fails to load is an error, as it should be.

Only asked after the file failed to load as a backlog, so a backlog pays nothing for it.
"""

from __future__ import annotations

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from breadline.errors import InputError
from breadline.load import read_text
from breadline.rules.fields import suggest_field

BACKLOG_KEYS = ("items", "customers")
ITEM_KEYS = frozenset({"title", "id"})
YAML_SUFFIXES = (".yaml", ".yml")


def is_other_yaml(path: str) -> bool:
    """True when `path` is YAML that is plainly not a backlog (see the module's doc)."""
    if not path.lower().endswith(YAML_SUFFIXES):
        return False
    try:
        text = read_text(path)
        documents = list(yaml.compose_all(text, Loader=_loader()))
    except (InputError, yaml.YAMLError, RecursionError):
        return False
    documents = [d for d in documents if d is not None]
    if len(documents) > 1:
        return True
    if not documents:
        return False
    (root,) = documents
    if isinstance(root, MappingNode):
        keys = [str(key.value) for key, _ in root.value if isinstance(key, ScalarNode)]
        return not any(suggest_field(key, BACKLOG_KEYS) for key in keys)
    if isinstance(root, SequenceNode):
        return bool(root.value) and not any(
            isinstance(entry, MappingNode)
            and any(isinstance(key, ScalarNode) and key.value in ITEM_KEYS for key, _ in entry.value)
            for entry in root.value
        )
    return False


def _loader():
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)
