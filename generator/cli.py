"""The ``deck`` command: a thin click layer over ``generator.build`` and friends.

User mistakes (``DeckError``) print as ``path:line:col: message`` without a traceback and
exit 1; a command line click cannot parse (a missing argument, an unknown option) exits
``EX_USAGE`` (64, from sysexits.h); anything unexpected prints one "internal error" line and
exits 2. ``--debug`` shows the traceback. Results go to stdout, warnings and errors to stderr.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .errors import ContentError, DeckError, Warnings

EX_USAGE = 64       # sysexits.h: the command was used incorrectly; 2 stays for internal errors


class DeckGroup(click.Group):
    """Turns exceptions into messages and exit codes, once, for every command."""

    def main(self, args=None, *rest, **kwargs):
        """As click's, and the ``deck`` program (run with no ``args``) ends without tearing Python down.

        Once a command has finished, everything is written and closed; Python's own shutdown
        (collecting every object, unloading modules) would add a tenth of a second to each run.
        Called with ``args`` (CliRunner, a script), it returns or raises exactly as click does.
        """
        if args is not None or not kwargs.get("standalone_mode", True):
            return super().main(args, *rest, **kwargs)
        try:
            super().main(args, *rest, **kwargs)
            code = 0
        except SystemExit as exc:
            code = exc.code
        if code is None:
            code = 0
        elif not isinstance(code, int):
            print(code, file=sys.stderr)
            code = 1
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(code)

    def make_context(self, info_name, args, parent=None, **extra):
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as exc:
            exc.exit_code = EX_USAGE
            raise

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:          # a subcommand's arguments, or a command's own check
            exc.exit_code = EX_USAGE
            raise
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except DeckError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            _print_error(exc)
            ctx.exit(1)
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"internal error: {type(exc).__name__}: {exc}", err=True)
            click.echo("run again with 'deck --debug ...' to see the traceback, and report it", err=True)
            ctx.exit(2)


def _print_error(exc: DeckError) -> None:
    if isinstance(exc, ContentError):
        for problem in exc.problems:
            click.echo(f"error: {problem}", err=True)
        count = len(exc.problems)
        click.echo(f"{count} problem{'s' if count != 1 else ''} found; nothing was written", err=True)
    else:
        click.echo(f"error: {exc}", err=True)


def _print_warnings(warnings: Warnings) -> None:
    for problem in warnings:
        click.echo(f"warning: {problem}", err=True)


@click.group(cls=DeckGroup)
@click.option("--debug", is_flag=True, help="Show tracebacks instead of short messages.")
@click.version_option(package_name="iso-casco-deck")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Build the ISO/IEC/CASCO introduction deck from YAML content and a PowerPoint template."""
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


content_option = click.option("--content", "content_dir", type=click.Path(path_type=Path), default=Path("content"),
                              show_default=True, help="The content folder holding deck.yaml.")
template_option = click.option("--template", "template_dir", type=click.Path(path_type=Path), default=None,
                               help="A template folder (template.pptx + mapping.yaml); default: deck.yaml's.")


