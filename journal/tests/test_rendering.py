"""The note renderer keeps one parser per thread and recent notes rendered: neither may change
what a note renders to."""

import threading

import markdown

from journal.rendering import _parser, note_html

NOTES = [
    "A *short* note.",
    "[home]: https://example.com/a\n\nA reference is defined here.",
    "Uses [the link][home] of another note.",  # the other note's reference must not apply
    "1. one\n2. two\n\n- a\n- b",
    "line one\nline two",
]


def _fresh(note: str) -> str:
    return markdown.markdown(note, extensions=["sane_lists", "nl2br"], output_format="html")


def test_a_reused_parser_renders_each_note_as_a_fresh_one_would():
    note_html.cache_clear()
    for note in NOTES * 2:
        assert note_html(note) == _fresh(note)
    assert "href" not in note_html(NOTES[2])


def test_threads_render_with_their_own_parser():
    note_html.cache_clear()
    results, errors = {}, []

    def render(index):
        try:
            for round_ in range(50):
                note = f"{NOTES[index % len(NOTES)]} ({index}, {round_})"
                results[(index, round_)] = (note_html(note), _fresh(note))
        except Exception as error:  # a shared parser fails or mixes notes up
            errors.append(error)

    threads = [threading.Thread(target=render, args=(index,)) for index in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(results) == 400
    assert all(rendered == fresh for rendered, fresh in results.values())


def test_each_thread_keeps_a_parser_of_its_own():
    """The outputs above could match even with one shared parser (the threads rarely interleave
    inside a note); what makes sharing impossible is that no two threads hold the same one."""
    seen = {}

    def hold(index):
        seen[index] = (_parser(), _parser())

    threads = [threading.Thread(target=hold, args=(index,)) for index in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(first is second for first, second in seen.values())  # kept, not rebuilt
    assert len({id(first) for first, _ in seen.values()}) == 4
