"""The font of each script, and the font files text is measured with.

A template maps each script to a font family (``FontTable``); a deck's language picks the
three faces its runs carry, one per PowerPoint slot (``FontSet``). A deck names fonts as
PowerPoint knows them ("Arial"); the build machine may only have a metric-compatible twin
("Liberation Sans"). Twins are passed in explicitly (the mapping's ``measure_fonts``); a family
that is not installed and has none is measured with its twin in ``METRIC_TWINS``, so a
measurement never silently falls back to whatever font fontconfig finds closest.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from dataclasses import dataclass

from generator.build_context import build_cache, memoize
from generator.errors import DeckError

#: Open fonts whose advance widths match the fonts PowerPoint themes name. A family that is
#: not installed and has no twin in the mapping's ``measure_fonts`` is measured with this one.
METRIC_TWINS: Mapping[str, str] = {
    "Arial": "Liberation Sans",
    "Helvetica": "Liberation Sans",
    "Arial Narrow": "Liberation Sans Narrow",
    "Times New Roman": "Liberation Serif",
    "Courier New": "Liberation Mono",
    "Calibri": "Carlito",
    "Cambria": "Caladea",
}

#: Family-name prefixes and the Debian package that installs them; first match wins.
_DEBIAN_PACKAGES: tuple[tuple[str, str], ...] = (
    ("Liberation Sans Narrow", "fonts-liberation"),
    ("Liberation", "fonts-liberation2"),
    ("Carlito", "fonts-crosextra-carlito"),
    ("Caladea", "fonts-crosextra-caladea"),
    ("Noto Sans CJK", "fonts-noto-cjk"),
    ("Noto Serif CJK", "fonts-noto-cjk"),
    ("Noto", "fonts-noto-core"),
)

_FONTCONFIG_BOLD = 200  # fontconfig's FC_WEIGHT_BOLD

#: The scripts a template's mapping names a font for (the keys of its ``fonts:``), each with
#: the run property PowerPoint draws it with: ``a:latin``, ``a:cs`` (complex scripts) or
#: ``a:ea`` (East Asian). Han, Kana and Hangul share ``a:ea``: the language picks the face.
SCRIPT_SLOTS: Mapping[str, str] = {
    "latin": "latin", "cyrillic": "latin", "greek": "latin",
    "arabic": "complex_script", "hebrew": "complex_script", "devanagari": "complex_script",
    "thai": "complex_script",
    "japanese": "east_asian", "korean": "east_asian",
    "chinese_simplified": "east_asian", "chinese_traditional": "east_asian",
}

#: The font of a script the mapping names none for. Latin, Cyrillic and Greek take the
#: mapping's latin font.
DEFAULT_FONTS: Mapping[str, str] = {
    "arabic": "Noto Sans Arabic",
    "hebrew": "Noto Sans Hebrew",
    "devanagari": "Noto Sans Devanagari",
    "thai": "Noto Sans Thai",
    "japanese": "Noto Sans CJK JP",
    "korean": "Noto Sans CJK KR",
    "chinese_simplified": "Noto Sans CJK SC",
    "chinese_traditional": "Noto Sans CJK TC",
}

#: A language's script (ISO 15924, CLDR's likely subtags) -> the script whose font it is written in.
LOCALE_SCRIPTS: Mapping[str, str] = {
    "Latn": "latin", "Cyrl": "cyrillic", "Grek": "greek",
    "Arab": "arabic", "Hebr": "hebrew", "Deva": "devanagari", "Thai": "thai",
    "Jpan": "japanese", "Kore": "korean", "Hans": "chinese_simplified", "Hant": "chinese_traditional",
}


@dataclass(frozen=True)
class FontFace:
    """One face in one font file. ``index`` selects the face inside a .ttc collection.

    ``bold`` tells whether the file itself is bold. When a family has no bold face it is
    False even for a bold request: PowerPoint then emboldens synthetically, which is a little
    wider than what we measure.
    """

    path: str
    index: int = 0
    bold: bool = False
    family: str = ""


def find_face(family: str, bold: bool = False, twins: Mapping[str, str] | None = None) -> FontFace:
    """The installed face for ``family``, via fontconfig: its twin in ``twins`` when it has one,
    else the family itself, else its twin in ``METRIC_TWINS``.

    Raises ``DeckError`` naming the Debian package to install when no face is installed.
    """
    named = (twins or {}).get(family)
    if named is not None and named != family:
        try:
            return _match(named, bold)
        except DeckError as error:
            raise DeckError(f"{error} (measurement twin of '{family}')") from None
    try:
        return _match(family, bold)
    except DeckError:
        known = METRIC_TWINS.get(family) if named is None else None
        if known is None:
            raise
    try:
        return _match(known, bold)
    except DeckError:
        raise DeckError(f"font '{family}' is not installed, nor its open metric twin '{known}'; "
                        f"{_install_hint(known)}") from None


def is_installed(family: str) -> bool:
    """Whether fontconfig has ``family`` itself (not a twin, not a substitute)."""
    try:
        _match(family, False)
    except DeckError:
        return False
    return True


_FC_FORMAT = "%{file}\n%{index}\n%{family}\n%{weight}"
_PENDING: dict[tuple[str, bool], _Lookups] = {}
# One shell runs fc-match once per pattern and ends each answer with its exit status between
# record separators: one process started instead of one per face.
_LOOKUP_SCRIPT = 'for pattern do fc-match -f "$0" "$pattern" 2>/dev/null; printf "\\036%s\\036" "$?"; done'


class _Lookups:
    """fc-match for several (family, bold) requests, running in the background."""

    def __init__(self, requests: list[tuple[str, bool]]):
        self.requests = requests
        self.process = subprocess.Popen(["sh", "-c", _LOOKUP_SCRIPT, _FC_FORMAT,
                                         *(_pattern(family, bold) for family, bold in requests)],
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.answers: dict[tuple[str, bool], str | None] | None = None

    def answer(self, request: tuple[str, bool]) -> str | None:
        """fc-match's output for ``request``; None when it failed (ask again to hear why)."""
        if self.answers is None:
            stdout, _ = self.process.communicate()
            fields = stdout.split("\036")
            self.answers = {}
            for at, key in enumerate(self.requests):
                output, status = fields[2 * at: 2 * at + 2] if len(fields) > 2 * at + 1 else ("", "1")
                self.answers[key] = output if status == "0" else None
        return self.answers.get(request)


