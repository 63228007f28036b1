"""``python -m tui`` is the ``udpeg`` command (``python -m registry`` is the same without the UI)."""

from tui.launch import main

main()
