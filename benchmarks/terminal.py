"""Run a command in a real terminal (tmux) and watch what it paints."""

from __future__ import annotations

import itertools
import os
import shlex
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass

_counter = itertools.count()


@dataclass
class Pane:
    name: str
    pid: int
    launched: float

    def text(self) -> str:
        return subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.name],
            capture_output=True,
            text=True,
            check=False,
        ).stdout

    def wait_for(self, marker: str, timeout: float = 30.0) -> float:
        """Seconds from launch until ``marker`` is on the screen."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if marker in self.text():
                return time.perf_counter() - self.launched
            time.sleep(0.002)
        raise TimeoutError(f"{marker!r} never appeared in {self.name}:\n{self.text()}")

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


def launch(
    argv: Sequence[str], size: tuple[int, int] = (100, 30), env: dict[str, str] | None = None
) -> Pane:
    name = f"bench{os.getpid()}x{next(_counter)}"
    command = "exec " + " ".join(shlex.quote(a) for a in argv)
    extra = [f"{k}={v}" for k, v in (env or {}).items()]
    if extra:
        command = "exec env " + " ".join(map(shlex.quote, extra)) + " " + command[5:]
    launched = time.perf_counter()
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", name, "-x", str(size[0]), "-y", str(size[1]), command],
        check=True,
    )
    pid = int(
        subprocess.run(
            ["tmux", "display-message", "-p", "-t", name, "#{pane_pid}"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    return Pane(name, pid, launched)
