"""The ``deck`` command: a thin click layer over ``generator.build`` and friends.

User mistakes (``DeckError``) print as ``path:line:col: message`` without a traceback and
exit 1; anything unexpected prints one "internal error" line and exits 2. ``--debug``
shows the traceback. Results go to stdout, warnings and errors to stderr.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .errors import ContentError, DeckError, Warnings


class DeckGroup(click.Group):
    """Turns exceptions into messages and exit codes, once, for every command."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
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
def build(content_dir, template_dir, locales, all_locales, out_dir, strict, allow_overflow):
    """Write OUT/<deck-id>-<locale>.pptx for each locale."""
    from .build import build as run_build

    result = run_build(content_dir, out_dir, list(locales), all_locales, template_dir, strict, allow_overflow)
    _print_warnings(result.warnings)
    for path in result.outputs:
        click.echo(str(path))


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


@main.group()
def template():
    """Work with PowerPoint templates."""


@template.command("inspect")
@click.argument("pptx_file", type=click.Path(path_type=Path))
def template_inspect(pptx_file):
    """Print a template's layouts and placeholders, to write its mapping.yaml."""
    from .template.inspect import describe_template

    click.echo(describe_template(pptx_file))


if __name__ == "__main__":
    sys.exit(main())
