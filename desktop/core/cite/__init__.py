"""The implementation of citations: CSL rendering (citeproc-py, with the fixes in
``csl_elements`` where it departs from CSL 1.0.1), the style registry, and exports for reference
managers (RIS, BibTeX, CSL-JSON). The public API is ``desktop.core.citations``; import from there.
"""
