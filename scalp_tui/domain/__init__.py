"""The pure core: no Textual, no TinyDB, no I/O, no clock reads."""
