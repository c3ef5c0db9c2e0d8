"""The iCal subscription feed: a user's habits and goal deadlines as a calendar (docs/calendar.md)."""
