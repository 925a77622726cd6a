"""The live preview page: every locale's slides, the build's problems, kept current by server-sent events.

The server draws the page from the current state; the script then listens on ``/events``.
Each message names decks and slides with URLs carrying the file's hash: an image is
reloaded only when its URL differs from the one shown. When the set of decks or a deck's
slide count changes, the page is drawn anew. While the build has errors they replace the
slides, and the slides come back with the first build that succeeds.
"""

from __future__ import annotations

from jinja2 import Environment

from ..output.index_page import locale_names

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Live preview – {{ deck_id }}</title>
<style>
  body { font-family: Arial, "Liberation Sans", sans-serif; margin: 1.5rem; color: #333d47; }
  h1 { color: #1f3a5f; font-size: 1.4rem; margin: 0 0 .3rem; }
  #status { color: #6b7785; font-size: .9rem; margin-bottom: 1rem; min-height: 1.2em; }
  #problems { display: none; border: 2px solid #c0392b; background: #fdecea; padding: .6rem 1rem; margin-bottom: 1rem; }
  #warnings { display: none; border: 1px solid #d4a017; background: #fff8e1; padding: .6rem 1rem; margin-bottom: 1rem; }
  #warnings ul { max-height: 8rem; overflow: auto; }
  #problems li, #warnings li { font-family: monospace; white-space: pre-wrap; margin: .2rem 0; }
  body.failed #problems { display: block; }
  body.failed #decks { display: none; }
  body.warned #warnings { display: block; }
  body.failed #warnings { display: none; }
  section { margin-bottom: 2rem; }
  h2 { font-size: 1.1rem; color: #1f3a5f; margin: 0 0 .4rem; }
  h2 a { font-size: .85rem; font-weight: bold; color: #0e7c7b; margin-left: .8rem; }
  .slides { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: .6rem; }
  .slide { position: relative; border: 1px solid #d5dde6; background: #fff; min-height: 4rem; }
  .slide img { width: 100%; display: block; }
  .slide span { position: absolute; left: .3rem; top: .2rem; font-size: .75rem; color: #6b7785; }
  .slide.stale { outline: 3px solid #d4a017; opacity: .6; }
</style>
</head>
<body data-layout="{{ state.layout }}" class="{{ 'failed' if state.problems }} {{ 'warned' if state.warnings }}">
<h1>Live preview</h1>
<div id="status">{{ state.busy }}</div>
<div id="problems"><strong>The build failed; fix these and save:</strong><ul>
{% for p in state.problems %}<li>{{ p.where }}{% if p.where %}: {% endif %}{{ p.message }}{% if p.hint %}
    hint: {{ p.hint }}{% endif %}</li>{% endfor %}
</ul></div>
<div id="warnings"><strong>Warnings:</strong><ul>
{% for p in state.warnings %}<li>{{ p.where }}{% if p.where %}: {% endif %}{{ p.message }}{% if p.hint %}
    hint: {{ p.hint }}{% endif %}</li>{% endfor %}
</ul></div>
<div id="decks">
{% for tag, deck in state.decks.items() %}
<section id="deck-{{ tag }}" lang="{{ tag }}">
  <h2>{{ names[tag] }}
    <a class="pptx" href="{{ deck.pptx or '' }}">PowerPoint</a>
    {% if deck.pdf %}<a class="pdf" href="{{ deck.pdf }}">PDF</a>{% endif %}</h2>
  <div class="slides">
  {% for number, url in deck.slides.items() %}
    <a class="slide{{ ' stale' if number|int in deck.stale }}" id="slide-{{ tag }}-{{ number }}" href="{{ url or '' }}">
      <img id="img-{{ tag }}-{{ number }}"{% if url %} src="{{ url }}"{% endif %} alt="{{ tag }} slide {{ number }}">
      <span>{{ number }}</span></a>
  {% endfor %}
  </div>
</section>
{% endfor %}
</div>
<p><a href="index.html">index.html</a> · <a href="manifest.json">manifest.json</a></p>
<script>
"use strict";
function list(id, problems) {
  const ul = document.querySelector("#" + id + " ul");
  ul.replaceChildren(...problems.map(p => {
    const li = document.createElement("li");
    li.textContent = (p.where ? p.where + ": " : "") + p.message + (p.hint ? "\\n    hint: " + p.hint : "");
    return li;
  }));
  return problems.length > 0;
}
function apply(state) {
  if (state.layout !== document.body.dataset.layout) { location.reload(); return; }
  document.getElementById("status").textContent = state.busy;
  document.body.classList.toggle("failed", list("problems", state.problems));
  document.body.classList.toggle("warned", list("warnings", state.warnings));
  for (const [tag, deck] of Object.entries(state.decks)) {
    const section = document.getElementById("deck-" + tag);
    if (!section) { location.reload(); return; }
    if (deck.pptx) section.querySelector("a.pptx").setAttribute("href", deck.pptx);
    const pdf = section.querySelector("a.pdf");
    if (pdf && deck.pdf) pdf.setAttribute("href", deck.pdf);
    for (const [number, url] of Object.entries(deck.slides)) {
      const img = document.getElementById("img-" + tag + "-" + number);
      if (url && img.getAttribute("src") !== url) {
        img.setAttribute("src", url);
        img.parentElement.setAttribute("href", url);
      }
    }
    section.querySelectorAll(".slide").forEach(slide => {
      const number = Number(slide.id.split("-").pop());
      slide.classList.toggle("stale", deck.stale.includes(number));
    });
  }
}
const events = new EventSource("/events");
events.addEventListener("state", e => apply(JSON.parse(e.data)));
events.addEventListener("update", e => apply(JSON.parse(e.data)));
</script>
</body>
</html>
"""

_template = Environment(autoescape=True).from_string(PAGE)


def render_page(preview) -> str:
    """The page for the preview's current state."""
    state = preview.snapshot()
    names = {tag: _name(tag) for tag in state["decks"]}
    return _template.render(state=state, names=names, deck_id=preview.deck_id or "deck")


def _name(tag: str) -> str:
    english, native = locale_names(tag)
    return f"{english} · {native}" if native and native != english else english
