"""Rule families (domain.md §6) and the numeric rule sets they use."""
