"""Udpeg's headless core: model, persistence, terms, rules, reports and the CLI.

Nothing is imported here, so ``udpeg --version`` starts as fast as Python itself.
"""

__version__ = "0.1.0"