@main.command()
@content_option
@template_option
@click.option("--locale", "locales", multiple=True, help="A locale to build (repeatable); default: the source language.")
@click.option("--all-locales", is_flag=True, help="Build the source language and every locale of deck.yaml.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("build"), show_default=True)
@click.option("--strict", is_flag=True, help="Fail on warnings (missing figures, untranslated text...).")
@click.option("--allow-overflow", is_flag=True, help="Warn instead of failing when text cannot fit its box.")
@click.option("--pdf", is_flag=True, help="Also write OUT/<deck-id>-<locale>.pdf (LibreOffice, one run for all).")
@click.option("--png", is_flag=True, help="Also write OUT/previews/<locale>/slide-NN.png and contact-sheet.png.")
@click.option("--quiet", "-q", is_flag=True, help="No progress and no warnings; errors only.")
@click.option("--json", "as_json", is_flag=True, help="Print a machine-readable summary on stdout.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
              help="Render locales in N processes side by side (default: the number of CPUs).")
@click.option("--force", is_flag=True,
              help="Build every deck, even those whose inputs are unchanged since the last build in OUT.")
def build(content_dir, template_dir, locales, all_locales, out_dir, strict, allow_overflow, pdf, png, quiet,
          as_json, jobs, force):
    """Write OUT/<deck-id>-<locale>.pptx for each locale, then manifest.json and index.html.

    A deck whose inputs (content, its catalog, template, generator, SOURCE_DATE_EPOCH) are
    unchanged since the build recorded in OUT/manifest.json is not built again: it is
    reported as up to date. --force builds it anyway; the bytes are the same.
    """
    from .build import build as run_build
    from .options import BuildOptions

    options = BuildOptions(content_dir, out_dir, locales=locales, all_locales=all_locales, template_dir=template_dir,
                           strict=strict, allow_overflow=allow_overflow, pdf=pdf, png=png, jobs=jobs, force=force)
    with _ProgressBar(enabled=not quiet and sys.stderr.isatty()) as progress:
        result = run_build(options, progress)
    if not quiet:
        _print_warnings(result.warnings)
    if as_json:
        import json

        from .summary import build_summary

        click.echo(json.dumps(build_summary(result), indent=2, ensure_ascii=False))
    else:
        up_to_date = set(result.up_to_date)
        for path in result.outputs + result.pdfs:
            click.echo(f"up to date: {path}" if path in up_to_date or path.with_suffix(".pptx") in up_to_date
                       else str(path))
        for tag, pngs in result.pngs.items():
            click.echo(f"{pngs[0].parent}/ ({len(pngs)} slides + contact-sheet.png)")
        if result.index:
            click.echo(str(result.index))


class _ProgressBar:
    """A build's progress as a bar on stderr when it is a terminal; silent in logs and with --quiet.

    The build says how many steps it will take once it knows which decks to build.
    """

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.bar = None

    def __enter__(self):
        return self

    def start(self, steps: int) -> None:
        if self.enabled:
            self.bar = click.progressbar(length=steps, label="building", file=sys.stderr,
                                         show_pos=True, item_show_func=lambda item: item)
            self.bar.__enter__()

    def step(self, label: str) -> None:
        if self.bar is not None:
            self.bar.update(1, label)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.__exit__(*exc)
        return False


@main.command()
@content_option
@template_option
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("build"), show_default=True)
@click.option("--allow-overflow", is_flag=True, help="Warn instead of failing when text cannot fit its box.")
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="The port to listen on; 0 picks a free one.")
def serve(content_dir, template_dir, out_dir, allow_overflow, host, port):
    """Serve a page of every locale's slides, rebuilt and reloaded whenever content, a catalog or the template changes.

    Builds every locale (PPTX, PDF, PNG previews) into OUT first; then each change rebuilds
    the decks and redraws only the slides that changed. Build errors show on the page.
    """
    from .options import BuildOptions
    from .serve import ServeOptions, serve as run_server, watched_folders
    from .warm import WarmEngine

    options = BuildOptions(content_dir, out_dir, all_locales=True, template_dir=template_dir,
                           allow_overflow=allow_overflow)
    watched = watched_folders(content_dir, template_dir, options.project_dir)
    run_server(ServeOptions(out_dir, watched, host, port), WarmEngine(options))


@main.command()
@content_option
@template_option
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("build"), show_default=True)
def publish(content_dir, template_dir, out_dir):
    """Write OUT/manifest.json and OUT/index.html for every deck, PDF and preview found in OUT.

    CI builds each locale in its own job; this assembles the combined artifact's description.
    """
    from .build import load_project, publish as write_publication

    project = load_project(content_dir, template_dir)
    stray = Warnings()
    manifest, index = write_publication(Path(out_dir), project, Path.cwd(), template_given=template_dir is not None,
                                        warnings=stray)
    _print_warnings(stray)
    click.echo(str(manifest))
    click.echo(str(index))


@main.command()
@content_option
@click.option("--modelines/--no-modelines", default=True, show_default=True,
              help="Also point every content YAML file at its schema (first-line comment).")
def schema(content_dir, modelines):
    """Write the JSON Schemas of the content files to CONTENT/schema/ for editors."""
    from .schema import SCHEMA_DIR, add_modelines, write_schemas

    for path in write_schemas(content_dir / SCHEMA_DIR):
        click.echo(str(path))
    if modelines:
        changed = add_modelines(content_dir)
        click.echo(f"{len(changed)} content file{'s' if len(changed) != 1 else ''} given a schema modeline")


@main.command()
@content_option
@template_option
@click.option("--strict", is_flag=True, help="Fail on warnings.")
def validate(content_dir, template_dir, strict):
    """Check content, figures and template mapping without writing anything."""
    from .build import load_project

    project = load_project(content_dir, template_dir)
    _print_warnings(project.warnings)
    project.warnings.raise_if_strict(strict)
    click.echo(f"ok: {len(project.deck.slides)} slides, {len(project.deck.figures.figures)} figures, "
               f"template {project.template.pptx_path}")


@main.group(invoke_without_command=True)
@content_option
@click.option("--stale", type=click.IntRange(min=0), default=None, metavar="MONTHS",
              help="List only figures whose as-of date is older than MONTHS months.")
