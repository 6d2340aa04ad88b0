"""The house style: a Word file the clerk can edit (templates/公文样式.docx), read once per process with python-docx.

Every document takes its styles, page, page-number footers and the letter's first-page
header from it. Styles are found by the names the clerk sees in Word's style pane (Word
and WPS rewrite style ids when they save), the body style is the default paragraph style.
Theme fonts are dropped everywhere so Word and WPS never show 等线 instead of an official face.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import quoteattr

from lxml import etree

from ..files import Deflated, deflate
from . import layout as L
from .turned import turned_footer

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
NS = {"w": W_NS}
TURNED_FOOTERS = {"word/footer1.xml": "word/footer5.xml", "word/footer2.xml": "word/footer6.xml"}   # landscape pages

# The writer's keys → (style type, the name the clerk sees). The body style is the default paragraph style (正文).
REQUIRED = {
    "Title": ("paragraph", "公文标题"), "Mark": ("paragraph", "发文机关标志"), "DocNumber": ("paragraph", "发文字号"),
    "IssueNumber": ("paragraph", "纪要期号"), "IssuerLine": ("paragraph", "印发机关与日期"),
    "Addressee": ("paragraph", "主送机关"), "Heading1": ("paragraph", "一级标题"), "Heading2": ("paragraph", "二级标题"),
    "Heading3": ("paragraph", "三级标题"), "Centered": ("paragraph", "居中"), "RosterLine": ("paragraph", "名单"),
    "Attendance": ("paragraph", "出席请假列席"), "AttendanceFirst": ("paragraph", "出席（首行）"),
    "AttachmentNote": ("paragraph", "附件说明"), "AttachmentNoteList": ("paragraph", "附件说明（多件）"),
    "AttachmentNoteMore": ("paragraph", "附件说明（续）"), "Signature": ("paragraph", "发文机关署名"),
    "SignDate": ("paragraph", "成文日期"), "Annotation": ("paragraph", "附注"), "Closing": ("paragraph", "结束语"),
    "LetterMark": ("paragraph", "信函发文机关标志"), "AttachmentLabel": ("paragraph", "附件标识"),
    "AttachmentTitle": ("paragraph", "附件标题"), "TableText": ("paragraph", "表格文字"),
    "TableCenter": ("paragraph", "表格文字居中"), "TableHeading": ("paragraph", "表头"),
    "TableSection": ("paragraph", "表格分部"), "TableTextSmall": ("paragraph", "表格文字（五号）"),
    "TableCenterSmall": ("paragraph", "表格文字居中（五号）"), "TableHeadingSmall": ("paragraph", "表头（五号）"),
    "TableSectionSmall": ("paragraph", "表格分部（五号）"), "Imprint": ("paragraph", "版记"),
    "Label": ("character", "标签（黑体）"), "Emphasis": ("character", "强调（楷体）"), "Strong": ("character", "加粗"),
    "OfficialTable": ("table", "公文表格"), "ImprintTable": ("table", "版记表格"),
}
TYPE_NAMES = {"paragraph": "段落样式", "character": "字符样式", "table": "表格样式"}
# Red elements 套红 paper already carries: their text goes, their rules are drawn in white (same geometry).
PREPRINTED_RULES = ("Mark", "DocNumber", "IssuerLine", "LetterMark")
FONT_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")
THEME_SLOTS = {"asciiTheme": "ascii", "hAnsiTheme": "hAnsi", "eastAsiaTheme": "eastAsia", "cstheme": "cs"}
THEME_LABELS = {"majorEastAsia": "+中文标题", "minorEastAsia": "+中文正文"}
ALT_NAMES = {**L.FONT_ALT_NAMES, "仿宋": "FangSong", "楷体": "KaiTi"}
PAPERS = {"plain": "普通纸", "preprinted": "套红纸"}
PAGE_NUMBERS = {"outside": "单页居右、双页居左（GB/T 9704）", "center": "居中"}


class TemplateError(Exception):
    """The house-style file cannot be used; every problem, each naming the style or the setting."""

    def __init__(self, path: Path, messages: list[str]):
        self.path, self.messages = Path(path), messages
        super().__init__("\n".join(f"{path}: {m}" for m in messages))


@dataclass(frozen=True)
class PrintOptions:
    """What organization.yaml says about printing: paper, the faces an office has, where page numbers go."""
    paper: str = "plain"                                   # plain | preprinted (套红纸: no red mark, no red lines)
    fonts: tuple[tuple[str, str], ...] = ()                # official face → the face this office has
    page_numbers: str = "outside"                          # outside | center
    double_sided: bool = True                              # GB/T 9704 §8: printed on both sides; the 版记 on an even page


@dataclass(frozen=True)
class House:
    path: Path
    ids: dict[str, str]                    # writer key → style id in this file
    parts: dict[str, Deflated]             # shared parts, compressed once, ready to zip
    page: dict[str, int]                   # portrait page: w, h, top, bottom, left, right, header, footer (twips)
    grid: dict[str, int]                   # linePitch, charSpace
    letter_header_distance: int
    letter_header: tuple[bytes, bytes]     # the letter's first-page header around the mark's runs
    options: PrintOptions = PrintOptions()
    warnings: tuple[str, ...] = field(default=())
    indents: dict[str, tuple[float, float]] = field(default_factory=dict)   # writer key → (left, first line) in 字
    metrics: dict[str, dict] = field(default_factory=dict)                   # writer key → spacing, line, size, keeps

    def landscape(self) -> dict[str, int]:
        """The same type area turned: the binding edge (left on portrait pages) at the top."""
        p = self.page
        turned = {"w": p["h"], "h": p["w"], "top": p["left"], "bottom": p["right"], "left": p["top"],
                  "right": p["bottom"], "header": p["header"]}
        return {**turned, "footer": L.footer_distance(turned)}


# -- styles ---------------------------------------------------------------------------------------

def style_ids(doc) -> tuple[dict[str, str], list[str]]:
    """Writer key → style id, found by the style's name; every missing style in one list."""
    from docx.enum.style import WD_STYLE_TYPE
    kinds = {WD_STYLE_TYPE.PARAGRAPH: "paragraph", WD_STYLE_TYPE.CHARACTER: "character", WD_STYLE_TYPE.TABLE: "table"}
    by_name: dict[tuple[str, str], str] = {}
    for style in doc.styles:
        kind = kinds.get(style.type)
        if kind and style.name is not None:
            by_name.setdefault((kind, style.name), style.style_id)
    ids, problems = {"Normal": doc.styles.default(WD_STYLE_TYPE.PARAGRAPH).style_id}, []
    for key, (kind, name) in REQUIRED.items():
        if (kind, name) in by_name:
            ids[key] = by_name[(kind, name)]
            continue
        near = difflib.get_close_matches(name, [n for k, n in by_name if k == kind], n=3, cutoff=0.4)
        hint = f"（最接近的是：{'、'.join(near)}）" if near else ""
        problems.append(f"缺少{TYPE_NAMES[kind]}“{name}”{hint}：请在 Word 的样式窗格中新建或改回这个名称")
    return ids, problems


