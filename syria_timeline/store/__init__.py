"""Stores on disk: loading and checking them, and what makes large ones fast.

`loading` opens a store (the bundled one or a user's) and decides how; `checks` is the full
check and `fastcheck` its msgspec twin for large stores; `large` reads events lazily by offset;
`opening` checks and indexes a large store in one pass (`building` writes the index, its rows
inserted by a second process: `inserter`) and runs its `validate` a chunk at a time
(`streaming`); `index` is the SQLite index behind large stores, kept in the user's
cache, and `words` its text index for `--text`; `sources` proves quotes against their source
texts; `schema` is the JSON Schema made from the declarations.
"""
