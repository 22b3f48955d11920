"""Every operation all or nothing (issue 12, PRODUCT.md section 5), with real processes.

A forked child repeats one operation in a tight loop, each iteration a whole operation, and
acknowledges each on a pipe; the parent waits for the first acknowledgement, sleeps a random
1-40 ms and sends SIGKILL. After every kill the file must hold exactly the old or the new state
of the operation that was under way, and the next open must work. Every round starts from the
same base file (the sample user), so a broken round does not spill into the next.

Forking the test process skips an interpreter start-up per kill. The child opens its own
Repository (no lock is shared across the fork), does only file I/O and leaves with os._exit;
everything it needs is imported, and its code paths run once, in the parent before it forks.

A second group injects a failure part-way through each operation: the exception must leave
the file byte-identical.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import random
import select
import signal
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import cycle
from pathlib import Path
from typing import Any

import pytest

from scalp_tui import actions
from scalp_tui.commands import load_status
from scalp_tui.domain.checklist import ChecklistItem
from scalp_tui.domain.clock import FakeClock
from scalp_tui.domain.records import SessionStatus
from scalp_tui.domain.regimen import Plan, Preset, make_plan
from scalp_tui.domain.session import GuidedSession
from scalp_tui.domain.settings import Settings
from scalp_tui.domain.steps import SessionConfig
from scalp_tui.factory import open_repository
from scalp_tui.sample import seed_sample
from scalp_tui.store import backup as backup_module
from scalp_tui.store import repository as repository_module
from scalp_tui.store.backup import export_backup, parse_backup, restore_backup
from scalp_tui.store.errors import WriteFailed
from scalp_tui.store.repository import Repository
from tests.fixed import NOW, TODAY
from tests.sessions import roll_to_finish

#: Real processes killed, seconds each: make test-fast leaves them out.
pytestmark = pytest.mark.slow

KILLS = 50  # per operation
SEED = 20261123
SLEEP_S = (0.001, 0.040)  # after the child's first acknowledged operation
FIRST_ACK_TIMEOUT_S = 10.0
CHILD_LIMIT_S = 20.0  # a child the parent failed to kill stops by itself

PLAN_START = dt.date(2026, 10, 4)  # the sample user's plan starts here
PLAN_A = make_plan(PLAN_START, 0.5, Preset.RAMP, (6, 2))  # the sample's own plan
PLAN_B = make_plan(PLAN_START, 1.0, Preset.WEEKLY, (6, 2))

Export = dict[str, Any]
Work = Callable[[Repository, Callable[[str], None]], None]


# -- the kill harness ------------------------------------------------------------------------
@dataclass
class Kill:
    """One round: what the child acknowledged before SIGKILL, and how it ended."""

    acked: list[str]
    killed: bool  # by our SIGKILL, while still working (not exited, not failed)
    child_errors: list[str]


def _read_first_line(fd: int, timeout: float) -> bytes:
    """Bytes from ``fd`` up to and including a newline; less at EOF or timeout."""
    buffer = b""
    deadline = time.monotonic() + timeout
    while b"\n" not in buffer:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            break
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        buffer += chunk
    return buffer


def _read_rest(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 65536):
        chunks.append(chunk)
    return b"".join(chunks)


def _child(path: Path, work: Work, write_fd: int) -> None:
    """In the forked child: repeat ``work`` until killed; never returns."""
    code = 1
    try:

        def ack(token: str) -> None:
            os.write(write_fd, token.encode() + b"\n")  # one line, under PIPE_BUF: atomic

        repo = open_repository(path)
        deadline = time.monotonic() + CHILD_LIMIT_S
        while time.monotonic() < deadline:
            work(repo, ack)
        code = 0
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.write(write_fd, f"!{exc!r}".replace("\n", " ").encode()[:400] + b"\n")
    finally:
        os._exit(code)


def kill_during(path: Path, work: Work, rng: random.Random) -> Kill:
    """Fork a child repeating ``work`` on ``path``; SIGKILL it a random moment after its first
    acknowledged operation."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        _child(path, work, write_fd)
    os.close(write_fd)
    try:
        first = _read_first_line(read_fd, FIRST_ACK_TIMEOUT_S)
        if first.endswith(b"\n") and not first.startswith(b"!"):
            time.sleep(rng.uniform(*SLEEP_S))
        os.kill(pid, signal.SIGKILL)  # a child that already exited is a zombie: no error
        _, status = os.waitpid(pid, 0)
        lines = (first + _read_rest(read_fd)).decode().splitlines()
    finally:
        os.close(read_fd)
    errors = [line[1:] for line in lines if line.startswith("!")]
    killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL and not errors
    return Kill([line for line in lines if not line.startswith("!")], killed, errors)


