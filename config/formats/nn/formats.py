# Nynorsk: the same patterns as bokmål; the month names come from the nynorsk catalogue.
DATE_FORMAT = "j. F Y"
DATETIME_FORMAT = "j. F Y H:i"
SHORT_DATE_FORMAT = "j. b Y"
SHORT_DATETIME_FORMAT = "j. b Y H:i"
TIME_FORMAT = "H:i"
