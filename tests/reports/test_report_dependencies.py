"""reports/ renders core objects only: it never imports Streamlit, plotly or the app's ui/ package."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

BLOCKER = """
import sys, importlib.abc
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in {'streamlit', 'plotly', 'ui'}:
            raise ImportError('blocked: ' + name)
sys.meta_path.insert(0, Block())
import pkgutil, importlib, reports, reports.sections
mods = ['reports.' + m.name for m in pkgutil.iter_modules(reports.__path__)]
mods += ['reports.sections.' + m.name for m in pkgutil.iter_modules(reports.sections.__path__)]
for m in mods:
    importlib.import_module(m)
print('ok', len(mods))
"""


def test_every_report_module_imports_with_streamlit_plotly_and_ui_blocked():
    proc = subprocess.run([sys.executable, "-c", BLOCKER], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("ok ") and int(proc.stdout.split()[1]) >= 15
