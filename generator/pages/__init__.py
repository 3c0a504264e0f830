"""Model → pages: every generated page as a value (`page.Page`), made by one module per kind of page, with the
escaping discipline (`escape`), the search index and the HTML fragments. Engine-neutral: no MkDocs here."""
