"""Persistence: TinyDB with atomic, locked writes. Knows nothing of screens."""
