"""Tracker-like backlogs for the benchmark, built from the words of real tracker items.

The real items are the ones in tests/data/real/*.yaml (public GitHub issues and pull requests),
read when the benchmark runs. Each generated item is what an import holds: an id, a real title,
a type, a status, the labels of a real item and a description of about the asked length, strung
together, seeded, from real sentences, in the shapes real reports have: markdown headings
("Steps to reproduce", "Expected behavior"...), numbered steps, fenced logs and stack traces,
version numbers, environment lists, links to issues and checklists of pull requests. No
customer, problem, evidence or next fields and no customer registry: the reader has only the text.

    python bench/tracker_words.py 1000 > /tmp/tracker-1000.yaml    # 3,000 items, ~1,000 chars
"""

from __future__ import annotations

import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REAL = Path(__file__).resolve().parent.parent / "tests" / "data" / "real"

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'`(\[])")
_VERSION = re.compile(r"\bv?\d+\.\d+(?:\.\d+)*(?:-[a-z]+\.?\d*)?\b")
_CODE = re.compile(r"`([^`\n]{2,60})`")
_WORD = re.compile(r"[A-Za-z][a-z]{3,14}")

STATUSES = ["open"] * 6 + ["closed"] * 2 + ["In Progress", "Todo", "Backlog", "Triage"]
OSES = ["macOS 14.5", "Ubuntu 22.04", "Windows 11", "Debian 12", "iOS 17.4", "Android 14", "Alpine 3.19 (Docker)"]
BROWSERS = ["Chrome 126", "Firefox 127", "Safari 17.5", "Edge 125", "Chromium (Electron)"]
DEPLOYMENTS = ["self-hosted (Docker)", "cloud", "self-hosted (Kubernetes, Helm chart)", "local development",
               "self-hosted (bare metal)"]
COMMANDS = ["npm run", "yarn", "pnpm", "docker compose up", "php artisan", "python manage.py", "go run ./cmd/", "make"]
LEVELS = ["ERROR", "WARN", "INFO", "error", "FATAL"]
EXTENSIONS = ["ts", "tsx", "js", "py", "php", "go", "rb", "vue"]


@dataclass
class Corpus:
    """What the real items give: their titles, the sentences of their descriptions, the version
    numbers and code spans written in them, their words, their repositories, labels and types."""

    titles: list[str] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)
    versions: list[str] = field(default_factory=list)
    code: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    repos: list[str] = field(default_factory=list)
    labels: list[list[str]] = field(default_factory=list)
    types: list[str] = field(default_factory=list)


def read_corpus(directory: Path = REAL) -> Corpus:
    """The words of the real items in `directory` (files in name order, so the result is stable)."""
    corpus = Corpus()
    seen_words: set[str] = set()
    seen_repos: set[str] = set()
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise SystemExit(f"no real tracker items in {directory} (tests/data/real/*.yaml)")
    for path in files:
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or {}
        for item in document.get("items") or []:
            title = str(item.get("title") or "").strip()
            description = " ".join(str(item.get("description") or "").split())
            if title:
                corpus.titles.append(title)
            if description:
                corpus.sentences += [s for s in _SENTENCE_END.split(description) if len(s) > 12]
            text = f"{title} {description}"
            corpus.versions += _VERSION.findall(text)
            corpus.code += _CODE.findall(text)
            for word in _WORD.findall(text):
                if word.lower() not in seen_words:
                    seen_words.add(word.lower())
                    corpus.words.append(word.lower())
            repo = str(item.get("source") or "").partition("#")[0]
            if "/" in repo and repo not in seen_repos:
                seen_repos.add(repo)
                corpus.repos.append(repo)
            labels = [str(label) for label in item.get("labels") or []]
            corpus.labels.append(labels)
            corpus.types.append(str(item.get("type") or "issue"))
    corpus.versions = corpus.versions or ["2.1.27"]
    corpus.code = corpus.code or ["checkoutComplete"]
    return corpus


