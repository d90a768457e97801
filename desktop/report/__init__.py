"""PDF briefings built with reportlab (no Qt). The entry point is ``briefing.build_briefing``.

- ``briefing``: ``build_briefing`` and ``BriefingOptions`` (defined in ``options``); atomic writing
- ``cover`` / ``body``: the sections as flowables; ``context``: what they share while building
- ``content``: the figures and choices computed from a comparison (no reportlab)
- ``markup`` / ``styles``: Paragraph markup with font fallback; fonts, colours, paragraph styles
- ``flowables``: the side-by-side pair that breaks across pages, self-bookmarking headings, the
  overview figure
- ``annotations``: the canvas that turns laid-out word runs into Highlight/Text annotations
- ``document``: page templates, header/footer, outline/TOC, reproducible multi-pass build
- ``references``: the adapter to ``desktop.core.cite``
"""