def prefetch(requests) -> None:
    """Start looking up each ``(family, bold)`` at once; ``find_face`` then reads the answers.

    Each fc-match takes a few milliseconds, and starting a process from a large one a few
    more; asked one after the other, the faces of a deck cost tens of them. Nothing is
    reported here: a failure shows when the face is looked up.
    """
    asked = build_cache(_ASKED)
    wanted = [key for key in dict.fromkeys(requests) if key not in _PENDING and key not in asked]
    if not wanted:
        return
    try:
        lookups = _Lookups(wanted)
    except OSError:
        return
    for key in wanted:
        _PENDING[key] = lookups


def collect_prefetched() -> None:
    """Wait for every lookup ``prefetch`` started (before forking: a child must not share the pipes)."""
    for family, bold in list(_PENDING):
        try:
            _match(family, bold)
        except DeckError:
            pass


_ASKED = "fc-match asked"      # the build cache of the (family, bold) asked of fc-match (answers: _match's)


def _pattern(family: str, bold: bool) -> str:
    return _escape(family) + (":style=Bold" if bold else "")


@memoize                       # per build: fonts may be installed between two builds
def _match(family: str, bold: bool) -> FontFace:
    """Ask fc-match for ``family`` and refuse its substitute when the family is not installed."""
    build_cache(_ASKED)[family, bold] = True
    pattern = _pattern(family, bold)
    lookups = _PENDING.pop((family, bold), None)
    output = lookups.answer((family, bold)) if lookups is not None else None
    if output is None:                 # not asked ahead, or it failed: ask again, and say why it fails
        output = _run_fc_match(pattern, _FC_FORMAT)
    path, index, families, weight = (output.split("\n") + ["", "", "", ""])[:4]
    offered = [name.strip() for name in families.split(",")]
    if not path or family.casefold() not in (name.casefold() for name in offered):
        raise DeckError(
            f"font '{family}' is not installed (fontconfig offered '{offered[0]}' instead); {_install_hint(family)}"
        )
    return FontFace(path=path, index=int(index or 0), bold=_is_bold(weight), family=family)


