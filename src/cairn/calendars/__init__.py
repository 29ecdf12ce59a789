"""iCalendar (RFC 5545) adapters: busy times in, the plan and reminders out."""
