"""Steps on a built site, whatever engine built it: fill the fragments, assemble the print page, tidy the
theme's leftovers, and check that every link resolves and nothing is loaded from outside."""
