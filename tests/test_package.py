"""The package as a user installs it: the bundled glossary is a real file inside the
package, and the built wheel and sdist each install into a clean virtual environment
and scan a document there.

The build and install tests are slow (about a minute together) and marked ``slow``, but
they run in the normal test command. Building needs setuptools from the package index
(pip's configured index or its cache is enough); the clean environments get termcheck's
own dependencies from the environment running the tests (through a ``.pth`` line), so
no dependency is downloaded, while termcheck itself comes only from the built file.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SKIP = {".git", ".venv", "build", "dist", "__pycache__", ".pytest_cache", ".hypothesis", "artifacts"}

SAMPLE = "The Load Shaping System runs nightly and Tranche 2 starts later.\n"


def test_bundled_glossary_is_a_real_file_inside_the_package():
    from termcheck.glossary.bundled import bundled_glossary

    path = bundled_glossary()
    assert path == ROOT / "termcheck" / "data" / "mhhs.yaml"
    assert path.is_file() and not path.is_symlink()
    assert path.read_text(encoding="utf-8").lstrip().startswith("#")


def test_no_symbolic_link_is_tracked_in_the_package():
    """A checkout without symbolic links (git's default on Windows) must still install a
    working package: nothing under termcheck/ may be a link in git."""
    if not (ROOT / ".git").exists() or shutil.which("git") is None:
        pytest.skip("not a git checkout")
    out = subprocess.run(["git", "ls-files", "-s", "termcheck"], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout
    links = [line.split("\t", 1)[1] for line in out.splitlines() if line.startswith("120000")]
    assert links == []


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """sdist and wheel built by ``python -m build`` from a copy of the source tree (so the
    checkout gets no build leftovers)."""
    pytest.importorskip("build")
    top = tmp_path_factory.mktemp("pkg")
    src = top / "src"
    shutil.copytree(ROOT, src, ignore=lambda d, names: [n for n in names if n in SKIP or n.endswith(".egg-info")])
    out = top / "dist"
    proc = subprocess.run([sys.executable, "-m", "build", "--outdir", str(out), str(src)],
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return {"wheel": next(out.glob("termcheck-*.whl")), "sdist": next(out.glob("termcheck-*.tar.gz"))}


def _clean_venv(where: Path) -> Path:
    """A new virtual environment whose only link to ours is a ``.pth`` line naming our
    site-packages, after its own: dependencies resolve there, termcheck must not (the
    editable install's hooks live in ``.pth`` files, which a ``.pth`` line does not run)."""
    venv.EnvBuilder(with_pip=False, clear=True).create(where)  # our pip installs into it (--python)
    py = where / "bin" / "python"
    purelib = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    ours = sysconfig.get_paths()["purelib"]
    Path(purelib, "zz_termcheck_test_deps.pth").write_text(ours + "\n", encoding="utf-8")
    return py


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["wheel", "sdist"])
def test_built_package_installs_and_scans(kind, built, tmp_path):
    artefact = built[kind]
    if kind == "sdist":
        import tarfile

        with tarfile.open(artefact) as tar:
            member = tar.getmember(f"{artefact.name[:-len('.tar.gz')]}/termcheck/data/mhhs.yaml")
            assert member.isfile(), "the sdist must hold the glossary as a regular file"
    else:
        import zipfile

        with zipfile.ZipFile(artefact) as whl:
            assert whl.getinfo("termcheck/data/mhhs.yaml").file_size > 1000
    py = _clean_venv(tmp_path / "venv")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    pip = [sys.executable, "-m", "pip", "--python", str(py)]
    proc = subprocess.run([*pip, "install", "-q", "--no-deps", str(artefact)],
                          capture_output=True, text=True, env=env, timeout=900)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    check = subprocess.run([*pip, "check"], capture_output=True, text=True, env=env)
    assert check.returncode == 0, check.stdout + check.stderr  # every declared dependency is met

    work = tmp_path / "work"
    work.mkdir()
    (work / "note.txt").write_text(SAMPLE, encoding="utf-8")
    where = subprocess.run([str(py), "-c", "import termcheck; print(termcheck.__file__)"], cwd=work,
                           capture_output=True, text=True, env=env, check=True).stdout.strip()
    assert Path(where).is_relative_to(tmp_path / "venv"), where  # the installed copy, not the checkout
    scan = subprocess.run([str(tmp_path / "venv" / "bin" / "termcheck"), "scan", "note.txt", "--format", "concise",
                           "--vocabulary", "strategy"], cwd=work, capture_output=True, text=True, env=env, timeout=300)
    assert scan.returncode == 1, scan.stdout + scan.stderr
    assert "note.txt:1:5: error vocabulary-mismatch" in scan.stdout
    assert "deprecated-term" in scan.stdout and scan.stderr == ""
