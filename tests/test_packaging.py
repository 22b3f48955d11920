"""The install ``make run`` does (issue 21, case 22): quiet, and still a plain .pth line.

The first ``make run`` printed setuptools' "compat editable installs" deprecation warning: the
Makefile asked for ``editable_mode=compat`` to get a .pth line instead of an import hook.
Setuptools writes that line in its default mode when the packages are found from the project's
root (``package-dir = {"" = "."}``), so no mode is asked for. (Checked by hand with setuptools
84.2.1: no warning, ``__editable__.scalp_tui-0.1.0.pth`` names the checkout, no finder module.)
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_make_run_asks_for_no_deprecated_editable_mode():
    makefile = (ROOT / "Makefile").read_text()
    assert "editable_mode" not in makefile
    installs = [
        line for line in makefile.splitlines() if "pip install" in line and "$(EDITABLE)" in line
    ]
    assert installs and re.search(r"^EDITABLE := -e$", makefile, re.MULTILINE)


def test_the_packages_are_found_from_the_root_so_an_editable_install_is_a_pth_line():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    setuptools = project["tool"]["setuptools"]
    assert setuptools["package-dir"] == {"": "."}
    assert setuptools["packages"]["find"]["include"] == ["scalp_tui*"]
