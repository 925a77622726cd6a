"""The JSON Schemas editors use are generated from the loader's models and match the content."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator.schema import MODELINE, schema_for, schema_texts

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
FILES = [CONTENT / "deck.yaml", CONTENT / "figures.yaml", *sorted((CONTENT / "slides").glob("*.yaml"))]


def validator_for(path: Path) -> jsonschema.Draft202012Validator:
    schema_path = (path.parent / schema_for(path, CONTENT)).resolve()
    return jsonschema.Draft202012Validator(json.loads(schema_path.read_text(encoding="utf-8")))


def as_json(path: Path):
    return json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))


def test_committed_schemas_are_the_generated_ones():
    for name, text in schema_texts().items():
        assert (CONTENT / "schema" / name).read_text(encoding="utf-8") == text, \
            f"content/schema/{name} is out of date: run 'deck schema'"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_content_file_names_and_satisfies_its_schema(path):
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == MODELINE.format(schema_for(path, CONTENT))
    errors = list(validator_for(path).iter_errors(as_json(path)))
    assert errors == []


@pytest.mark.parametrize("change, field", [
    (lambda d: d.update(kind="orgchrat"), "kind"),
    (lambda d: d.update(itemz=["a"]), "itemz"),
    (lambda d: d.pop("notes"), "notes"),
    (lambda d: d.update(items="not a list"), "items"),
])
def test_a_wrong_slide_fails_the_schema(change, field):
    path = CONTENT / "slides" / "01-iso-introduction.yaml"
    data = as_json(path)
    change(data)
    errors = list(validator_for(path).iter_errors(data))
    assert errors, f"the schema accepted a slide with a bad '{field}'"


def test_a_wrong_figure_fails_the_schema():
    path = CONTENT / "figures.yaml"
    data = as_json(path)
    data["iso"]["members"]["valeu"] = 163
    assert list(validator_for(path).iter_errors(data))
    data = as_json(path)
    data["iso"]["members"]["value"] = "lots"
    assert list(validator_for(path).iter_errors(data))


def test_modelines_refuse_a_fifo_among_the_slides_instead_of_waiting_on_it(content_copy):
    import os
    import subprocess
    import sys

    os.mkfifo(content_copy / "slides" / "99-pipe.yaml")
    deck = Path(sys.executable).parent / "deck"
    done = subprocess.run([str(deck), "schema", "--content", str(content_copy)], capture_output=True, text=True,
                          timeout=20)
    assert done.returncode == 1, done.stderr
    assert "99-pipe.yaml" in done.stderr and "Traceback" not in done.stderr
