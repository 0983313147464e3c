"""How far the reader is from what its own evidence allows: a learnt verdict over everything it reads.

    .venv/bin/python bench/ceiling.py          # needs the `train` extra (scikit-learn): make train installs it

The verdict is made by rules over the links the families read (docs/reading.md). This script asks
whether a different way of combining the same evidence would judge the development part of
tests/data/real better: a logistic model (L1, scikit-learn) over each item's words (the report's
shape's features, `read.shape.features`) and every signal the reader drew a link from (the
link, its signal family and its certainty, read with the report's shape switched off), fitted
and judged the way `bench/train_shape.py` judges the shape, every project owner's items held out
together (5 folds). It prints

- how well words, signals and both rank the items (grouped AUC);
- the learnt verdict (superfluous below a probability) at several thresholds;
- the reader's own verdict, each fold read with a report's shape fitted without it;
- where the two disagree, how the items are labelled.

If the learnt verdict, with all the evidence at once, judges no better than the rules, and the
items on which they disagree are labelled traced and untraced about evenly, what is left is not
in how the evidence is combined: it is in what the reader does not read, or in the labels. The
held-out part is never read here. Findings are quoted in docs/reading.md.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import judge  # noqa: E402
import train_shape  # noqa: E402

C = 0.5
"""The learnt verdict's penalty: the best grouped AUC of the penalties tried (0.15, 0.5, 1)."""
THRESHOLDS = (0.35, 0.4, 0.45, 0.5, 0.55)
OFF = json.dumps({"words": {"report-shape": {"replace": []}}})


def signals(files: list[Path]) -> dict[tuple[str, str], set[str]]:
    """Each item's links read from its text, as `link:signal:certainty`, with the shape off."""
    found = {}
    for path in files:
        for row in judge.judge_file(path, OFF):
            found[(path.name, row.item.id)] = {f"{link.name}:{link.signal}:{link.certainty}"
                                               for link in row.links if link.strength > 0 and link.signal}
    return found


def own_verdicts(every: list[train_shape.Example], files: list[Path]) -> dict[tuple[str, str], bool]:
    """The reader's verdict (superfluous or not), each owner's items read with a shape fitted without them."""
    said = {}
    for fit_on, held in train_shape.folds(every):
        config = json.dumps({"words": {"report-shape": {"replace": train_shape.fit(fit_on)}}})
        keep = {(e.file, e.id) for e in held}
        for path in files:
            for row in judge.judge_file(path, config):
                if (path.name, row.item.id) in keep:
                    said[(path.name, row.item.id)] = row.verdict.value == "superfluous"
    return said


def main() -> int:
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import GroupKFold

    files = judge.part_files("development")
    every = train_shape.examples()
    read = signals(files)
    traced = np.array([e.traced for e in every])
    owners = [e.owner for e in every]

    def learnt(features: list[dict[str, int]]) -> np.ndarray:
        X = DictVectorizer().fit_transform(features)
        X.indices, X.indptr = X.indices.astype("int32"), X.indptr.astype("int32")
        p = np.zeros(len(every))
        for fit_on, held in GroupKFold(n_splits=train_shape.FOLDS).split(X, traced, owners):
            model = LogisticRegression(C=C, l1_ratio=1.0, solver="liblinear", max_iter=5000, random_state=0)
            p[held] = model.fit(X[fit_on], traced[fit_on]).predict_proba(X[held])[:, 1]
        return p

    words = [{f"{place} {word}": 1 for place, word in e.features} for e in every]
    sigs = [{f"signal {s}": 1 for s in read[(e.file, e.id)]} for e in every]
    print(f"development part: {len(every)} items, {len({e.file for e in every})} files, {len(set(owners))} owners")
    ranked = {name: learnt(features) for name, features in
              (("words", words), ("signals", sigs), ("words and signals", [w | s for w, s in zip(words, sigs)]))}
    for name, guessed in ranked.items():
        print(f"  ranked by {name}: grouped AUC {roc_auc_score(traced, guessed):.3f}")
    p = ranked["words and signals"]  # the learnt verdict uses all the evidence
    untraced = ~traced

    def figures(said: np.ndarray) -> str:
        tp, fp, fn = int((said & untraced).sum()), int((said & traced).sum()), int((~said & untraced).sum())
        return f"P {tp / (tp + fp):.3f} R {tp / (tp + fn):.3f} ({fp} traced called superfluous, {fn} untraced missed)"

    for t in THRESHOLDS:
        print(f"  learnt verdict, superfluous below {t}: {figures(p < t)}")
    own = own_verdicts(every, files)
    mine = np.array([own[(e.file, e.id)] for e in every])
    print(f"  the reader's own verdict, out of fold: {figures(mine)}")
    split = (mine & (p >= 0.4), ~mine & (p < 0.4))
    for label, chosen in zip(("reader superfluous, learnt not (p >= 0.4)", "reader not, learnt superfluous (p < 0.4)"), split):
        print(f"  {label}: {int((chosen & traced).sum())} traced, {int((chosen & untraced).sum())} untraced")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
