"""routec: a compiler and linter for LLM routing configs."""

__version__ = "0.1.0"