def _style_name(el) -> str:
    style = next(el.iterancestors(f"{W}style"), None)
    if style is None:
        return "文档默认格式"
    name = style.find(f"{W}name")
    return name.get(f"{W}val") if name is not None else style.get(f"{W}styleId")


def strip_theme_fonts(root, used: set[str] | None = None) -> list[str]:
    """Drop every theme font reference; an East Asian slot left with no face at all is an error naming the style
    (once), where the documents use the style (`used`: style ids; None: every style)."""
    problems = []
    for rfonts in root.iter(f"{W}rFonts"):
        for theme_attr, slot in THEME_SLOTS.items():
            theme = rfonts.attrib.pop(f"{W}{theme_attr}", None)
            if theme and slot == "eastAsia" and rfonts.get(f"{W}eastAsia") is None and _in_use(rfonts, used):
                problems.append(f"样式“{_style_name(rfonts)}”的中文字体是主题字体（{THEME_LABELS.get(theme, theme)}），"
                                "Word 和 WPS 会显示为等线：请在 Word 中为它选一个具体字体（如 仿宋_GB2312）")
    return list(dict.fromkeys(problems))


def _in_use(el, used: set[str] | None) -> bool:
    style = next(el.iterancestors(f"{W}style"), None)
    return used is None or style is None or style.get(f"{W}styleId") in used


