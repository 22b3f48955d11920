"""The walls between rooms: the domain and the store never load Textual or Rich; the CLI's
commands never load Textual."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def loaded_modules(code: str) -> set[str]:
    probe = code + "\nimport sys\nprint('\\n'.join(sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return set(out.split())


def test_domain_and_store_do_not_import_textual_or_rich():
    mods = loaded_modules(
        "import pkgutil, importlib, scalp_tui.domain, scalp_tui.store\n"
        "for pkg in (scalp_tui.domain, scalp_tui.store):\n"
        "    for m in pkgutil.iter_modules(pkg.__path__):\n"
        "        importlib.import_module(f'{pkg.__name__}.{m.name}')"
    )
    assert "scalp_tui.domain.regimen" in mods and "scalp_tui.store.repository" in mods
    assert not {m for m in mods if m.split(".")[0] in {"textual", "rich"}}


def test_domain_does_not_import_tinydb():
    mods = loaded_modules(
        "import pkgutil, importlib, scalp_tui.domain\n"
        "for m in pkgutil.iter_modules(scalp_tui.domain.__path__):\n"
        "    importlib.import_module(f'scalp_tui.domain.{m.name}')"
    )
    assert "scalp_tui.domain.matching" in mods
    assert not {m for m in mods if m.split(".")[0] in {"tinydb", "filelock", "platformdirs"}}


def test_cli_commands_do_not_import_textual(tmp_path):
    mods = loaded_modules(
        "from scalp_tui.cli import main\n"
        f"main(['--db', {str(tmp_path / 'db.json')!r}, 'status', '--json'])"
    )
    assert "scalp_tui.commands" in mods
    assert not {m for m in mods if m.split(".")[0] == "textual"}


def test_reading_for_the_first_screen_imports_neither_tinydb_nor_filelock(tmp_path):
    """Start-up reads the whole file through the storage; TinyDB and the lock wait for a write."""
    db = tmp_path / "db.json"
    setup = (
        "from pathlib import Path\n"
        "from scalp_tui.factory import open_repository\n"
        "from scalp_tui.sample import seed_sample\n"
        f"seed_sample(open_repository(Path({str(db)!r})))\n"
    )
    subprocess.run([sys.executable, "-c", setup], check=True)
    mods = loaded_modules(
        "from pathlib import Path\n"
        "from scalp_tui.factory import open_repository\n"
        f"repo = open_repository(Path({str(db)!r}))\n"
        "assert repo.sessions() and repo.plans() and repo.settings()"
    )
    assert "scalp_tui.store.repository" in mods
    assert not {m for m in mods if m.split(".")[0] in {"tinydb", "filelock"}}


#: The repository's writes: only the operations (scalp_tui/actions.py) and the store call them.
REPOSITORY_WRITES = {
    "transaction", "save_settings", "update_settings", "save_plan", "remove_plan",
    "add_session", "update_session", "edit_session", "delete_session", "restore_session",
    "save_checklist", "save_active_session", "clear_active_session", "replace_all",
    "add_photo", "remove_photo",
}  # fmt: skip


def test_one_door_for_writes_no_screen_or_command_writes_to_the_store_itself():
    """Issue 22: History called the repository's delete itself, setup opened a transaction,
    the app updated settings, the CLI's plan wrote outside the operations."""
    import ast

    doors = [ROOT / "scalp_tui" / "commands.py", ROOT / "scalp_tui" / "session_control.py"]
    doors.append(ROOT / "scalp_tui" / "photo_commands.py")
    doors += sorted((ROOT / "scalp_tui" / "ui").rglob("*.py"))
    found = []
    for path in doors:
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in REPOSITORY_WRITES
            ):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.func.attr}")
    assert "scalp_tui/ui/screens/history.py" in {str(p.relative_to(ROOT)) for p in doors}
    assert found == []


def test_each_screen_stylesheet_is_nested_under_its_screen_type():
    """Issue 22: a screen's CSS_PATH applies to the whole app once loaded: after the session
    screen opened, session.tcss's bare #prompt, #lines, #advice styled every screen. Each
    stylesheet is one block under the type of the screen that loads it."""
    import re

    screens = ROOT / "scalp_tui" / "ui" / "screens"
    loaded = {}
    for path in screens.glob("*.py"):
        source = path.read_text()
        for match in re.finditer(r'CSS_PATH = "(\w+\.tcss)"', source):
            owner = re.findall(r"^class (\w+)\(", source[: match.start()], re.M)[-1]
            loaded[match.group(1)] = owner
    assert "session.tcss" in loaded
    for sheet in sorted(screens.glob("*.tcss")):
        text = re.sub(r"/\*.*?\*/", "", sheet.read_text(), flags=re.S).strip()
        owner = loaded[sheet.name]
        assert text.startswith(f"{owner} {{") and text.endswith("}"), sheet.name
        depth, start = 0, text.index("{")
        for i, char in enumerate(text[start:], start):
            depth += {"{": 1, "}": -1}.get(char, 0)
            assert depth > 0 or i == len(text) - 1, f"{sheet.name}: a rule outside {owner}"


def module_sources() -> dict[str, Path]:
    return {
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"): path
        for path in (ROOT / "scalp_tui").rglob("*.py")
    }


def test_no_module_is_over_400_lines():
    """Issue 22: five modules did several jobs each (the session screen had 582 lines)."""
    long = {
        name: n
        for name, path in module_sources().items()
        if (n := len(path.read_text().splitlines())) > 400
    }
    assert long == {}


def test_no_import_circle_at_module_level():
    """The modules' top-level imports (not those inside functions, which wait for first use,
    nor TYPE_CHECKING ones) form no circle."""
    import ast

    sources = module_sources()
    graph: dict[str, set[str]] = {}
    for name, path in sources.items():
        edges = graph.setdefault(name, set())
        for node in ast.parse(path.read_text()).body:
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            edges.update(t for t in targets if t in sources and t != name)
    seen: dict[str, int] = {}  # 1 on the path, 2 done

    def visit(name: str, path: list[str]) -> None:
        seen[name] = 1
        for other in sorted(graph[name]):
            assert seen.get(other) != 1, " -> ".join([*path, name, other])
            if other not in seen:
                visit(other, [*path, name])
        seen[name] = 2

    for name in sorted(graph):
        if name not in seen:
            visit(name, [])


def test_no_constant_is_defined_in_two_modules():
    """Issue 22: SOUND_MODES, MAX_STROKES_PER_PASS and others were defined two or three times."""
    import ast
    from collections import defaultdict

    defined: dict[str, list[str]] = defaultdict(list)
    for name, path in module_sources().items():
        for node in ast.parse(path.read_text()).body:
            names = []
            if isinstance(node, ast.Assign):
                names = [t.id for t in node.targets if isinstance(t, ast.Name)]
            elif (
                isinstance(node, ast.AnnAssign) and node.value and isinstance(node.target, ast.Name)
            ):
                names = [node.target.id]
            for constant in names:
                if constant.lstrip("_").isupper() and len(constant.lstrip("_")) > 1:
                    defined[constant].append(name)
    assert {k: v for k, v in defined.items() if len(v) > 1} == {}
