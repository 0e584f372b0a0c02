"""The dependency rule: the core imports without streamlit, fpdf or plotly."""

import pkgutil
import subprocess
import sys
from pathlib import Path

import readiness

ROOT = Path(__file__).resolve().parent.parent

BLOCKER = """
import sys, importlib.abc
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in {'streamlit', 'fpdf', 'plotly', 'ui', 'reports'}:
            raise ImportError('blocked: ' + name)
sys.meta_path.insert(0, Block())
import importlib
for mod in sys.argv[1:]:
    importlib.import_module(mod)
print('ok', len(sys.argv) - 1)
"""


def test_every_core_module_imports_with_streamlit_fpdf_and_plotly_blocked():
    modules = [f"readiness.{m.name}" for m in pkgutil.iter_modules(readiness.__path__) if m.name != "__main__"]
    assert "readiness.scoring" in modules
    proc = subprocess.run([sys.executable, "-c", BLOCKER, *modules], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"ok {len(modules)}"


def test_import_linter_contracts_hold():
    linter = Path(sys.executable).parent / "lint-imports"
    proc = subprocess.run([str(linter)], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr


PAGE_RULE = """
import ast, pathlib, sys
bad = []
for path in sorted(pathlib.Path('pages').glob('*.py')):
    for node in ast.walk(ast.parse(path.read_text(encoding='utf-8'))):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        for name in names:
            top = name.split('.')[0]
            if top not in {'streamlit', 'ui', 'readiness', 'pandas', '__future__'}:
                bad.append(f"{path}: imports {name}")
            if top == 'reports' or name.startswith(('readiness.store.engine', 'readiness.store.schema', 'sqlalchemy')):
                bad.append(f"{path}: imports {name}")
print('\\n'.join(bad))
"""


def test_pages_use_ui_and_readiness_never_reports_or_the_store_engine():
    proc = subprocess.run([sys.executable, "-c", PAGE_RULE], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "", proc.stdout


def test_the_start_page_imports_no_sqlalchemy():
    """Cold start: what the start page imports (its modules and the frame's) must not load SQLAlchemy;
    the store's heavy half loads on first use only (checked with ``python -X importtime``)."""
    script = "import ui.frame, ui.importer, ui.resume, ui.state, ui.guard, ui.workshop, readiness.store"
    proc = subprocess.run([sys.executable, "-X", "importtime", "-c", script], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    imported = {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines() if "|" in line}
    assert "ui.frame" in imported and "readiness.store.errors" in imported
    assert not [m for m in imported if m.split(".")[0] in ("sqlalchemy", "alembic", "psycopg")]


def test_only_settings_reads_the_environment_and_languages_are_defined_once():
    offenders = []
    for folder in ("readiness", "ui", "pages", "reports"):
        for path in (ROOT / folder).rglob("*.py"):
            if "migrations" in path.parts or path.name == "settings.py":
                continue
            text = path.read_text(encoding="utf-8")
            if "os.environ" in text or "getenv" in text:
                offenders.append(str(path.relative_to(ROOT)))
    assert "os.environ" not in (ROOT / "app.py").read_text(encoding="utf-8")
    assert offenders == []
    definitions = [p for p in ROOT.glob("*/**/*.py") if ".venv" not in p.parts
                   and any(line.startswith(("LANGUAGES =", "LANGUAGES:", "LANGUAGE_NAMES ="))
                           for line in p.read_text(encoding="utf-8").splitlines())]
    assert len(definitions) <= 1, definitions


def test_few_broad_exception_handlers_remain_in_the_faces():
    count = 0
    for folder in ("ui", "pages"):
        for path in (ROOT / folder).rglob("*.py"):
            count += sum(1 for line in path.read_text(encoding="utf-8").splitlines()
                         if "except Exception" in line or "except BaseException" in line)
    assert count <= 3