@click.pass_context
def figures(ctx, content_dir, stale):
    """List every figure: value, qualifier, as-of date, source and the slides using it."""
    if ctx.invoked_subcommand is not None:
        ctx.obj["content_dir"] = content_dir
        return
    from .figures_edit import figures_table, stale_figures
    from .load.loader import load_deck

    warnings = Warnings()
    deck = load_deck(content_dir, warnings=warnings)
    if stale is None:
        click.echo(figures_table(deck.figures, deck.figure_usage))
        return
    keys = stale_figures(deck.figures, stale)
    if not keys:
        click.echo(f"no figure is older than {stale} months")
        return
    subset = type(deck.figures)(deck.figures.path, {k: deck.figures[k] for k in keys})
    click.echo(f"{len(keys)} figure{'s' if len(keys) != 1 else ''} older than {stale} months:")
    click.echo(figures_table(subset, deck.figure_usage))


@figures.command("set")
@click.argument("pairs", nargs=-1, required=True, metavar="KEY VALUE [KEY VALUE]...")
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="The date the source gives for the values (default: today).")
@click.option("--source", default=None, help="The URL the values come from.")
@click.pass_context
def figures_set(ctx, pairs, as_of, source):
    """Set figures in figures.yaml, keeping its comments; the file changes only if the deck stays valid.

    Give related figures together so a rule keeps holding, e.g.
    'deck figures set iso.members 163 casco.members.full 121'.
    """
    from .figures_edit import parse_value, set_figures
    from .load.loader import load_deck

    if len(pairs) % 2:
        raise click.UsageError("give figures as KEY VALUE pairs")
    content_dir = ctx.obj["content_dir"]
    changes = [(pairs[i], parse_value(pairs[i + 1])) for i in range(0, len(pairs), 2)]
    previous = set_figures(content_dir, changes, as_of.date() if as_of else None, source,
                           validate=lambda: load_deck(content_dir, warnings=Warnings()))
    for (key, old), typed in zip(previous, pairs[1::2]):
        click.echo(f"{key}: {old} -> {typed}")
    click.echo("figures.yaml is valid")


@main.command()
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option("--exit-code", is_flag=True, help="Exit 1 when the decks differ, like git diff.")
def diff(old, new, exit_code):
    """Show the text, table and chart-data changes between two built decks."""
    from .diff import diff_decks

    lines = diff_decks(old, new)
    for line in lines:
        click.echo(line)
    if not lines:
        click.echo("no differences", err=True)
    if exit_code and lines:
        sys.exit(1)


@main.command()
@content_option
@click.option("--render", "render", is_flag=True, required=True,
              help="Render with LibreOffice and check every text line and shape (the only check so far).")
@click.option("--locale", "locales", multiple=True, help="A locale to check (repeatable); default: all built.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("build"), show_default=True,
              help="Where the decks were built; contact sheets go to OUT/check/.")
def check(content_dir, render, locales, out_dir):
    """Render built decks with LibreOffice and report text outside its box, shapes off the slide, missing glyphs."""
    from .check.run import run_render_check

    problems = run_render_check(content_dir, out_dir, list(locales), click.echo)
    if problems:
        sys.exit(1)


@main.group()
@content_option
@click.pass_context
def i18n(ctx, content_dir):
    """Translation catalogs: extract, update, stats, check, export, import."""
    ctx.obj["content_dir"] = content_dir


def _pot(ctx):
    from .i18n.extract import build_template_catalog

    return build_template_catalog(ctx.obj["content_dir"])


def _locale_tags(ctx, locales) -> list[str]:
    from .load.loader import load_deck
    from .locales import get_locale

    tags = list(locales) or list(load_deck(ctx.obj["content_dir"]).meta.locales)
    for tag in tags:
        get_locale(tag)
    return tags


locales_option = click.option("--locale", "locales", multiple=True,
                              help="A locale (repeatable); default: every locale of deck.yaml.")


@i18n.command("extract")
@click.pass_context
def i18n_extract(ctx):
    """Write content/locales/deck.pot from the YAML content."""
    from .i18n.extract import POT_NAME, write_pot

    catalog = _pot(ctx)
    path = ctx.obj["content_dir"] / "locales" / POT_NAME
    written = write_pot(catalog, path)
    click.echo(f"{path}: {len(catalog)} messages{'' if written else ', unchanged'}")


@i18n.command("update")
@locales_option
@click.pass_context
def i18n_update(ctx, locales):
    """Merge the POT into each locale's PO; changed English becomes fuzzy with its previous text."""
    from .i18n.catalogs import update_catalog
    from .i18n.extract import POT_NAME, write_pot

    template = _pot(ctx)
    write_pot(template, ctx.obj["content_dir"] / "locales" / POT_NAME)
    for tag in _locale_tags(ctx, locales):
        path, status = update_catalog(template, ctx.obj["content_dir"], tag)
        click.echo(f"{path}: {status}")


