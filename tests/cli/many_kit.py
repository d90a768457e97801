"""Three short articles about one flood, for the many-source command tests.

A (Valley Wire) and C (State Radio) agree on the death toll; B (Daily Globe) gives 14 and its
own words; A and B report the rescue, which C leaves out; A and C report the rain forecast,
which B leaves out; B and C each have one passage no other source has.
"""

from __future__ import annotations

from pathlib import Path

ARTICLES = {
    "a.txt": """Title: Floods hit the valley
Outlet: Valley Wire
Date: 2024-05-06

The ministry said 12 people died in the floods on Monday.

Rescue teams reached the village of Dorna after two days.

Prime Minister Ana Silva called the floods "a national tragedy".

The weather service expects more rain on Thursday.
""",
    "b.txt": """Title: Deadly floods in the valley
Outlet: Daily Globe
Date: 2024-05-07

Officials said 14 people died in the floods on Monday.

Rescue teams reached the village of Dorna after three days.

Prime Minister Ana Silva called the floods "a terrible tragedy".

Schools in the region will reopen next week.
""",
    "c.txt": """Title: Valley floods
Outlet: State Radio

The ministry said 12 people died in the floods on Monday.

President Marek Novak called the floods "a national tragedy".

The weather service expects more rain on Thursday.

Insurance companies promised quick payments to farmers.
""",
}


def write_articles(folder: Path) -> list[Path]:
    """The three articles as files in ``folder``, in order A, B, C."""
    paths = []
    for name, text in ARTICLES.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
