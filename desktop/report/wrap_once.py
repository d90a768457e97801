"""``WrapOnce``: a Paragraph that breaks its lines once per width.

``BriefingDoc`` builds in several passes (``multiBuild``: three, usually) and lays the same story
objects out in each; breaking lines is most of the time a long briefing takes, and a paragraph
in the single-column frame breaks the same way in every pass. The many-source briefing, made of
hundreds of short paragraphs, uses it for its passages, locators and notes. The line breaks of a
paragraph are kept with the width they were computed for; another width breaks them anew.
"""

from __future__ import annotations

from reportlab.platypus import Paragraph


class WrapOnce(Paragraph):
    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab)
        cached = self.__dict__.get("_wrapped")
        if cached is not None and cached[0] == availWidth:
            _, self.width, self.height, self.blPara, self._wrapWidths = cached
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        if "blPara" in self.__dict__:
            self._wrapped = (availWidth, self.width, self.height, self.blPara, self._wrapWidths)
        return size
