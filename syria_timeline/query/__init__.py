"""Questions asked of a store, as pure functions: no printing, no exits.

`filters` keeps events (`list`'s options), `names` turns what a person typed into places,
actors, types and events, `counts` counts and follows who held a place, `text` is the
spelling-blind word search.
"""

from syria_timeline.query.counts import (
    SUMMARY_KEYS,
    Count,
    Holder,
    control_history,
    counts_within,
    event_counts,
    last_holders,
    period_key,
    summarize,
)
from syria_timeline.query.filters import (
    Filters,
    TextFilter,
    make_filters,
    select,
    select_stored,
    text_filter,
)
from syria_timeline.query.names import (
    find_event,
    place_filter,
    resolve_actor,
    resolve_place,
    resolve_type,
)

__all__ = ["SUMMARY_KEYS", "Count", "Filters", "Holder", "TextFilter", "control_history",
           "counts_within", "event_counts", "find_event", "last_holders", "make_filters",
           "period_key", "place_filter", "resolve_actor", "resolve_place", "resolve_type",
           "select", "select_stored", "summarize", "text_filter"]
