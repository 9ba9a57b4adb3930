"""The exercise app's browser fixtures (one chromium, offline routes, axe) come from the root conftest."""