@dataclass
class Tally:
    """Rounds whose file broke the promise, for one operation."""

    operation: str
    rounds: int = 0
    acked: int = 0
    broken: list[tuple[int, list[str]]] = field(default_factory=list)

    def record(self, kill: Kill, problems: list[str]) -> None:
        self.rounds += 1
        self.acked += len(kill.acked)
        if not kill.killed:
            problems = [f"the child was not killed while working: {kill.child_errors}", *problems]
        if problems:
            self.broken.append((self.rounds, problems))

    def check(self) -> None:
        assert self.rounds >= KILLS
        assert self.acked >= self.rounds  # every child completed operations before its kill
        kinds = Counter(p.split(":")[0] for _, problems in self.broken for p in problems)
        details = "; ".join(f"round {n}: {', '.join(p)}" for n, p in self.broken[:3])
        assert not self.broken, (
            f"{len(self.broken)} of {self.rounds} kills during {self.operation} broke the "
            f"promise ({self.acked} operations acknowledged); by kind: {dict(kinds)}; {details}"
        )


def rounds(path: Path, base: bytes) -> Iterator[int]:
    """KILLS rounds, each starting from the base file (no child is alive when it is reset)."""
    for n in range(KILLS):
        path.write_bytes(base)
        yield n


def next_open(path: Path, clock: FakeClock, problems: list[str]) -> Repository | None:
    """Open the file as the next launch would and compute the status; None when that fails."""
    try:
        repo = open_repository(path)
        load_status(repo, clock)
        return repo
    except Exception as exc:
        problems.append(f"the next open failed: {exc!r}")
        return None


def without(export: Export, session_ids: set[str]) -> Export:
    """``export`` without the sessions ``session_ids`` and their checklists."""
    return {
        **export,
        "sessions": [s for s in export["sessions"] if s["id"] not in session_ids],
        "checklists": [c for c in export["checklists"] if c["session_id"] not in session_ids],
    }


# -- fixtures ----------------------------------------------------------------------------------
@pytest.fixture
def kill_clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
def base(tmp_path: Path) -> tuple[Path, bytes]:
    """The sample user's database and its bytes: a plan (PLAN_A), settings, past sessions."""
    path = tmp_path / "data" / "scalp.json"
    seed_sample(open_repository(path))
    return path, path.read_bytes()


def config() -> SessionConfig:
    return SessionConfig.from_settings(Settings(), 0.5)


def start_session(repo: Repository, clock: FakeClock) -> GuidedSession:
    """A session past its safety check, its in-progress copy saved, as the app does."""
    run = GuidedSession(config(), clock, actions.new_id())
    run.confirm_safety(clock.now())
    repo.save_active_session(run.snapshot(clock.now()))
    return run


def finish(run: GuidedSession) -> None:
    roll_to_finish(run)
    run.set_redness(0)


# -- (a) plan replacement ---------------------------------------------------------------------
def test_a_kill_during_plan_replacement_leaves_the_old_plan_or_the_new(base, kill_clock):
    path, base_bytes = base
    repo = open_repository(path)
    state_a = export_backup(repo, NOW)
    repo.save_plan(PLAN_B)  # also runs the child's code path once before any fork
    state_b = export_backup(open_repository(path), NOW)
    assert state_a != state_b

    def replace_plan(plans: Iterator[tuple[str, Plan]]) -> Work:
        def work(repo: Repository, ack: Callable[[str], None]) -> None:
            name, plan = next(plans)
            repo.save_plan(plan)
            ack(name)

        return work

    rng = random.Random(SEED)
    tally = Tally("plan replacement")
    for _ in rounds(path, base_bytes):
        kill = kill_during(path, replace_plan(cycle([("B", PLAN_B), ("A", PLAN_A)])), rng)
        problems: list[str] = []
        opened = next_open(path, kill_clock, problems)
        if opened is not None:
            plans = opened.plans()
            if not plans:
                problems.append("no plan at all")
            elif plans not in ([PLAN_A], [PLAN_B]):
                problems.append(f"plans {plans}")
            elif export_backup(opened, NOW) not in (state_a, state_b):
                problems.append("neither the old state nor the new")
            elif load_status(opened, kill_clock).phase is None:
                problems.append("the status sees no plan")
        tally.record(kill, problems)
    tally.check()


