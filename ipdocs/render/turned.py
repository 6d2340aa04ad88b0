"""Page numbers of turned (landscape) pages, where GB/T 9704 §10.1 wants them: at the same place on the sheet
as on every other page.

A landscape page is printed turned, its top at the binding edge (the portrait page's left). The foot of
the sheet is then the page's left edge: the footer's own paragraphs go into a text box there, their text
turned a quarter clockwise, so that they read upright when the sheet is held upright. The box covers what
the portrait footer covers (the type area's width, the footer distance up from the sheet's foot); the
paragraphs keep their style, so alignment and the 1字 indent come from the house style as on portrait pages.
"""
from __future__ import annotations

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
EMU_PER_TWIP = 635
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def turned_footer(footer: bytes, portrait: dict[str, int], box_id: int) -> bytes:
    """The footer part for landscape pages, made from the portrait footer."""
    root = etree.fromstring(footer)
    paragraphs = [el for el in root if el.tag == f"{W}p"]
    for el in paragraphs:
        root.remove(el)
    style = paragraphs[0].find(f"{W}pPr/{W}pStyle") if paragraphs else None
    holder = etree.SubElement(root, f"{W}p")
    if style is not None:
        etree.SubElement(etree.SubElement(holder, f"{W}pPr"), f"{W}pStyle").set(f"{W}val", style.get(f"{W}val"))
    holder.append(etree.fromstring(_box(paragraphs, portrait, box_id)))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _box(paragraphs, portrait: dict[str, int], box_id: int) -> str:
    """A run holding the text box, as Word writes one (a drawing that Word 2010 and later, and LibreOffice, read)."""
    x = portrait["footer"] * EMU_PER_TWIP                                   # up from the sheet's foot
    y = portrait["left"] * EMU_PER_TWIP                                     # across, from the binding edge
    width = (portrait["bottom"] - portrait["footer"]) * EMU_PER_TWIP
    length = (portrait["w"] - portrait["left"] - portrait["right"]) * EMU_PER_TWIP
    inside = "".join(etree.tostring(p, encoding="unicode") for p in paragraphs)
    return (
        f'<w:r xmlns:w="{W_NS}" xmlns:mc="{MC_NS}" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" locked="0" '
        'layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="page"><wp:posOffset>{x}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="page"><wp:posOffset>{y}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{width}" cy="{length}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        f'<wp:docPr id="{box_id}" name="页码（横排页）"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr>'
        f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{width}" cy="{length}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>'
        f'<wps:txbx><w:txbxContent>{inside}</w:txbxContent></wps:txbx>'
        '<wps:bodyPr rot="0" vert="vert" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="b" anchorCtr="0">'
        '<a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>'
        '</mc:Choice><mc:Fallback/></mc:AlternateContent></w:r>')
