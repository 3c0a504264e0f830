"""The list as published: the official list's columns, importing a new list (text, xlsx, docx) and merging it,
and the spreadsheets and Word files in the list's own format (every cell through `cells`)."""
