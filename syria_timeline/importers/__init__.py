"""Dataset exports (ACLED, UCDP GED) read as stores.

`layouts` knows each dataset's columns and code tables and turns one row into one event;
`places` and `actors` match a dataset's names to the gazetteer and the actor lexicon; `run`
streams the CSV and writes the store whole.
"""
