"""``build/index.html``: every locale with its thumbnail, downloads, coverage and figures date.

Plain HTML and CSS, relative links only, so it reads offline from an unzipped CI artifact.
"""

from __future__ import annotations

from pathlib import Path

from babel import Locale, UnknownLocaleError
from jinja2 import Environment

from .writer import write_atomic

INDEX = "index.html"

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ manifest.title }} – downloads</title>
<style>
  body { font-family: Arial, "Liberation Sans", sans-serif; margin: 2rem auto; max-width: 72rem; color: #333d47;
         padding: 0 1rem; }
  h1 { color: #1f3a5f; font-size: 1.6rem; margin-bottom: .2rem; }
  .meta { color: #6b7785; font-size: .9rem; margin-bottom: 2rem; }
  .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(20rem, 1fr)); gap: 1.5rem; }
  .card { border: 1px solid #d5dde6; border-radius: 6px; overflow: hidden; background: #fff; }
  .card img { width: 100%; display: block; border-bottom: 1px solid #d5dde6; }
  .card .body { padding: .8rem 1rem 1rem; }
  .card h2 { font-size: 1.1rem; margin: 0 0 .4rem; color: #1f3a5f; }
  .links a { display: inline-block; margin: .2rem .6rem .2rem 0; color: #0e7c7b; font-weight: bold; }
  .facts { font-size: .85rem; color: #6b7785; margin: .4rem 0 0; }
</style>
</head>
<body>
<h1>{{ manifest.title }}</h1>
<p class="meta">Built {{ manifest.built_at }}{% if manifest.git_commit %} from commit
<code>{{ manifest.git_commit[:12] }}</code>{% endif %} · figures as of {{ manifest.figures_as_of.newest or "—" }}
· <a href="manifest.json">manifest.json</a></p>
<div class="grid">
{% for item in locales %}
  <section class="card" lang="{{ item.lang }}">
    {% if item.thumbnail %}<a href="{{ item.sheet or item.thumbnail }}"><img src="{{ item.thumbnail }}"
      alt="First slide of the {{ item.name }} deck"></a>{% endif %}
    <div class="body">
      <h2>{{ item.name }}{% if item.native and item.native != item.name %} · <span dir="auto">{{ item.native }}</span>{% endif %}</h2>
      <div class="links">
        {% for label, href in item.links %}<a href="{{ href }}">{{ label }}</a>{% endfor %}
      </div>
      <p class="facts">{{ item.slides }} slides · translation {{ item.coverage }} · figures as of {{ item.figures }}</p>
    </div>
  </section>
{% endfor %}
</div>
</body>
</html>
"""


def locale_names(tag: str) -> tuple[str, str]:
    """English and native names of a locale tag (the pseudo-locale has no Babel data)."""
    try:
        locale = Locale.parse(tag.replace("-", "_"))
        return locale.get_display_name("en"), locale.get_display_name(locale)
    except (UnknownLocaleError, ValueError):
        return ("Pseudo-locale (layout test)" if tag == "qps-ploc" else tag), ""


def write_index(out_dir: Path, manifest: dict, names: dict[str, tuple[str, str]] | None = None) -> Path:
    """Write the page; ``names`` has the (English, native) names of locales already looked up."""
    names = names or {}
    items = []
    for locale in manifest["locales"]:
        files = [f for f in manifest["files"] if f["locale"] == locale]
        by_kind = {}
        for entry in files:
            by_kind.setdefault(entry["kind"], []).append(entry)
        name, native = names[locale] if locale in names else locale_names(locale)
        links = [(label, by_kind[kind][0]["path"]) for label, kind in
                 (("PowerPoint", "pptx"), ("PDF", "pdf"), ("All slides", "contact-sheet")) if kind in by_kind]
        pngs = by_kind.get("png", [])
        first = next((f for f in files if f["kind"] in ("pptx", "pdf")), {})
        coverage = first.get("coverage")
        items.append({
            "lang": locale, "name": name, "native": native, "links": links,
            "thumbnail": pngs[0]["path"] if pngs else None,
            "sheet": by_kind["contact-sheet"][0]["path"] if "contact-sheet" in by_kind else None,
            "slides": first.get("slides", "?"),
            "coverage": "—" if coverage is None else f"{coverage:.0f}%",
            "figures": (first.get("figures_as_of") or {}).get("newest") or "—",
        })
    html = Environment(autoescape=True).from_string(PAGE).render(manifest=manifest, locales=items)
    path = Path(out_dir) / INDEX
    write_atomic(path, html.encode("utf-8"))
    return path
