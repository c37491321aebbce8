"""Phrase matching: one automaton pass per document, boundary checks, done/negated/planned."""
