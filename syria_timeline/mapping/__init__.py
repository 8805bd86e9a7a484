"""Maps of who took what: `state` works out what a map shows, `svg` and `page` draw it.

Nothing here is imported by any command but `map`: the outlines and the drawing code stay
off the other commands' start-up.
"""
