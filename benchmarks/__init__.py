"""Benchmarks of govmodel at country scale (not part of the installed package).

``synthetic`` generates seeded, valid country-scale decision sets; ``baselines`` holds the
naive-replay and SQLite comparisons; ``run`` measures and prints the table.
"""
