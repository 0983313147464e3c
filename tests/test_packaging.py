"""breadline as it ships: the sdist and the wheel built from the repository, the wheel installed
into a fresh virtual environment and run from a folder outside the repository; and the
repository itself standing alone (no machine paths, no references out of it)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

from breadline import __version__
from tests.conftest import ROOT

SKIP_WHEN_COPYING = shutil.ignore_patterns(
    ".git", ".venv", ".venv-*", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache",
    ".hypothesis", ".fuzz-corpus", "report.html",
)


def _run(*args, cwd: Path, env: dict | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=timeout)
    return result


def _checked(*args, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    result = _run(*args, cwd=cwd, env=env)
    assert result.returncode == 0, f"{' '.join(map(str, args))} failed:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    """Build the sdist, then the wheel from the sdist (as `python -m build` does), from a copy of
    the source tree, so a local .venv or build/ can neither leak in nor be touched. No network:
    the build backend comes from the test environment (`--no-isolation`)."""
    work = tmp_path_factory.mktemp("build")
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=SKIP_WHEN_COPYING)
    out = work / "dist"
    _checked(sys.executable, "-m", "build", "--no-isolation", "--outdir", out, source, cwd=work)
    return out


def _one(folder: Path, pattern: str) -> Path:
    found = sorted(folder.glob(pattern))
    assert len(found) == 1, f"expected one {pattern} in {folder}, found {found}"
    return found[0]


def _fresh_venv(where: Path) -> Path:
    """A new virtual environment without breadline. Its dependencies (typer, rich, PyYAML,
    ruamel.yaml) are borrowed from the test environment through a .pth file, so nothing is
    downloaded; breadline itself is not importable there until a wheel is installed (the test
    environment's editable install works through its own .pth file, which is not read)."""
    _checked(sys.executable, "-m", "venv", "--without-pip", where, cwd=where.parent)
    python = where / "bin" / "python"
    site = _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                cwd=where).stdout.strip()
    borrowed = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(site, "borrowed-dependencies.pth").write_text("\n".join(sorted(borrowed)) + "\n")
    gone = _run(python, "-c", "import breadline", cwd=where)
    assert gone.returncode != 0, "breadline is importable in the fresh environment before the install"
    return python


def _clean_env() -> dict:
    drop = ("PYTHONPATH", "FORCE_COLOR", "CLICOLOR_FORCE", "VIRTUAL_ENV", "PYTHONHOME")
    return {k: v for k, v in os.environ.items() if k not in drop}


def test_the_wheel_carries_every_data_file(dist):
    names = zipfile.ZipFile(_one(dist, "breadline-*.whl")).namelist()
    words = sorted(p.name for p in (ROOT / "src" / "breadline" / "words").glob("*.txt"))
    assert words, "no word lists in the source tree"
    for name in words:
        assert f"breadline/words/{name}" in names
    for name in ("result.schema.json", "starter.yaml"):
        assert f"breadline/data/{name}" in names
    assert all(n.startswith(("breadline/", "breadline-")) for n in names), "files outside the package"
    assert not any("tests/" in n for n in names)


