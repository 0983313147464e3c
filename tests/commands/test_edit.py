"""`breadline.edit`: answers go into one item at a time and every other byte of the file stays."""

from __future__ import annotations

import datetime as dt
import os
import textwrap

import pytest

from breadline.edit import BacklogEditor, merge, replace_file
from breadline.errors import InputError
from breadline.load import load


def edit(write, text: str | bytes, *changes, name: str = "backlog.yaml"):
    """Open `text` as a backlog, apply (index, values, waive) changes, save; return the file's bytes
    and the editor."""
    path = write(text if isinstance(text, bytes) else textwrap.dedent(text), name)
    editor = BacklogEditor.open(str(path))
    for index, values, waive in changes:
        editor.update(index, values, waive)
        editor.commit()
    editor.save()
    load(str(path))  # still a backlog breadline reads
    return path.read_bytes(), editor


CASES = {
    "new fields go in field order, before the comments that lead to the next item": (
        """\
        items:
          - id: A
            title: a
            points: 3     # estimate

          # the next one
          - id: B
            title: b
        """,
        [(0, {"customer": "acme", "next": "they close sooner"}, {}), (1, {"status": "dropped"}, {"BL301": "r"})],
        """\
        items:
          - id: A
            title: a
            customer: acme
            next: they close sooner
            points: 3     # estimate

          # the next one
          - id: B
            title: b
            status: dropped
            waive:
              BL301: r
        """,
    ),
    "a top-level list at column 0, with unknown fields in between": (
        """\
        # header
        - id: A
          title: a
          assignee: priya
          points: 1
        """,
        [(0, {"customer": ["acme", "globex"]}, {})],
        """\
        # header
        - id: A
          title: a
          customer: [acme, globex]
          assignee: priya
          points: 1
        """,
    ),
    "four-space indentation with the dash set in": (
        """\
        items:
            -   id: A
                title: a
                waive:
                    BL401: fine
        """,
        [(0, {"evidence": [{"source": "ZD-1", "date": dt.date(2026, 1, 2)}]}, {"BL301": "ok"})],
        """\
        items:
            -   id: A
                title: a
                evidence:
                    -   source: ZD-1
                        date: 2026-01-02
                waive:
                    BL401: fine
                    BL301: ok
        """,
    ),
    "a replaced value keeps its place, its style and its comment": (
        """\
        items:
          - id: A
            title: a
            problem: >-   # what THEY need
              increase engagement
              with our app
            customer:        # who
            status: 'todo'
        """,
        [(0, {"problem": "they retype totals", "customer": "acme", "status": "dropped"}, {})],
        """\
        items:
          - id: A
            title: a
            problem: >-   # what THEY need
              they retype totals
            customer: acme   # who
            status: 'dropped'
        """,
    ),
    "flow-style items and waivers stay in flow style": (
        """\
        items:
          - {id: A, title: a}
          - id: B
            title: b
            waive: {BL401: "x"}
        """,
        [(0, {"customer": "acme"}, {}), (1, {}, {"BL301": "y"})],
        """\
        items:
          - {id: A, title: a, customer: acme}
          - id: B
            title: b
            waive: {BL401: "x", BL301: y}
        """,
    ),
    "text PyYAML would read as something else is quoted; several lines become a block": (
        """\
        - id: A
          title: a
        """,
        [(0, {"problem": "yes", "next": "2026-01-01", "status": "#1: now", "evidence": "line one\nline two"}, {})],
        """\
        - id: A
          title: a
          problem: 'yes'
          evidence: |-
            line one
            line two
          next: '2026-01-01'
          status: '#1: now'
        """,
    ),
    "lines ruamel would write differently are kept as they were": (
        """\
        defaults: &d {type: story}
        items:
          - id: A
            title:   spaced   out
            description: a long plain
              scalar over two lines
            meta: &m {x: 1}
            points: 3
          - id: B
            title: b
            meta: *m
        """,
        [(0, {"customer": "acme"}, {}), (1, {"customer": "acme"}, {})],
        """\
        defaults: &d {type: story}
        items:
          - id: A
            title:   spaced   out
            description: a long plain
              scalar over two lines
            customer: acme
            meta: &m {x: 1}
            points: 3
          - id: B
            title: b
            customer: acme
            meta: *m
        """,
    ),
    "items before another top-level key, and comments at the end of the file": (
        """\
        items:
        - id: A
          title: a
          labels:
          - x

        # the registry
        customers:
          acme: {plan: business}
        # the end
        """,
        [(0, {"status": "dropped"}, {})],
        """\
        items:
        - id: A
          title: a
          labels:
          - x
          status: dropped

        # the registry
        customers:
          acme: {plan: business}
        # the end
        """,
    ),
    "a literal block that keeps its trailing blank lines": (
        """\
        items:
          - id: A
            title: a
            description: |+
              text

          - id: B
            title: b
        """,
        [(0, {"customer": "acme"}, {})],
        """\
        items:
          - id: A
            title: a
            description: |+
              text

            customer: acme
          - id: B
            title: b
        """,
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_edits_change_only_what_they_set(write, case):
    before, changes, after = CASES[case]
    data, _ = edit(write, before, *changes)
    assert data.decode() == textwrap.dedent(after)


def test_crlf_line_ends_and_a_byte_order_mark_are_kept(write):
    data, _ = edit(write, b"\xef\xbb\xbfitems:\r\n  - id: A\r\n    title: a\r\n\r\n  # two\r\n  - id: B\r\n    title: b\r\n",
                   (0, {"customer": "acme"}, {}))
    assert data == (b"\xef\xbb\xbfitems:\r\n  - id: A\r\n    title: a\r\n    customer: acme\r\n\r\n"
                    b"  # two\r\n  - id: B\r\n    title: b\r\n")


def test_a_file_without_a_final_newline_keeps_it_that_way(write):
    data, _ = edit(write, b"- id: A\n  title: a\n- id: B\n  title: b  # eol\n  # trailing",
                   (1, {"customer": "acme"}, {}))
    assert data == b"- id: A\n  title: a\n- id: B\n  title: b  # eol\n  customer: acme\n  # trailing"


def test_indentation_is_read_from_the_file(write):
    _, editor = edit(write, "items:\n    -   id: A\n        title: a\n")
    assert editor.indentation == (2, 8, 4)
    _, editor = edit(write, "customers:\n   acme: {plan: x}\n   b:\n      plan: y\nitems:\n- id: A\n  title: a\n")
    assert editor.indentation == (3, 2, 0)


def test_editing_the_same_item_twice_and_others_in_between(write):
    text = "items:\n  - id: A\n    title: a\n\n  # B\n  - id: B\n    title: b\n"
    data, editor = edit(write, text, (0, {"customer": "acme"}, {}), (1, {"next": "n"}, {}),
                        (0, {"next": "m"}, {"BL301": "r"}))
    assert data.decode() == ("items:\n  - id: A\n    title: a\n    customer: acme\n    next: m\n    waive:\n"
                             "      BL301: r\n\n  # B\n  - id: B\n    title: b\n    next: n\n")
    assert editor.diff().count("\n+") == 6


def test_an_edit_that_would_change_anything_else_is_refused_and_rolled_back(write, monkeypatch):
    import breadline.edit as edit_module

    path = write("items:\n  - id: A\n    title: a\n")
    editor = BacklogEditor.open(str(path))
    monkeypatch.setattr(edit_module, "_compare_items", lambda old, new, edits, indexes: "item 'A' changed beyond the answers")
    editor.update(0, {"customer": "acme"})
    with pytest.raises(InputError, match="could not write the answers for A without changing other parts"):
        editor.commit()
    assert editor.text == editor.original
    assert not editor.changed
    monkeypatch.undo()
    editor.update(0, {"next": "n"})  # the editor still works after a refused edit
    editor.commit()
    assert "    next: n\n" in editor.text


def test_save_refuses_when_someone_else_changed_the_file(write):
    path = write("items:\n  - id: A\n    title: a\n")
    editor = BacklogEditor.open(str(path))
    editor.update(0, {"customer": "acme"})
    editor.commit()
    path.write_text("items:\n  - id: A\n    title: changed by a colleague\n")
    with pytest.raises(InputError, match="changed on disk"):
        editor.save()
    assert "colleague" in path.read_text()


def test_nothing_to_save_writes_nothing(write):
    path = write("items:\n  - id: A\n    title: a\n")
    os.utime(path, (1, 1))
    editor = BacklogEditor.open(str(path))
    editor.save()
    assert os.stat(path).st_mtime == 1


def test_replace_file_is_atomic_and_keeps_permissions(tmp_path, monkeypatch):
    path = tmp_path / "b.yaml"
    path.write_text("old")
    os.chmod(path, 0o604)

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(InputError, match="No space left on device"):
        replace_file(str(path), b"new")
    assert path.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.yaml"]  # no temporary file left
    monkeypatch.undo()
    replace_file(str(path), b"new")
    assert path.read_text() == "new"
    assert os.stat(path).st_mode & 0o777 == 0o604


def test_merge_carries_changes_onto_lines_written_differently():
    original = ["- id: A\n", "  title:   spaced\n", "  description: two\n", "    lines\n",
                "  meta: &m {x: 1}\n", "  points: 3\n"]
    base = ["- id: A\n", "  title: spaced\n", "  description: two lines\n", "  meta: {x: 1}\n", "  points: 3\n"]
    changed = ["- id: A\n", "  title: spaced\n", "  description: new\n", "  customer: acme\n", "  meta: {x: 1}\n",
               "  points: 3\n", "  status: dropped\n"]
    assert merge(original, base, changed) == [
        "- id: A\n", "  title:   spaced\n", "  description: new\n", "  customer: acme\n", "  meta: &m {x: 1}\n",
        "  points: 3\n", "  status: dropped\n",
    ]
    assert merge(["x\n", "y\n"], ["p\n", "q\n"], ["p\n", "n\n", "q\n"]) is None  # nowhere to anchor it


def test_unknown_fields_cannot_be_set(write):
    path = write("- id: A\n  title: a\n")
    editor = BacklogEditor.open(str(path))
    with pytest.raises(ValueError):
        editor.update(0, {"title": "new"})


def test_a_flow_style_item_keeps_its_comment(write):
    data, _ = edit(write, "items:\n  - id: A\n    title: a\n  - {id: C, title: Flow item}  # flow comment\n"
                          "  - id: D\n    title: d\n", (1, {"customer": "acme"}, {}))
    assert data.decode() == ("items:\n  - id: A\n    title: a\n  - {id: C, title: Flow item, customer: acme} "
                             "# flow comment\n  - id: D\n    title: d\n")


def test_mixed_line_ends_are_kept_line_by_line(write):
    text = b"items:\r\n  - id: A\n    title: a\r\n  - id: B\n    title: b\n"
    data, _ = edit(write, text, (0, {"customer": "acme"}, {}), (1, {"next": "n"}, {}))
    # a line that was there keeps its own end; a new line takes the end of the line before it
    assert data == (b"items:\r\n  - id: A\n    title: a\r\n    customer: acme\r\n  - id: B\n    title: b\n"
                    b"    next: n\n")


def test_only_the_edited_items_are_read_by_ruamel(write, monkeypatch):
    from ruamel.yaml import YAML

    items = "".join(f"  - id: IT-{n}\n    title: item {n}  # comment {n}\n    points: {n % 5}\n\n" for n in range(300))
    path = write("customers:\n  acme: {name: Acme}\nitems:\n" + items)
    seen: list[str] = []
    original_load = YAML.load

    def spying(self, stream):
        seen.append(stream)
        return original_load(self, stream)

    monkeypatch.setattr(YAML, "load", spying)
    editor = BacklogEditor.open(str(path))
    editor.update(150, {"customer": "acme"})
    editor.update(299, {"next": "they close sooner"})
    editor.commit()
    editor.save()
    assert len(seen) == 2
    assert all(text.count("- id: ") == 1 and len(text) < 100 for text in seen)
    assert "IT-150" in seen[0] and "IT-299" in seen[1]
    text = path.read_text()
    assert "    title: item 150  # comment 150\n    customer: acme\n    points: 0\n" in text
    assert text.endswith("    title: item 299  # comment 299\n    next: they close sooner\n    points: 4\n\n")
    assert editor.line_of(151) == 4 + 151 * 4 + 1  # the items after the edit moved down a line
    assert load(str(path)).items[151].position.line == editor.line_of(151)


def test_the_last_item_ending_further_left_than_its_list_is_found(write):
    data, _ = edit(write, "items:\n  - id: A\n    title: a\n    labels: [x,\n  y]\n", (0, {"customer": "acme"}, {}))
    assert data.decode() == "items:\n  - id: A\n    title: a\n    customer: acme\n    labels: [x,\n  y]\n"


def test_the_key_lines_of_a_long_line_of_spaces_cost_its_length():
    from breadline.edit import _key_lines

    hostile = "- " + "a" + " " * 100_000 + "b\n"  # no colon: an overlapping pattern would try every space
    assert _key_lines([hostile, "  " + " " * 100_000 + "x\n"]) == []
    assert _key_lines(["- id: A\n", "  title:" + " " * 100_000 + "t\n"]) == [("id", 0), ("title", 1)]


def test_an_item_150_kb_long_with_runs_of_spaces_is_edited(write):
    spaces = " " * 100_000
    text = f"items:\n  - id: A\n    title: a\n    description: 'x{spaces}y'\n    notes: \"{' ' * 50_000}\"\n"
    data, _ = edit(write, text, (0, {"customer": "acme"}, {}))
    assert data.decode() == text.replace("y'\n", "y'\n    customer: acme\n")  # after the description
