# Bokmål: 2. mars 2027 (long) and 2. mar 2027 (short, in tables), with the 24-hour clock.
DATE_FORMAT = "j. F Y"
DATETIME_FORMAT = "j. F Y H:i"
SHORT_DATE_FORMAT = "j. b Y"
SHORT_DATETIME_FORMAT = "j. b Y H:i"
TIME_FORMAT = "H:i"
