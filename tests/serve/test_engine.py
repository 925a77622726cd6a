"""The build engine of ``deck serve``: the first build with previews, then PPTX only, every locale each time."""

from __future__ import annotations

from generator.options import BuildOptions
from generator.serve.engine import BuildEngine


def test_the_engine_builds_every_locale_with_previews_first_then_pptx_only(tmp_path):
    calls = []
    engine = BuildEngine(calls.append, BuildOptions(tmp_path / "content", tmp_path / "out", pdf=True))
    engine.build_all()
    engine.rebuild({tmp_path / "content" / "figures.yaml"})
    assert [(o.all_locales, o.pdf, o.png) for o in calls] == [(True, True, True), (True, False, False)]
