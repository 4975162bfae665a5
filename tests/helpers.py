"""Shared test data."""

# A two-vocabulary glossary (alpha, beta) small enough to reason about in a test.
ALPHA_BETA_GLOSSARY = """\
format: termcheck-glossary/1
title: Test glossary
vocabularies:
  alpha: {title: Alpha documents}
  beta: {title: Beta documents}
concepts:
  - id: lss
    alpha: {preferred: Load Shaping System}
    beta: {preferred: Load Shaping Service}
  - id: wave
    all: {preferred: Wave, deprecated: [Tranche]}
  - id: pit
    all: {preferred: Pre-Integration Testing}
  - id: dip
    all: {preferred: Data Integration Platform, acronym: DIP}
"""


# The head of a glossary with two vocabularies, a and b: a test appends its concepts.
AB_HEAD = """\
format: termcheck-glossary/1
title: t
vocabularies:
  a: {title: A}
  b: {title: B}
concepts:
"""
