"""Plan -> .ics feeds (events, calendars, the previous publication)."""
