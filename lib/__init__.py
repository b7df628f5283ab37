"""Shared data library of the Kutai Timur poverty dashboard: everything testable without a browser."""
