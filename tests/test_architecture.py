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