def styles_in_use(root, ids) -> set[str]:
    """The style ids the documents use, with every style they are based on."""
    by_id = {style.get(f"{W}styleId"): style for style in root.iter(f"{W}style")}
    used, waiting = set(), list(ids)
    while waiting:
        style_id = waiting.pop()
        if style_id in used or style_id not in by_id:
            continue
        used.add(style_id)
        based = by_id[style_id].find(f"{W}basedOn")
        if based is not None:
            waiting.append(based.get(f"{W}val"))
    return used


def map_fonts(root, mapping: dict[str, str]) -> set[str]:
    """Rename faces in every w:rFonts; return the faces in use."""
    used = set()
    for rfonts in root.iter(f"{W}rFonts"):
        for slot in FONT_SLOTS:
            face = rfonts.get(f"{W}{slot}")
            if face is not None:
                face = mapping.get(face, face)
                rfonts.set(f"{W}{slot}", face)
                used.add(face)
    return used


def font_table(faces: set[str], mapping: dict[str, str]) -> bytes:
    """A font table of exactly the faces in use, each with an alternate name Word looks up when it lacks a face."""
    official = {local: name for name, local in mapping.items()}
    rows = []
    for face in sorted(faces):
        alt = ALT_NAMES.get(face) or official.get(face)
        cjk = any(ord(ch) > 0x7F for ch in face) or face in ("SimHei", "SimSun", "FangSong", "KaiTi")
        rows.append(f'<w:font w:name={quoteattr(face)}>' + (f'<w:altName w:val={quoteattr(alt)}/>' if alt else "")
                    + f'<w:charset w:val="{"86" if cjk else "00"}"/><w:family w:val="{"modern" if cjk else "roman"}"/>'
                    f'<w:pitch w:val="{"fixed" if cjk else "variable"}"/></w:font>')
    return xml_bytes(etree.fromstring(f'<w:fonts xmlns:w="{W_NS}">{"".join(rows)}</w:fonts>'))


def white_rules(root, style_ids: set[str] | None = None) -> None:
    """套红 paper: paragraph rules drawn in white, so nothing prints and nothing moves."""
    for style in root.iter(f"{W}style"):
        if style_ids is None or style.get(f"{W}styleId") in style_ids:
            for border in style.iterfind("w:pPr/w:pBdr/*", NS):
                border.set(f"{W}color", "FFFFFF")
    if style_ids is None:
        for border in root.iterfind(".//w:pBdr/*", NS):
            border.set(f"{W}color", "FFFFFF")


def centre_page_numbers(root) -> None:
    for ppr in root.iter(f"{W}pPr"):
        for old in ppr.findall(f"{W}jc") + ppr.findall(f"{W}ind"):
            ppr.remove(old)
        ppr.append(etree.fromstring(f'<w:ind xmlns:w="{W_NS}" w:left="0" w:right="0" w:firstLine="0"/>'))
        ppr.append(etree.fromstring(f'<w:jc xmlns:w="{W_NS}" w:val="center"/>'))


# -- indents, for the writer that chooses line breaks itself --------------------------------------

def _ind_attributes(styles, style_id: str | None, seen=()) -> dict[str, str]:
    """The w:ind attributes of a style, each from the style itself or the nearest style it is based on."""
    style = styles.find(f"w:style[@w:styleId='{style_id}']", NS) if style_id else None
    if style is None or style_id in seen:
        return {}
    based = style.find("w:basedOn", NS)
    inherited = _ind_attributes(styles, based.get(f"{W}val") if based is not None else None, (*seen, style_id))
    ind = style.find("w:pPr/w:ind", NS)
    own = {} if ind is None else {k.removeprefix(W): v for k, v in ind.attrib.items()}
    return {**inherited, **own}


def _chars(attrs: dict[str, str], name: str) -> float:
    """An indent in 字: Word takes the …Chars value (hundredths) under the grid, else the twips."""
    if f"{name}Chars" in attrs:
        return int(attrs[f"{name}Chars"]) / 100
    return int(attrs.get(name, 0)) / L.GRID_CHAR


