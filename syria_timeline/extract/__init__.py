"""A draft store from an Arabic article of the "dated milestones" genre (أبرز المحطات).

Rules for the genre and for Arabic, one family a module: `dates` (the date reader),
`segmentation` (sentences, and the clauses dates belong to), `places` (gazetteer names in
running text), `sides` (who took what from whom) and `drafting` (which dated clauses are
events, one event per happening, and the draft store they make).
"""
