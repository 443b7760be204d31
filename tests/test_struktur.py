"""The code structure rules of the developers' guide, read from the source with ``ast``.

Apps depend downward: rapporter → insatser/ekonomi → forbund → finsam, never back.
insatser and ekonomi stand on one floor, and only insatser may use ekonomi (an insats
points at its ledger object and reads its costs; the ledger never needs the insatser:
the SIE import reaches them through ``ekonomi.signals``). Every import counts, also one
made lazily inside a function. Run ``python -m pytest tests/test_struktur.py`` to list
the offenders.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: An app may import the apps on a lower floor (and those named in SIDLEDES).
VANING = {"finsam": 0, "forbund": 1, "ekonomi": 2, "insatser": 2, "rapporter": 3}
SIDLEDES = {("insatser", "ekonomi")}

#: The project package's wiring, which sits above every app by its nature: the URLconf
#: and settings name every app, the demo and backup commands load and dump all of them,
#: and the systemadministratör's pages (``system/``) manage every förbund. The rest of
#: ``finsam`` is the base layer the apps build on and imports none of them.
PROJEKTET = (
    "finsam/settings.py",
    "finsam/urls.py",
    "finsam/asgi.py",
    "finsam/wsgi.py",
    "finsam/demo.py",
    "finsam/backup.py",
    "finsam/management/",
    "finsam/system/",
)


def _importer(path: Path):
    """(line, module) of every absolute import in ``path``, at any depth of the file."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module


def _uppat() -> list[str]:
    fel = []
    for app, vaning in VANING.items():
        for path in sorted((ROOT / app).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if "/migrations/" in rel or rel.startswith(PROJEKTET):
                continue
            for rad, modul in _importer(path):
                mal = modul.split(".")[0]
                if mal == app or mal not in VANING:
                    continue
                if VANING[mal] < vaning or (app, mal) in SIDLEDES:
                    continue
                fel.append(f"{rel}:{rad}: {app} importerar {modul}")
    return fel


def test_apps_import_only_downward():
    assert _uppat() == []


def test_the_walker_sees_lazy_imports(tmp_path):
    fil = tmp_path / "lat.py"
    fil.write_text(
        "def f():\n    from rapporter.models import Rapport\n    import ekonomi.models\n"
    )
    assert list(_importer(fil)) == [(2, "rapporter.models"), (3, "ekonomi.models")]
