"""Fuzzing routec: the atheris target and the harness the tests share."""