def _chain(styles, style_id: str | None, seen=()) -> list:
    """The style and those it is based on, nearest first."""
    style = styles.find(f"w:style[@w:styleId='{style_id}']", NS) if style_id else None
    if style is None or style_id in seen:
        return []
    based = style.find("w:basedOn", NS)
    return [style, *_chain(styles, based.get(f"{W}val") if based is not None else None, (*seen, style_id))]


def _first(elements, path: str):
    return next((found for el in elements if (found := el.find(path, NS)) is not None), None)


def style_metrics(styles, ids: dict[str, str]) -> dict[str, dict]:
    """Writer key → what pagination needs: spacing before and after, exact line height, size, keep and break flags."""
    defaults = [d for d in (styles.find("w:docDefaults/w:pPrDefault", NS), styles.find("w:docDefaults/w:rPrDefault", NS))
                if d is not None]
    result = {}
    for key, style_id in ids.items():
        chain = [*_chain(styles, style_id), *defaults]
        spacing = {k.removeprefix(W): v for el in reversed(chain) for sp in el.iterfind(".//w:pPr/w:spacing", NS)
                   for k, v in sp.attrib.items()} if chain else {}
        size = _first(chain, ".//w:rPr/w:sz")
        result[key] = {"before": int(spacing.get("before", 0)), "after": int(spacing.get("after", 0)),
                       "line": int(spacing["line"]) if spacing.get("lineRule") == "exact" else None,
                       "size": int(size.get(f"{W}val")) / 2 if size is not None else L.BODY_PT,
                       "border": _border(_first(chain, "w:pPr/w:pBdr/w:bottom")),
                       "keep_next": _flag(_first(chain, "w:pPr/w:keepNext")),
                       "page_break_before": _flag(_first(chain, "w:pPr/w:pageBreakBefore"))}
    return result


def _border(el) -> int:
    """Height a bottom rule adds under a paragraph (twips): its distance and its thickness."""
    if el is None or el.get(f"{W}val") in ("nil", "none"):
        return 0
    return int(el.get(f"{W}space", 0)) * 20 + int(el.get(f"{W}sz", 0)) * 20 // 8


def _flag(el) -> bool:
    return el is not None and el.get(f"{W}val", "1") not in ("0", "false")


def style_indents(styles, ids: dict[str, str]) -> dict[str, tuple[float, float]]:
    """Writer key → (left indent, first-line indent) in 字; a hanging indent is a negative first line."""
    result = {}
    for key, style_id in ids.items():
        attrs = _ind_attributes(styles, style_id)
        first = -_chars(attrs, "hanging") if ("hanging" in attrs or "hangingChars" in attrs) else _chars(attrs, "firstLine")
        result[key] = (_chars(attrs, "left") or _chars(attrs, "start"), first)
    return result


# -- the page -----------------------------------------------------------------------------------------

def _signed(value: str | None) -> int | None:
    """LibreOffice writes a negative docGrid charSpace as an unsigned 32-bit number (-1025 → 4294966271)."""
    if value is None:
        return None
    number = int(value)
    return number - 2 ** 32 if number >= 2 ** 31 else number


def section_page(section) -> tuple[dict, dict]:
    def twips(length):
        return None if length is None else round(length.twips)
    page = {"w": twips(section.page_width), "h": twips(section.page_height), "top": twips(section.top_margin),
            "bottom": twips(section.bottom_margin), "left": twips(section.left_margin),
            "right": twips(section.right_margin), "header": twips(section.header_distance),
            "footer": twips(section.footer_distance)}
    grid = section._sectPr.find(f"{W}docGrid")
    found = {} if grid is None else {"linePitch": _signed(grid.get(f"{W}linePitch")),
                                     "charSpace": _signed(grid.get(f"{W}charSpace")) or 0}
    return page, found