# -- (b) log for today ------------------------------------------------------------------------
def test_a_kill_during_log_for_today_never_leaves_a_session_without_its_checklist(base, kill_clock):
    path, base_bytes = base
    base_state = export_backup(open_repository(path), NOW)
    base_ids = {s["id"] for s in base_state["sessions"]}
    assert all(s["date"] != TODAY.isoformat() for s in base_state["sessions"])
    actions.log_session(open_repository(path), TODAY, TODAY)  # the child's path, once

    def log_today(repo: Repository, ack: Callable[[str], None]) -> None:
        ack(actions.log_session(repo, TODAY, TODAY).id)

    rng = random.Random(SEED + 1)
    tally = Tally("log for today")
    for _ in rounds(path, base_bytes):
        kill = kill_during(path, log_today, rng)
        problems: list[str] = []
        opened = next_open(path, kill_clock, problems)
        if opened is not None:
            sessions = {s.id: s for s in opened.sessions()}
            new = set(sessions) - base_ids
            checklists = {c.session_id: c for c in opened.checklists()}
            if not set(kill.acked) <= new:
                problems.append("an acknowledged session is missing")
            if len(new) not in (len(kill.acked), len(kill.acked) + 1):
                problems.append(f"{len(new)} new sessions for {len(kill.acked)} acknowledged")
            if any(sessions[i].date != TODAY for i in new):
                problems.append("a new session is not dated today")
            lacking = sorted(new - set(checklists))
            if lacking:
                problems.append(f"{len(lacking)} session(s) logged today without a checklist")
            if any(checklists[i].ticks for i in new & set(checklists)):
                problems.append("a new checklist is not open")
            if without(export_backup(opened, NOW), new) != base_state:
                problems.append("the rest of the data changed")
        tally.record(kill, problems)
    tally.check()


# -- (c) a session's end ----------------------------------------------------------------------
def test_a_kill_during_a_sessions_end_never_leaves_it_both_recorded_and_in_progress(
    base, kill_clock
):
    path, base_bytes = base
    base_state = export_backup(open_repository(path), NOW)
    base_ids = {s["id"] for s in base_state["sessions"]}

    def start_and_end(repo: Repository, ack: Callable[[str], None]) -> None:
        run = start_session(repo, kill_clock)
        finish(run)
        ack(actions.end_session(repo, run, kill_clock.now()).id)

    start_and_end(open_repository(path), lambda _: None)  # the child's path, once

    rng = random.Random(SEED + 2)
    tally = Tally("a session's end")
    for _ in rounds(path, base_bytes):
        kill = kill_during(path, start_and_end, rng)
        problems: list[str] = []
        opened = next_open(path, kill_clock, problems)
        if opened is not None:
            sessions = {s.id: s for s in opened.sessions()}
            new = set(sessions) - base_ids
            checklists = {c.session_id: c for c in opened.checklists()}
            active = opened.active_session()
            if active is not None and active.id in sessions:
                problems.append("a session both recorded and in progress")
            if not set(kill.acked) <= new:
                problems.append("an acknowledged session is missing")
            if len(new) not in (len(kill.acked), len(kill.acked) + 1):
                problems.append(f"{len(new)} new sessions for {len(kill.acked)} acknowledged")
            if any(sessions[i].status is not SessionStatus.COMPLETED for i in new):
                problems.append("a new session is not completed")
            lacking = sorted(new - set(checklists))
            if lacking:
                problems.append(f"{len(lacking)} session(s) recorded without a checklist")
            if any(ChecklistItem.SERUM not in checklists[i].ticks for i in new & set(checklists)):
                problems.append("a new checklist lost its serum tick")
            if without(export_backup(opened, NOW), new) != base_state:
                problems.append("the rest of the data changed")
            if active is not None:  # what the app's "Record as aborted" does at the next launch
                try:
                    actions.abort_interrupted(opened, active, kill_clock)
                except Exception as exc:
                    problems.append(f"recording the interrupted session failed: {exc!r}")
                else:
                    after = open_repository(path)
                    if after.active_session() is not None:
                        problems.append("the interrupted session is still in progress")
        tally.record(kill, problems)
    tally.check()


# -- (d) import --replace ---------------------------------------------------------------------
def backup_b(tmp_path: Path) -> Export:
    """A backup unlike the sample's: another plan, other settings, a session logged today."""
    repo = open_repository(tmp_path / "other" / "scalp.json")
    seed_sample(repo)
    repo.save_plan(PLAN_B)
    repo.save_settings(Settings(serum_name="Panthenol spray", confident=True, disclaimer_seen=True))
    actions.log_session(repo, TODAY, TODAY, note="from the other backup", redness=1)
    actions.log_session(repo, dt.date(2026, 11, 21), TODAY)
    return export_backup(repo, NOW)


