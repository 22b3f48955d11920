"""Snapshots are the same on every machine: each sees a sound player (the setup form of a new
database offers the sound this machine can play, tones or the bell)."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(autouse=True)
def a_sound_player(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path_factory.mktemp("player")
    player = folder / "aplay"  # never run: the tests' sound is the bell (tests/conftest.py)
    player.write_text("#!/bin/sh\nexit 0\n")
    player.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")
