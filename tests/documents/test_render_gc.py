"""The garbage collector is paused while a PDF is made and collects once after it
(ADR 0113): no automatic collection during the render, the state as before afterwards,
also after a failure and with two threads rendering at once."""

import gc
import threading

import pytest

from documents.render import FONT_FAMILY, PdfError, collection_paused, render_pdf

PAGE = (
    '<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>試験</title>'
    f'<style>html {{ font-family: "{FONT_FAMILY}"; }}</style></head><body>{{}}</body></html>'
)


def document(paragraphs: int = 400) -> str:
    return PAGE.replace("{}", "".join(f"<p>段落{n}の本文。</p>" for n in range(paragraphs)))


class Collections:
    """Counts the collections (gc.callbacks) while it is entered."""

    def __init__(self):
        self.started = []

    def __call__(self, phase, info):
        if phase == "start":
            self.started.append(info["generation"])

    def __enter__(self):
        gc.callbacks.append(self)
        return self

    def __exit__(self, *exc):
        gc.callbacks.remove(self)


def test_a_render_runs_without_automatic_collections_and_collects_once_after():
    render_pdf(document(10))  # fonts and stylesheets loaded outside the count
    with Collections() as unpaused:
        objects = [[n] for n in range(200_000)]  # many young objects: collections happen
    del objects
    assert unpaused.started  # the counting works

    with Collections() as paused:
        render_pdf(document())

    assert paused.started == [2]  # only the full collection after the render


def test_the_collector_state_is_restored_after_a_render_and_after_a_failure(monkeypatch):
    threshold, frozen = gc.get_threshold(), gc.get_freeze_count()
    render_pdf(document(5))
    assert gc.isenabled() and gc.get_threshold() == threshold
    assert gc.get_freeze_count() == frozen

    def broken(*args, **kwargs):
        assert not gc.isenabled()
        raise RuntimeError("layout exploded")

    monkeypatch.setattr("weasyprint.HTML.render", broken)
    with pytest.raises(PdfError):
        render_pdf(document(5))
    assert gc.isenabled() and gc.get_freeze_count() == frozen


def test_a_collector_disabled_by_the_caller_stays_disabled():
    gc.disable()
    try:
        with collection_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_two_threads_rendering_at_once_enable_the_collector_after_the_last_one():
    inside = threading.Barrier(2)
    states = []

    def work():
        with collection_paused():
            inside.wait(timeout=10)  # both are inside
            states.append(gc.isenabled())
            inside.wait(timeout=10)  # neither has left yet

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)

    assert states == [False, False]
    assert gc.isenabled()
