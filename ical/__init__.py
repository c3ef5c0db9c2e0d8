"""The iCal subscription feed: habits and goal deadlines as a calendar (docs/calendar.md)."""
