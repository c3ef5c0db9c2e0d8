"""Per-habit stats and the overview: computed from instances, cached in Redis."""
