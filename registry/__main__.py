"""``python -m registry`` is the ``udpeg`` command."""

from registry.cli import main

main()