@memoize                       # per build, as _match
def system_fallback_face(bold: bool = False, language: str | None = None) -> FontFace | None:
    """fontconfig's default sans-serif face for ``language`` (a BCP 47 tag), or None when there is none.

    It stands for the face a renderer falls back to for a symbol the text's own face lacks:
    LibreOffice draws the "+" of an Arabic line, which Noto Sans Arabic lacks, in the face
    fontconfig gives for Arabic (DejaVu Sans on Debian).
    """
    pattern = _pattern("sans-serif", bold)
    if language:
        pattern += ":lang=" + _escape(language.split("-")[0].lower())
    try:
        output = _run_fc_match(pattern, _FC_FORMAT)
    except DeckError:
        return None
    path, index, family, weight = (output.split("\n") + ["", "", "", ""])[:4]
    if not path:
        return None
    return FontFace(path=path, index=int(index or 0), bold=_is_bold(weight), family=family.split(",")[0].strip())


def _run_fc_match(pattern: str, fmt: str) -> str:
    try:
        done = subprocess.run(["fc-match", "-f", fmt, pattern], capture_output=True, text=True, check=True)
    except FileNotFoundError:
        raise DeckError("fc-match not found; install fontconfig (`apt-get install fontconfig`)") from None
    except subprocess.CalledProcessError as error:
        raise DeckError(f"fc-match failed for '{pattern}': {error.stderr.strip()}") from None
    return done.stdout


def _escape(family: str) -> str:
    """Backslash the characters that have a meaning in a fontconfig pattern."""
    return "".join("\\" + char if char in "\\-:,=" else char for char in family)


def _is_bold(weight: str) -> bool:
    try:
        return float(weight) >= _FONTCONFIG_BOLD
    except ValueError:
        return False


def debian_package(family: str) -> str | None:
    """The Debian package that installs ``family``, when known."""
    for prefix, package in _DEBIAN_PACKAGES:
        if family.casefold().startswith(prefix.casefold()):
            return package
    return None


def _install_hint(family: str) -> str:
    package = debian_package(family)
    if package:
        return f"install the Debian package {package} (`apt-get install {package}`)"
    return ("install a package that provides it (`apt-cache search fonts-`), or name an installed font "
            "of the same widths for it under measure_fonts: in mapping.yaml")


@dataclass(frozen=True)
class FontTable:
    """The family of every script in ``SCRIPT_SLOTS``, as a template's mapping names them.

    ``east_asian`` is the ``a:ea`` face of a language written in none of the East Asian
    scripts; the ``a:cs`` face of a language without a complex script is the Arabic one.
    """

    families: Mapping[str, str]
    east_asian: str
    twins: Mapping[str, str]

    def for_locale(self, script: str) -> FontSet:
        """The three faces of a language written in ``script`` (ISO 15924: Latn, Jpan, Hebr...).

        The language picks the face of its own script's slot, whatever the characters: a
        Japanese deck draws Han in the Japanese face, Chinese in the SC or TC one.
        """
        keys = {"latin": "latin", "east_asian": "east_asian", "complex_script": "arabic"}
        own = LOCALE_SCRIPTS.get(script)
        if own:
            keys[SCRIPT_SLOTS[own]] = own
        families = {**self.families, "east_asian": self.east_asian}
        return FontSet(**{slot: families[key] for slot, key in keys.items()}, twins=self.twins, keys=keys)