class _Writer:
    """Builds one description from the corpus with one seeded generator."""

    def __init__(self, corpus: Corpus, rng: random.Random) -> None:
        self.c = corpus
        self.rng = rng

    # -- pieces -------------------------------------------------------------------------------
    def sentence(self) -> str:
        return self.rng.choice(self.c.sentences)

    def prose(self, low: int = 1, high: int = 3) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    def clause(self) -> str:
        """The start of a real sentence, for a step or a checklist line."""
        words = self.sentence().rstrip(".!?").split()
        return " ".join(words[: self.rng.randint(4, 12)])

    def version(self) -> str:
        return self.rng.choice(self.c.versions)

    def word(self) -> str:
        return self.rng.choice(self.c.words)

    def identifier(self) -> str:
        if self.rng.random() < 0.4:
            return self.rng.choice(self.c.code)
        first, second = self.word(), self.word()
        return first + second.capitalize() if self.rng.random() < 0.6 else f"{first}_{second}"

    def path(self) -> str:
        return f"src/{self.word()}/{self.word()}.{self.rng.choice(EXTENSIONS)}"

    def url(self) -> str:
        repo = self.rng.choice(self.c.repos)
        kind = self.rng.choice(["issues", "issues", "pull", "discussions"])
        return f"https://github.com/{repo}/{kind}/{self.rng.randint(100, 40000)}"

    def steps(self) -> str:
        lines = [f"{n}. {self.clause()}" for n in range(1, self.rng.randint(3, 6))]
        lines.append(f"{len(lines) + 1}. See error")
        return "\n".join(lines)

    def logs(self) -> str:
        rng = self.rng
        lines = ["```"]
        kind = rng.random()
        if kind < 0.4:  # a stack trace
            lines.append(f"Error: {self.clause()}")
            lines += [f"    at {self.identifier()} ({self.path()}:{rng.randint(1, 900)}:{rng.randint(1, 80)})"
                      for _ in range(rng.randint(3, 8))]
        elif kind < 0.75:  # log lines
            for _ in range(rng.randint(3, 7)):
                stamp = (f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:"
                         f"{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}Z")
                lines.append(f"{stamp} {rng.choice(LEVELS)} [{self.word()}] {self.clause()}")
        else:  # a command and its output
            lines.append(f"$ {rng.choice(COMMANDS)} {self.word()}")
            lines.append(f"{self.word()}@{self.version()} {self.path()}")
            lines.append(f"{self.identifier()} = {{ \"{self.word()}\": {rng.randint(0, 5000)}, "
                         f"\"{self.word()}\": \"{self.word()}\" }}")
            lines.append(f"exit status {rng.choice([1, 2, 127, 137])}")
        lines.append("```")
        return "\n".join(lines)

    def environment(self) -> str:
        rng = self.rng
        return "\n".join([f"- Version: {self.version()}", f"- OS: {rng.choice(OSES)}",
                          f"- Browser: {rng.choice(BROWSERS)}", f"- Deployment: {rng.choice(DEPLOYMENTS)}"])

    def checklist(self) -> str:
        return "\n".join(f"- [{self.rng.choice('x ')}] {self.clause()}" for _ in range(self.rng.randint(2, 4)))

    def context(self) -> str:
        extra = self.rng.choice([f"See {self.url()}", f"Related to #{self.rng.randint(100, 40000)}",
                                 f"Possibly a regression from {self.version()}.", f"Works on {self.version()}."])
        return f"{self.prose(1, 2)} {extra}"

    def plain(self) -> str:
        text = self.prose(1, 3)
        if self.rng.random() < 0.3:
            text += f" We're using version {self.version()}."
        if self.rng.random() < 0.2:
            text += f" `{self.identifier()}` returns an error."
        return text

    # -- shapes -------------------------------------------------------------------------------
    def sections(self, shape: str) -> list[tuple[str | None, object]]:
        if shape == "bug":
            return [("### Describe the bug", self.prose), ("### Steps to reproduce", self.steps),
                    ("### Expected behavior", lambda: self.prose(1, 1)), ("### Actual behavior", self.prose),
                    ("### Logs", self.logs), ("### Environment", self.environment),
                    ("### Additional context", self.context)]
        if shape == "feature":
            return [("## Is your feature request related to a problem? Please describe.", self.prose),
                    ("## Describe the solution you'd like", self.prose),
                    ("## Describe alternatives you've considered", lambda: self.prose(1, 2)),
                    ("## Additional context", self.context)]
        if shape == "pr":
            return [("## What does this PR do?", lambda: f"{self.prose(1, 2)}\n\nFixes #{self.rng.randint(100, 40000)}"),
                    ("## Type of change", self.checklist), ("## How should this be tested?", self.steps),
                    ("## Checklist", self.checklist)]
        return [(None, self.plain)]

    def more(self) -> tuple[str | None, object]:
        """What comes after the template, in longer reports: more prose, logs, a comment pasted in."""
        return self.rng.choice([(None, self.plain), ("### Logs", self.logs), (None, self.context),
                                ("Update:", self.prose), (None, self.steps)])

    def description(self, target: int) -> str:
        rng = self.rng
        if target < 500:
            shape = rng.choices(["plain", "bug", "feature", "pr"], [6, 2, 1, 1])[0]
        else:
            shape = rng.choices(["plain", "bug", "feature", "pr"], [2, 5, 2, 2])[0]
        parts: list[str] = []
        size = 0
        template = self.sections(shape)
        while size < target:
            heading, body = template.pop(0) if template else self.more()
            part = (f"{heading}\n{body()}" if heading else body())  # type: ignore[operator]
            parts.append(part)
            size += len(part) + 2
        text = "\n\n".join(parts)
        if len(text) > target:  # trimmed as imports trim: at a line end if one is near, else at a word
            cut = text.rfind("\n", 0, target)
            if cut < target * 0.85:
                cut = text.rfind(" ", 0, target)
            text = text[:cut if cut > 0 else target]
        return "\n".join(line.rstrip() for line in text.strip().split("\n"))