@i18n.command("init")
@click.argument("tag")
@click.pass_context
def i18n_init(ctx, tag):
    """Create the catalog of a new locale TAG from the POT, with CLDR's plural rule in its header."""
    from .i18n.catalogs import init_catalog
    from .locales import get_locale

    get_locale(tag)
    path = init_catalog(_pot(ctx), ctx.obj["content_dir"], tag)
    click.echo(f"{path}: created; translate it, then add '{tag}' to locales: in deck.yaml")


@i18n.command("stats")
@locales_option
@click.pass_context
def i18n_stats(ctx, locales):
    """Translated, fuzzy and untranslated messages per locale."""
    from .i18n.catalogs import catalog_stats
    from .console_table import format_table

    template = _pot(ctx)
    rows = []
    for tag in _locale_tags(ctx, locales):
        stats = catalog_stats(template, ctx.obj["content_dir"], tag)
        rows.append([tag, str(stats.total), str(stats.translated), str(stats.fuzzy), str(stats.untranslated),
                     f"{stats.percent:.0f}%"])
    click.echo(format_table(["locale", "messages", "translated", "fuzzy", "untranslated", "done"], rows))


@i18n.command("check")
@locales_option
@click.pass_context
def i18n_check(ctx, locales):
    """Report expression mismatches, unbalanced markup, fuzzy and missing translations."""
    from .errors import ContentError
    from .i18n.catalogs import check_catalog

    template = _pot(ctx)
    problems = []
    for tag in _locale_tags(ctx, locales):
        problems.extend(check_catalog(template, ctx.obj["content_dir"], tag))
    if problems:
        raise ContentError(problems)
    click.echo("all catalogs complete and consistent")


@i18n.command("export")
@click.option("--locale", "tag", required=True)
@click.option("--format", "fmt", type=click.Choice(["xliff"]), default="xliff", show_default=True)
@click.option("--out", "out_path", type=click.Path(path_type=Path), default=None,
              help="Default: build/<locale>.xlf")
@click.pass_context
def i18n_export(ctx, tag, fmt, out_path):
    """Export a locale's catalog as XLIFF 1.2 for CAT tools."""
    from .i18n.xliff import export_xliff

    _locale_tags(ctx, [tag])
    out_path = out_path or Path("build") / f"{tag}.xlf"
    count = export_xliff(ctx.obj["content_dir"], tag, out_path)
    click.echo(f"{out_path}: {count} units")


@i18n.command("import")
@click.option("--locale", "tag", required=True)
@click.argument("xliff_file", type=click.Path(path_type=Path))
@click.pass_context
def i18n_import(ctx, tag, xliff_file):
    """Take translations from an XLIFF file into the locale's catalog."""
    from .i18n.xliff import import_xliff

    _locale_tags(ctx, [tag])
    changed = import_xliff(ctx.obj["content_dir"], tag, xliff_file)
    click.echo(f"{changed} translation{'s' if changed != 1 else ''} taken from {xliff_file}")


@main.command()
@content_option
@click.option("--json", "as_json", is_flag=True, help="Print the tags as a JSON list (for a CI matrix).")
def locales(content_dir, as_json):
    """The locales a full build makes: the source language, deck.yaml's locales and the pseudo-locale."""
    import json

    from .load.loader import load_deck
    from .locales import PSEUDO_LOCALE, get_locale, select_locale_tags

    meta = load_deck(content_dir).meta
    tags = select_locale_tags(meta.source_language, meta.locales, [PSEUDO_LOCALE], all_locales=True)
    if as_json:
        click.echo(json.dumps(tags))
        return
    from .console_table import format_table

    rows = []
    for tag in tags:
        info = get_locale(tag, meta.regions.get(tag))
        rows.append([tag, info.lang, info.script, "right to left" if info.rtl else "left to right"])
    click.echo(format_table(["locale", "lang", "script", "direction"], rows))


@main.group()
def template():
    """Work with PowerPoint templates."""


@template.command("inspect")
@click.argument("pptx_file", type=click.Path(path_type=Path))
def template_inspect(pptx_file):
    """Print a template's layouts and placeholders, to write its mapping.yaml."""
    from .template.inspect import describe_template

    click.echo(describe_template(pptx_file))


@template.command("init")
@click.argument("pptx_file", type=click.Path(path_type=Path))
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=None,
              help="The template folder to write; default: templates/<file name>.")
@click.option("--force", is_flag=True, help="Replace an existing mapping.yaml.")
def template_init(pptx_file, out_dir, force):
    """Write a template folder: a copy of PPTX_FILE and a mapping.yaml guessed from its layouts and theme."""
    from .output.writer import write_atomic
    from .template.init import describe_guess, init_template

    guess, folder = init_template(pptx_file, out_dir, write_atomic, force=force)
    click.echo(describe_guess(guess))
    for warning in guess.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(f"wrote {folder / 'template.pptx'} and {folder / 'mapping.yaml'}")


if __name__ == "__main__":
    sys.exit(main())