def page_problems(page: dict, grid: dict) -> tuple[list[str], list[str]]:
    """Errors: no page, or no room for text. Warnings: a page that is not GB/T 9704's."""
    missing = [k for k in ("w", "h", "top", "bottom", "left", "right", "header", "footer") if page.get(k) is None]
    if missing:
        return [f"第一节没有完整的页面设置（缺 {'、'.join(missing)}）：请在 Word 的“布局 → 页面设置”中设置纸张和页边距"], []
    mm = L.TWIPS_PER_MM
    width_mm, height_mm = (page["w"] - page["left"] - page["right"]) / mm, (page["h"] - page["top"] - page["bottom"]) / mm
    errors, warnings = [], []
    if not (100 <= page["w"] / mm <= 500 and 100 <= page["h"] / mm <= 500):
        errors.append(f"纸张 {page['w'] / mm:.0f}×{page['h'] / mm:.0f} 毫米不像公文用纸（A4 为 210×297）")
    if width_mm < 100 or height_mm < 150:
        errors.append(f"版心只有 {width_mm:.0f}×{height_mm:.0f} 毫米，放不下公文（GB/T 9704 为 156×225）：请检查页边距")
    if not grid.get("linePitch") or grid["linePitch"] <= 0:
        errors.append("第一节没有文档网格（每页 22 行）：请在“页面设置 → 文档网格”中选“指定行和字符网格”")
    for key, label in (("top", "上（天头）"), ("left", "左（订口）"), ("right", "右"), ("bottom", "下")):
        if abs(page[key] - L.PORTRAIT[key]) > mm:
            warnings.append(f"{label}页边距 {page[key] / mm:.1f} 毫米，GB/T 9704 为 {L.PORTRAIT[key] / mm:.0f} 毫米")
    if grid.get("linePitch") and abs(height_mm * mm / grid["linePitch"] - L.LINES_PER_PAGE) > 0.5:
        warnings.append(f"每页约 {height_mm * mm / grid['linePitch']:.1f} 行，GB/T 9704 为 22 行")
    return errors, warnings


# -- headers and footers ----------------------------------------------------------------------------

def part_problems(part, what: str) -> list[str]:
    if part.rels:
        return [f"{what}里有图片或链接（{len(part.rels)} 处），ipdocs 暂不支持：请删去，改用文字和边框"]
    return []


def split_letter_header(root, mark_style: str) -> tuple[bytes, bytes]:
    """The letter's first-page header as (before, after) the runs of its mark paragraph."""
    mark = next((p for p in root.iter(f"{W}p") if p.find(f"w:pPr/w:pStyle[@w:val='{mark_style}']", NS) is not None), None)
    if mark is None:
        raise LookupError(mark_style)
    for child in list(mark):
        if child.tag != f"{W}pPr":
            mark.remove(child)
    mark.append(etree.Comment("MARK"))
    before, _, after = xml_bytes(root).partition(b"<!--MARK-->")
    return before, after


def settings_xml(odd_and_even: bool, tab_stop: int | None) -> bytes:
    """Our own settings part: the template's would carry rsids, docVars and a dangling attachedTemplate."""
    compat = ('<w:compat><w:doNotExpandShiftReturn/><w:compatSetting w:name="compatibilityMode" '
              'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>')
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:settings xmlns:w="{W_NS}">'
            '<w:zoom w:percent="100"/>' + ("<w:evenAndOddHeaders/>" if odd_and_even else "")
            + f'<w:defaultTabStop w:val="{tab_stop or L.CHAR * 2}"/><w:characterSpacingControl w:val="doNotCompress"/>'
            + compat + "</w:settings>").encode("utf-8")


