# Bahasa Indonesia writes the time with a full stop ("01 Mar 2026, 08.30"); month names come from Django's catalogue.
DATE_FORMAT = "d M Y"
TIME_FORMAT = "H.i"
DATETIME_FORMAT = "d M Y, H.i.s"
SHORT_DATE_FORMAT = "d M Y"
SHORT_DATETIME_FORMAT = "d M Y, H.i"
