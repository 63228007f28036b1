"""``python -m registry`` is the ``udpeg`` command without the terminal UI (``python -m tui`` has it)."""

from registry.cli import main

main()
