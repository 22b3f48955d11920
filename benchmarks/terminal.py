"""Run a command in a real terminal (tmux) and watch what it paints.

The pane is opened by a tmux *control-mode* client (``tmux -C``), which hands us every byte the
program writes as it arrives (``%output`` lines). Seeing a marker costs nothing: no screen is
polled, so no process is spawned every few milliseconds on a two-core machine to compete with
the program being timed. A marker's time is the arrival of the output that completed it.
"""

from __future__ import annotations

import itertools
import os
import shlex
import subprocess
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

_counter = itertools.count()


@dataclass
class Pane:
    name: str
    launched: float
    client: subprocess.Popen[bytes]
    #: Everything the program wrote, as tmux escapes it (control characters as octal).
    output: bytearray = field(default_factory=bytearray)
    #: (length of ``output`` after a chunk, when that chunk arrived)
    arrivals: list[tuple[int, float]] = field(default_factory=list)
    changed: threading.Condition = field(default_factory=threading.Condition)
    #: Set once tmux says the session exists (its first %session-changed).
    ready: threading.Event = field(default_factory=threading.Event)

    def _read(self) -> None:
        assert self.client.stdout is not None
        for line in self.client.stdout:
            if line.startswith(b"%session-changed"):
                self.ready.set()
            if not line.startswith(b"%output "):
                continue
            data = line.rstrip(b"\n").split(b" ", 2)[2]
            with self.changed:
                self.output += data
                self.arrivals.append((len(self.output), time.perf_counter()))
                self.changed.notify_all()

    @property
    def pid(self) -> int:
        """The program's process (asked of tmux when needed, not while it starts)."""
        found = subprocess.run(
            ["tmux", "display-message", "-p", "-t", self.name, "#{pane_pid}"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        return int(found)

    def text(self) -> str:
        """What the pane shows now (for error messages)."""
        return subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.name],
            capture_output=True,
            text=True,
            check=False,
        ).stdout

    def wait_for(self, marker: str, timeout: float = 30.0) -> float:
        """Seconds from launch until the program has written ``marker``."""
        wanted = marker.encode()
        deadline = time.perf_counter() + timeout
        with self.changed:
            while (at := self.output.find(wanted)) < 0:
                left = deadline - time.perf_counter()
                if left <= 0:
                    raise TimeoutError(f"{marker!r} never appeared in {self.name}:\n{self.text()}")
                self.changed.wait(left)
            end = at + len(wanted)
            arrived = next(when for length, when in self.arrivals if length >= end)
        return arrived - self.launched

    def keys(self, *keys: str) -> None:
        for key in keys:
            subprocess.run(["tmux", "send-keys", "-t", self.name, key], check=True)
            time.sleep(0.15)

    def cpu_seconds(self) -> float:
        with open(f"/proc/{self.pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        return (int(fields[11]) + int(fields[12])) / ticks  # utime + stime

    def peak_rss_kib(self) -> int:
        with open(f"/proc/{self.pid}/status") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        raise RuntimeError("no VmHWM")

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], check=False)
        try:
            self.client.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.client.kill()


def launch(
    argv: Sequence[str], size: tuple[int, int] = (100, 30), env: dict[str, str] | None = None
) -> Pane:
    name = f"bench{os.getpid()}x{next(_counter)}"
    command = "exec " + " ".join(shlex.quote(a) for a in argv)
    extra = [f"{k}={v}" for k, v in (env or {}).items()]
    if extra:
        command = "exec env " + " ".join(map(shlex.quote, extra)) + " " + command[5:]
    launched = time.perf_counter()
    client = subprocess.Popen(
        ["tmux", "-C", "new-session", "-s", name, "-x", str(size[0]), "-y", str(size[1]), command],
        stdin=subprocess.PIPE,  # a control client lives while its stdin is open
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    pane = Pane(name, launched, client)
    threading.Thread(target=pane._read, daemon=True).start()
    # Two clients started at once when no tmux server runs race to start one, and lose; the
    # next launch waits until this one's session exists (tmux tells the client; nothing polls).
    if not pane.ready.wait(10) or client.poll() is not None:
        pane.close()
        raise RuntimeError(f"tmux could not open a session for {list(argv)}")
    return pane
