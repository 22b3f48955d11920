"""The app's modes that are built when first opened (not at start-up): each factory imports
its screen's module only when called."""

from __future__ import annotations

from textual.screen import Screen


def checklist_screen() -> Screen[None]:
    from scalp_tui.ui.screens.checklist import ChecklistScreen

    return ChecklistScreen()


def history_screen() -> Screen[None]:
    from scalp_tui.ui.screens.history import HistoryScreen

    return HistoryScreen()


def photos_screen() -> Screen[None]:
    """Photos: loads Pillow and textual-image with it."""
    from scalp_tui.ui.screens.photos import PhotosScreen

    return PhotosScreen()
