"""syria-timeline: the Islamic State group's defeats in Syria (2014-2018), from a sourced event store."""

__version__ = "1.2.0"
