"""Fuzzing harness (see run.py); not part of the normal test run."""