def test_a_kill_during_import_replace_leaves_the_old_data_or_the_new(base, kill_clock, tmp_path):
    path, base_bytes = base
    state_a = export_backup(open_repository(path), NOW)
    state_b = backup_b(tmp_path)
    assert state_a != state_b
    files = {"A": tmp_path / "a.json", "B": tmp_path / "b.json"}
    files["A"].write_text(json.dumps(state_a))
    files["B"].write_text(json.dumps(state_b))

    def import_replace(names: Iterator[str]) -> Work:
        def work(repo: Repository, ack: Callable[[str], None]) -> None:
            name = next(names)  # read and parsed every time, as `scalp-tui import` does
            restore_backup(repo, parse_backup(json.loads(files[name].read_bytes())), replace=True)
            ack(name)

        return work

    import_replace(iter("B"))(open_repository(path), lambda _: None)  # the child's path, once
    assert export_backup(open_repository(path), NOW) == state_b  # a restore is exact

    rng = random.Random(SEED + 3)
    tally = Tally("import --replace")
    for _ in rounds(path, base_bytes):
        kill = kill_during(path, import_replace(cycle("BA")), rng)
        problems: list[str] = []
        opened = next_open(path, kill_clock, problems)
        if opened is not None:
            state = export_backup(opened, NOW)
            if state not in (state_a, state_b):
                problems.append("neither backup A nor backup B")
            if opened.active_session() is not None:
                problems.append("a session in progress appeared")
        tally.record(kill, problems)
    tally.check()


# -- a failure part-way through writes nothing ------------------------------------------------
def disk_full(*args: object, **kwargs: object) -> None:
    raise OSError(28, "No space left on device")


def test_a_failure_during_plan_replacement_writes_nothing(base, monkeypatch):
    path, base_bytes = base
    repo = open_repository(path)
    # Fails after the old plan is removed (today: already written), before the new one is added.
    monkeypatch.setattr(repository_module, "plan_to_doc", disk_full)
    with pytest.raises(OSError, match="No space left"):
        repo.save_plan(PLAN_B)
    monkeypatch.undo()
    assert path.read_bytes() == base_bytes
    assert open_repository(path).plans() == [PLAN_A]


def test_a_failure_during_log_writes_nothing(base, monkeypatch):
    path, base_bytes = base
    repo = open_repository(path)
    monkeypatch.setattr(Repository, "save_checklist", disk_full)
    with pytest.raises(OSError, match="No space left"):
        actions.log_session(repo, TODAY, TODAY)
    monkeypatch.undo()
    assert path.read_bytes() == base_bytes
    assert all(s.date != TODAY for s in open_repository(path).sessions())


@pytest.mark.parametrize("failing", ["save_checklist", "clear_active_session"])
def test_a_failure_during_a_sessions_end_writes_nothing(base, kill_clock, monkeypatch, failing):
    path, _ = base
    repo = open_repository(path)
    run = start_session(repo, kill_clock)
    finish(run)
    before = path.read_bytes()
    monkeypatch.setattr(Repository, failing, disk_full)
    with pytest.raises(OSError, match="No space left"):
        actions.end_session(repo, run, kill_clock.now())
    monkeypatch.undo()
    assert path.read_bytes() == before
    reopened = open_repository(path)
    active = reopened.active_session()
    assert active is not None and active.id == run.id
    assert run.id not in {s.id for s in reopened.sessions()}


@pytest.mark.parametrize("where", ["mapping", "replace"])
def test_a_failure_during_import_writes_nothing(base, monkeypatch, tmp_path, where):
    path, base_bytes = base
    backup = parse_backup(backup_b(tmp_path))
    repo = open_repository(path)
    if where == "mapping":  # the last table's records, after the others are mapped
        monkeypatch.setattr(backup_module, "checklist_to_doc", disk_full)
    else:  # the disk fills at the moment the file would be replaced
        monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises((OSError, WriteFailed), match="No space left"):  # WriteFailed: wrapped
        restore_backup(repo, backup, replace=True)
    monkeypatch.undo()
    assert path.read_bytes() == base_bytes
    assert sorted(p.name for p in path.parent.iterdir()) == ["scalp.json", "scalp.json.lock"]