class _Dumper(yaml.CSafeDumper if getattr(yaml, "__with_libyaml__", False) else yaml.SafeDumper):  # type: ignore[misc]
    def ignore_aliases(self, data: object) -> bool:
        return True


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


def _list(dumper: yaml.SafeDumper, value: list) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value,
                                     flow_style=sum(len(str(v)) + 2 for v in value) <= 80)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(list, _list)


def generate_tracker(count: int, length: int, seed: int = 42, corpus: Corpus | None = None) -> str:
    """A backlog of `count` tracker items whose descriptions run to about `length` characters
    (each within ±20%), as an import writes them; the same text for the same arguments and corpus."""
    corpus = corpus or read_corpus()
    rng = random.Random(seed * 1_000_003 + count * 7919 + length)
    writer = _Writer(corpus, rng)
    items = []
    for n in range(count):
        source = rng.randrange(len(corpus.titles))
        pick = rng.randrange(len(corpus.labels))
        item: dict[str, object] = {"id": f"TR-{n + 1}", "title": corpus.titles[source],
                                   "type": corpus.types[pick], "status": rng.choice(STATUSES)}
        if corpus.labels[pick]:
            item["labels"] = list(corpus.labels[pick])
        item["description"] = writer.description(round(length * rng.uniform(0.8, 1.2)))
        items.append(item)
    header = (f"# Tracker-like backlog generated by bench/bench.py from the words of tests/data/real: "
              f"{count} items, descriptions of about {length} characters.\n")
    body = yaml.dump({"items": items}, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=2**31 - 1,
                     indent=2)
    return header + body


if __name__ == "__main__":
    sys.stdout.write(generate_tracker(int(sys.argv[2]) if len(sys.argv) > 2 else 3000,
                                      int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
