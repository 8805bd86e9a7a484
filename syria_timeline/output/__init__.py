"""Output: documents for programs, screens for people, and the layout of tables."""
