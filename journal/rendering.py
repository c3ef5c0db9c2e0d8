"""A note's markdown as HTML that is safe to show: rendered by Python-Markdown, then cleaned by
nh3 (the Ammonia sanitiser), so no script, handler or style written in the note reaches a page.

Rendering is a pure function of the note, and a list page renders 20 of them on every read:
`markdown.markdown()` builds a whole new parser for each call, which was 40% of the time of
`GET /api/journal/entries/` (docs/performance.md, issue 11 fourth pass). So each thread keeps one
parser (reset between notes, as Python-Markdown documents for reuse; a parser is not safe to
share between threads), and recent notes are kept rendered: a bounded cache, so at most
RENDERED_NOTES notes of NOTE_MAX_LENGTH characters each (a few tens of MB) per process.
"""

import functools
import threading

import markdown
import nh3

# Ammonia's safe defaults, without images: a remote image in a note would tell its server
# when the owner reads their journal.
ALLOWED_TAGS = frozenset(nh3.ALLOWED_TAGS - {"img"})
RENDERED_NOTES = 2048

_local = threading.local()


def _parser() -> markdown.Markdown:
    parser = getattr(_local, "parser", None)
    if parser is None:
        parser = _local.parser = markdown.Markdown(
            extensions=["sane_lists", "nl2br"], output_format="html"
        )
    return parser


@functools.lru_cache(maxsize=RENDERED_NOTES)
def note_html(note: str) -> str:
    if not note:
        return ""
    html = _parser().reset().convert(note)
    return nh3.clean(html, tags=set(ALLOWED_TAGS), link_rel="noopener noreferrer nofollow")
