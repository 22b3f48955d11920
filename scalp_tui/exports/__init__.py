"""Exports for other programs: ICS for calendars, CSV for spreadsheets."""
