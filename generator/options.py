"""What a build is asked to do: everything ``deck build`` takes, as one value."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class BuildOptions:
    """The options of one build; paths as given (relative ones to the working directory).

    ``locales`` are built in addition to what ``all_locales`` selects (the source language and
    deck.yaml's locales); with neither, the source language alone. ``template_dir`` overrides
    deck.yaml's template. ``project_dir`` is where deck.yaml's paths resolve (default: the
    working directory when the options are made). ``jobs`` worker processes render locales
    side by side (default: the number of CPUs). ``force`` builds decks whose inputs are
    unchanged since the build recorded in ``out_dir/manifest.json``.
    """

    content_dir: Path
    out_dir: Path
    locales: tuple[str, ...] = ()
    all_locales: bool = False
    template_dir: Path | None = None
    project_dir: Path = field(default_factory=Path.cwd)
    strict: bool = False
    allow_overflow: bool = False
    pdf: bool = False
    png: bool = False
    jobs: int | None = None
    force: bool = False

    def __post_init__(self):
        set_ = object.__setattr__          # frozen: normalized once, here
        set_(self, "content_dir", Path(self.content_dir))
        set_(self, "out_dir", Path(self.out_dir))
        set_(self, "locales", tuple(self.locales))
        set_(self, "template_dir", Path(self.template_dir) if self.template_dir else None)
        set_(self, "project_dir", Path(self.project_dir or Path.cwd()))

    @property
    def previews(self) -> bool:
        """PDFs or PNGs are asked for: LibreOffice runs."""
        return self.pdf or self.png
