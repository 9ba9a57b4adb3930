"""What every content type shares: publication state, languages, translations and old addresses.

Imports no content type; the exercises, workouts and pages apps build on it.
"""
