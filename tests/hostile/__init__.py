"""The bad-input suite: hostile files, names, rule packs, configurations and command lines
(``cases.py`` writes them, ``run.py`` runs ``audit`` on each and checks the outcome)."""
