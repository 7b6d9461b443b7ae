"""Checked before: published fact-checks (ClaimReview feeds, CSV) and the desk's own
verdicts, matched against every new claim.

- ``parse``: feeds -> ``FactCheck`` items with notes (``fields``: one ClaimReview's fields,
  ``csvfeed``: CSV rows); ``importer``: into the store
  (``checks.store.factchecks`` holds the SQL);
- ``search``: the matcher over fact-checks and desk verdicts, ``bands``: score -> words;
  ``index``: the persisted fact-check index; ``service``: a store's searcher and the
  matches of an article (cached);
- ``ratings``/``adopt``: a published rating onto the verdict scale, the adopted note;
- ``browse``: the Search page's filters; ``cli``: ``factchecks import|list``, ``search``.
"""
