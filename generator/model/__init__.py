"""Data → model: the data files read and checked (every problem with file:line), the law library, the one URL
scheme, and the site model (`site.load_site`) that everything after it reads."""