def test_the_sdist_holds_what_a_build_needs(dist):
    sdist = _one(dist, "breadline-*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {n.split("/", 1)[1] for n in archive.getnames() if "/" in n}
    for needed in ("pyproject.toml", "README.md", "LICENSE", "src/breadline/__init__.py",
                   "src/breadline/words/chores.txt", "src/breadline/data/result.schema.json"):
        assert needed in names, f"{needed} is missing from {sdist.name}"


def test_the_wheel_runs_from_a_fresh_environment(dist, tmp_path):
    python = _fresh_venv(tmp_path / "venv")
    wheel = _one(dist, "breadline-*.whl")
    _checked(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index",
             "--disable-pip-version-check", "--quiet", wheel, cwd=tmp_path)
    breadline = tmp_path / "venv" / "bin" / "breadline"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(ROOT / "examples" / "sprint.yaml", elsewhere / "sprint.yaml")
    env = _clean_env()

    where = _checked(python, "-c", "import breadline; print(breadline.__file__)", cwd=elsewhere, env=env)
    assert Path(where.stdout.strip()).is_relative_to(tmp_path / "venv"), where.stdout

    version = _checked(breadline, "--version", cwd=elsewhere, env=env)
    assert version.stdout.strip() == f"breadline {__version__}"

    audit = _run(breadline, "audit", "sprint.yaml", cwd=elsewhere, env=env)
    assert audit.returncode == 1, audit.stderr  # the demo sprint has superfluous items
    assert "superfluous" in audit.stdout and "GRW-31" in audit.stdout
    assert "are superfluous" in audit.stderr

    rules = _checked(breadline, "rules", cwd=elsewhere, env=env)
    assert "BL101" in rules.stdout and "BL604" in rules.stdout

    schema = _checked(breadline, "schema", cwd=elsewhere, env=env)
    assert '"schema_version"' in schema.stdout

    _checked(breadline, "init", cwd=elsewhere, env=env)
    assert (elsewhere / "backlog.yaml").read_text(encoding="utf-8").startswith("#")


# -- the repository stands alone ---------------------------------------------------------------

def _tracked_files() -> list[Path]:
    if not (ROOT / ".git").exists() or shutil.which("git") is None:
        pytest.skip("not a git checkout (an unpacked sdist): no list of tracked files")
    listed = _checked("git", "ls-files", "-z", cwd=ROOT).stdout.split("\0")
    return [ROOT / name for name in listed if name and (ROOT / name).is_file()]


MACHINE_PATH = re.compile(r"(?<![\w.])(/work/|/root/|/home/\w|/Users/\w|[A-Z]:\\\\Users\\\\|/tmp/[\w.-]+/)")
OUT_OF_REPO = re.compile(r"(?:^|[\s(\"'`=\[])\.\./")

# Addresses of this repository's own test data (real tracker items quote their authors' paths),
# where a path is the material being tested rather than a reference.
QUOTED_MATERIAL = ("tests/data/real/", "tests/data/trackers/", "bench/results.md")


def test_no_machine_paths_and_no_references_out_of_the_repository():
    offenders = []
    for path in _tracked_files():
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith(QUOTED_MATERIAL) or relative == "tests/test_packaging.py":
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for number, line in enumerate(text.splitlines(), 1):
            if MACHINE_PATH.search(line) or OUT_OF_REPO.search(line):
                offenders.append(f"{relative}:{number}: {line.strip()[:120]}")
    assert not offenders, "paths outside the repository:\n" + "\n".join(offenders)


def test_readme_links_stay_inside_the_repository_or_go_to_public_addresses():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)\s]+)\)", readme):
        if target.startswith(("https://", "http://", "#", "mailto:")):
            continue
        assert (ROOT / target.split("#")[0]).exists(), f"README links to a missing file: {target}"


def _pinned_revisions() -> list[tuple[str, str, str]]:
    """(where, revision, file the revision must hold) for every pinned revision we document."""
    pins = []
    for name in ("README.md", ".pre-commit-hooks.yaml"):
        text = (ROOT / name).read_text(encoding="utf-8")
        pins += [(name, rev, "action.yml") for rev in re.findall(r"breadline/breadline@([\w.]+)", text)]
        pins += [(name, rev, ".pre-commit-hooks.yaml") for rev in re.findall(r"\brev: ([\w.]+)", text)]
        pins += [(name, rev, "pyproject.toml")
                 for rev in re.findall(r"breadline/breadline/archive/([\w.]+)\.tar\.gz", text)]
    return pins


def test_documented_revisions_exist_in_the_repository():
    _tracked_files()
    if _run("git", "rev-parse", "--is-shallow-repository", cwd=ROOT).stdout.strip() == "true":
        pytest.skip("a shallow clone does not hold the history the examples pin")
    pins = _pinned_revisions()
    assert len(pins) >= 4, pins  # action, GitLab install, pre-commit in the README; the hook file
    for where, rev, needed in pins:
        found = _run("git", "cat-file", "-e", f"{rev}:{needed}", cwd=ROOT)
        assert found.returncode == 0, f"{where} pins {rev}, which is not a revision holding {needed}"


def test_the_readme_install_line_installs(tmp_path):
    """The GitLab example installs from the repository's archive at a pinned commit: the same
    archive `git archive` makes here, installed as pip installs that address."""
    _tracked_files()
    if _run("git", "rev-parse", "--is-shallow-repository", cwd=ROOT).stdout.strip() == "true":
        pytest.skip("a shallow clone does not hold the history the examples pin")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = re.findall(r"pip install (https://github\.com/breadline/breadline/archive/(\w+)\.tar\.gz)",
                       readme)
    assert lines, "the README's CI example has no install line from the repository"
    for _, rev in lines:
        archive = tmp_path / f"{rev}.tar.gz"
        _checked("git", "archive", "--format=tar.gz", f"--prefix=breadline-{rev}/", "-o", archive, rev,
                 cwd=ROOT)
        python = _fresh_venv(tmp_path / f"venv-{rev}")
        _checked(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index",
                 "--no-build-isolation", "--disable-pip-version-check", "--quiet", archive, cwd=tmp_path)
        version = _checked(tmp_path / f"venv-{rev}" / "bin" / "breadline", "--version", cwd=tmp_path,
                           env=_clean_env())
        assert version.stdout.startswith("breadline ")


def test_the_wheel_carries_the_report_templates(dist):
    names = zipfile.ZipFile(_one(dist, "breadline-*.whl")).namelist()
    templates = sorted(p.name for p in (ROOT / "src" / "breadline" / "formats" / "templates").iterdir()
                       if p.is_file())
    assert "report.html.j2" in templates
    for name in templates:
        assert f"breadline/formats/templates/{name}" in names
