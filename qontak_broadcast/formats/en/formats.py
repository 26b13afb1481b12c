# How the product writes dates in English: day first, as its Indonesian teams read them ("01 Mar 2026, 08:30").
DATE_FORMAT = "d M Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "d M Y, H:i:s"
SHORT_DATE_FORMAT = "d M Y"
SHORT_DATETIME_FORMAT = "d M Y, H:i"
