from pathlib import Path

from pptx import Presentation

from generator.oxml.theme import Theme, parse_theme, read_theme

ROOT = Path(__file__).resolve().parents[2]

THEME = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Brand">
 <a:themeElements>
  <a:clrScheme name="Brand">
   <a:dk1><a:sysClr val="windowText" lastClr="101010"/></a:dk1>
   <a:lt1><a:sysClr val="window" lastClr="fefefe"/></a:lt1>
   <a:dk2><a:srgbClr val="1F497D"/></a:dk2>
   <a:lt2><a:srgbClr val="EEECE1"/></a:lt2>
   <a:accent1><a:srgbClr val="4F81BD"/></a:accent1>
   <a:accent2><a:schemeClr val="dk2"/></a:accent2>
  </a:clrScheme>
  <a:fontScheme name="Brand">
   <a:majorFont><a:latin typeface="Cambria"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont>
   <a:minorFont><a:latin typeface="Georgia"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont>
  </a:fontScheme>
 </a:themeElements>
</a:theme>"""


def test_scheme_colours_and_fonts_are_read_from_the_theme_xml():
    theme = parse_theme(THEME)
    assert theme.name == "Brand"
    assert theme.colors == {"dk1": "101010", "lt1": "FEFEFE", "dk2": "1F497D", "lt2": "EEECE1", "accent1": "4F81BD"}
    assert (theme.major_latin, theme.minor_latin) == ("Cambria", "Georgia")


def test_a_theme_that_does_not_parse_is_an_empty_theme():
    assert parse_theme(b"<not xml") == Theme()
    assert parse_theme(b'<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"/>') == Theme()


def test_the_house_template_theme_is_its_first_masters():
    theme = read_theme(Presentation(str(ROOT / "templates" / "corporate" / "template.pptx")))
    assert theme.name == "Corporate"
    assert theme.minor_latin == "Arial"
    assert (theme.colors["accent1"], theme.colors["accent2"], theme.colors["lt2"]) == ("1F3A5F", "0E7C7B", "E8EEF4")