def font_table(fonts: Mapping[str, str], twins: Mapping[str, str] | None = None) -> FontTable:
    """The table of a mapping's ``fonts:``, with ``DEFAULT_FONTS`` for the scripts it leaves out.

    ``fonts`` needs ``latin``; besides the keys of ``SCRIPT_SLOTS`` it may hold the older
    ``east_asian`` (the East Asian face of other languages, and Simplified Chinese's unless
    ``chinese_simplified`` is named; default: the Simplified Chinese one) and ``complex`` (the
    Arabic font).
    """
    latin = fonts["latin"]
    named = {key: family for key, family in fonts.items() if key in SCRIPT_SLOTS}
    if "complex" in fonts:
        named.setdefault("arabic", fonts["complex"])
    if "east_asian" in fonts:      # before the per-script table, the one East Asian face was Chinese's
        named.setdefault("chinese_simplified", fonts["east_asian"])
    families = {"latin": latin, "cyrillic": latin, "greek": latin, **DEFAULT_FONTS, **named}
    return FontTable(families, fonts.get("east_asian") or families["chinese_simplified"], dict(twins or {}))


class FontSet:
    """The faces a text frame uses, as PowerPoint picks them per script.

    PowerPoint has three font slots: ``latin`` (also used for Cyrillic, Greek, digits and
    ASCII punctuation), ``cs`` (complex scripts: Arabic, Hebrew, Devanagari, Thai) and ``ea``
    (East Asian: Han, Kana, Hangul). ``keys`` tells which mapping key chose each slot's
    family, for error messages. Faces are looked up lazily, so an English-only build does
    not need the CJK fonts installed.
    """

    _SLOT_OF_SCRIPT = {"arabic": "complex_script", "hebrew": "complex_script", "devanagari": "complex_script",
                       "thai": "complex_script", "cjk": "east_asian"}

    def __init__(self, latin: str = "Liberation Sans", complex_script: str = "Noto Sans Arabic",
                 east_asian: str = "Noto Sans CJK SC", twins: Mapping[str, str] | None = None,
                 keys: Mapping[str, str] | None = None):
        self.latin = latin
        self.complex_script = complex_script
        self.east_asian = east_asian
        self.twins = dict(twins or {})
        self.keys = {"latin": "latin", "east_asian": "east_asian", "complex_script": "arabic", **(keys or {})}
        self.used: set[str] = set()      # the font files looked up: inputs of the build
        self._faces: dict[tuple[str, bool], FontFace] = {}

    @staticmethod
    def slot(script: str) -> str:
        """The slot (latin, complex_script, east_asian) that draws ``script`` (a measure class: latin, cjk...)."""
        return FontSet._SLOT_OF_SCRIPT.get(script, "latin")

    def family(self, script: str) -> str:
        """The family name of the slot that ``script`` (latin, cyrillic, greek, arabic, hebrew, cjk...) uses."""
        return getattr(self, self.slot(script))

    def key(self, script: str) -> str:
        """The mapping key (``fonts: <key>``) that chose the family ``script`` is drawn with."""
        return self.keys[self.slot(script)]

    def slot_families(self) -> tuple[str, str, str]:
        """(latin, east asian, complex script): the typefaces of every run's a:latin, a:ea and a:cs."""
        return self.latin, self.east_asian, self.complex_script

    def face(self, script: str, bold: bool = False) -> FontFace:
        found = self._faces.get((script, bold))
        if found is None:
            try:
                found = self._faces[script, bold] = find_face(self.family(script), bold, self.twins)
            except DeckError as error:
                key = self.key(script)
                raise DeckError(f"{error}; it is the {key} font (set `{key}:` under fonts: in mapping.yaml "
                                "to use another)") from None
            self.used.add(found.path)
        return found

    def prefetch(self) -> None:
        """Start looking up every face this set can use, all at once (see ``prefetch``)."""
        families = {self.twins.get(f, f) for f in (self.latin, self.complex_script, self.east_asian)}
        prefetch([(family, bold) for family in sorted(families) for bold in (False, True)])

    def __repr__(self) -> str:
        return (f"FontSet(latin={self.latin!r}, complex_script={self.complex_script!r}, "
                f"east_asian={self.east_asian!r}, twins={self.twins!r})")