def xml_bytes(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# -- the whole file -------------------------------------------------------------------------------------

def _open(path: Path):
    import docx
    try:
        return docx.Document(str(path))
    except Exception as exc:                # not a zip, not a Word document …
        raise TemplateError(path, [f"不是可以读取的 Word 文件（{type(exc).__name__}）：请用 Word 或 WPS 另存为 .docx，"
                             "或运行 ipdocs style-template 重新生成"]) from None


def _footers(doc, first, letter) -> tuple[dict, list[str]]:
    footers = {"word/footer1.xml": first.footer}
    if doc.settings.odd_and_even_pages_header_footer:
        footers["word/footer2.xml"] = first.even_page_footer
    if letter is not None:
        footers["word/footer3.xml"] = letter.first_page_footer
    errors = []
    for name, footer in footers.items():
        if footer.is_linked_to_previous:
            errors.append(f"缺少页脚（{name}）：第一节要有奇数页和偶数页页码，信函一节要有首页页脚")
        else:
            errors += part_problems(footer.part, "页脚")
    return footers, errors


def read(path: Path, options: PrintOptions = PrintOptions()) -> House:
    try:
        return _read(path, options)
    except ValueError as exc:                 # a size, indent or spacing that is not a number
        value = str(exc).rsplit(": ", 1)[-1][:40]
        raise TemplateError(path, [f"样式文件中有应为数字、却写着 {value} 的页面或样式设置：请在 Word 或 WPS 中打开后"
                                   "重新保存，或运行 ipdocs style-template 重新生成"]) from None


def _read(path: Path, options: PrintOptions) -> House:
    doc = _open(path)
    ids, errors = style_ids(doc)
    if len(errors) > len(REQUIRED) // 2:
        errors.insert(0, "这不像 ipdocs 的公文样式文件（缺少大部分公文样式）：运行 ipdocs style-template 生成一份，"
                         "再在 Word 或 WPS 中修改")
    first = doc.sections[0]
    page, grid = section_page(first)
    page_errors, warnings = page_problems(page, grid)
    errors += page_errors
    letter = next((s for s in doc.sections if s.different_first_page_header_footer), None)
    if letter is None:
        errors.append("没有“首页不同”的一节（信函格式的版头和下红线在首页页眉、页脚中）")
    footers, footer_errors = _footers(doc, first, letter)
    styles = etree.fromstring(doc.part._styles_part.blob)
    errors += footer_errors + strip_theme_fonts(styles, styles_in_use(styles, ids.values()))
    if letter is not None and letter.first_page_header.is_linked_to_previous:
        errors.append("信函一节没有首页页眉（信函格式的发文机关标志在其中）")
    if errors:
        raise TemplateError(path, errors)
    return _assemble(doc, path, ids, styles, footers, letter, page, grid, options, warnings)


def _assemble(doc, path, ids, styles, footers, letter, page, grid, options, warnings) -> House:
    mapping = dict(options.fonts)
    if options.paper == "preprinted":
        white_rules(styles, {ids[k] for k in PREPRINTED_RULES})
    faces = map_fonts(styles, mapping)
    parts = {}
    for name, footer in footers.items():
        root = etree.fromstring(footer.part.blob)
        strip_theme_fonts(root)
        faces |= map_fonts(root, mapping)
        if options.paper == "preprinted" and name == "word/footer3.xml":
            white_rules(root)
        if options.page_numbers == "center" and name != "word/footer3.xml":
            centre_page_numbers(root)
        parts[name] = xml_bytes(root)
    header = etree.fromstring(letter.first_page_header.part.blob)
    strip_theme_fonts(header)
    faces |= map_fonts(header, mapping)
    if options.paper == "preprinted":
        white_rules(header)
    try:
        letter_header = split_letter_header(header, ids["LetterMark"])
    except LookupError:
        raise TemplateError(path, ["信函首页页眉中没有“信函发文机关标志”样式的段落"]) from None
    parts["word/styles.xml"] = xml_bytes(styles)
    parts["word/fontTable.xml"] = font_table(faces, mapping)
    tab = doc.settings.element.find(f"{W}defaultTabStop")
    parts["word/settings.xml"] = settings_xml("word/footer2.xml" in parts, int(tab.get(f"{W}val")) if tab is not None else None)
    for box_id, (portrait, turned) in enumerate(TURNED_FOOTERS.items(), start=9001):
        if portrait in parts:
            parts[turned] = turned_footer(parts[portrait], page, box_id)
    zipped = {name: deflate(name, data) for name, data in parts.items()}
    return House(Path(path), ids, zipped, page, grid, round(letter.header_distance.twips), letter_header, options,
                 tuple(warnings), style_indents(styles, ids), style_metrics(styles, ids))


def load(path: Path, options: PrintOptions = PrintOptions()) -> House:
    """Read once per process, per file version and options."""
    stat = Path(path).stat()
    return _load(Path(path), stat.st_mtime_ns, stat.st_size, options)


@lru_cache(maxsize=4)
def _load(path: Path, _mtime: int, _size: int, options: PrintOptions) -> House:
    return read(path, options)
