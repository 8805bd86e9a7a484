"""The `timeline` command line: a thin layer over the library.

`app` holds the Typer app, the global options and the one place where errors become exit codes;
`options` declares the options commands share; `console` opens the store and writes stdout and
stderr; `reading`, `checking` and `building` hold one family of commands each; `completion`
gives the shell its values.
"""
