"""Outcome and programme-figure URLs (included into the placements namespace)."""

urlpatterns: list = []
