"""scalp-tui: a terminal companion for at-home scalp microneedling."""

__version__ = "0.1.0"
