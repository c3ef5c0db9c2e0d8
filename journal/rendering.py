"""A note's markdown as HTML that is safe to show: rendered by Python-Markdown, then cleaned by
nh3 (the Ammonia sanitiser), so no script, handler or style written in the note reaches a page."""

import markdown
import nh3

# Ammonia's safe defaults, without images: a remote image in a note would tell its server
# when the owner reads their journal.
ALLOWED_TAGS = frozenset(nh3.ALLOWED_TAGS - {"img"})


def note_html(note: str) -> str:
    if not note:
        return ""
    html = markdown.markdown(note, extensions=["sane_lists", "nl2br"], output_format="html")
    return nh3.clean(html, tags=set(ALLOWED_TAGS), link_rel="noopener noreferrer nofollow")
