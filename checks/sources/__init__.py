"""Reference sources behind one Protocol (see ``base.Source``)."""
