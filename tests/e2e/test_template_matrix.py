"""Every template of the generated matrix builds every locale, and LibreOffice finds 0 problems.

For each template of ``tests/fixtures/make_template_matrix.py``: ``deck template init`` writes
the mapping, the deck is built in every locale of deck.yaml and qps-ploc (no
``--allow-overflow``: text that cannot fit fails the build), and the render check runs on
every deck.
"""

from __future__ import annotations

import pytest

from .conftest import ROOT, need_soffice
from ..fixtures.make_template_matrix import MATRIX, make_template
from generator.build import build
from generator.check.render_check import check_decks
from generator.locales import PSEUDO_LOCALE
from generator.options import BuildOptions
from generator.output.writer import write_atomic
from generator.template.init import init_template

pytestmark = [pytest.mark.slow, pytest.mark.render]


@pytest.mark.parametrize("spec", MATRIX, ids=[spec.name for spec in MATRIX])
def test_every_locale_builds_and_renders_without_problems(spec, tmp_path):
    need_soffice()
    template_dir = init_template(make_template(spec, tmp_path / f"{spec.name}.pptx"), tmp_path / "template",
                                 write_atomic)[1]
    result = build(BuildOptions(ROOT / "content", tmp_path / "build", (PSEUDO_LOCALE,), all_locales=True,
                                template_dir=template_dir, project_dir=ROOT))
    assert len(result.outputs) == 12
    problems = [f"{report.deck.name} slide {problem.slide} {problem.shape!r} {problem.kind}: {problem.detail}"
                for report in check_decks(result.outputs, with_images=False) for problem in report.problems]
    assert problems == []
