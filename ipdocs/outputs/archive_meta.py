"""What an archive package says about itself: per-record metadata (DA/T 46 element names), the XML catalogue
(文件目录.xml) and the 说明文件.txt. The XML follows templates/archive/metadata.xsd, which goes into every package."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata as package_metadata

from ..settings import TEMPLATES

NS = "urn:ipdocs:archive:1"
SCHEMA = TEMPLATES / "archive" / "metadata.xsd"
SCHEMA_NAME = "元数据结构.xsd"
METADATA_NAME = "元数据.xml"
CATALOGUE_NAME = "文件目录.xml"
README_NAME = "说明文件.txt"
ORIGINAL, PRESERVATION = "原件", "长期保存版本"
FORMATS = {".docx": "Office Open XML 文字处理文档（.docx）", ".doc": "Word 97-2003 文档（.doc）",
           ".md": "Markdown 文本（UTF-8）", ".txt": "纯文本", ".pdf": "PDF", ".png": "PNG 图像",
           ".jpg": "JPEG 图像", ".jpeg": "JPEG 图像", ".tif": "TIFF 图像", ".tiff": "TIFF 图像",
           ".xlsx": "Office Open XML 电子表格（.xlsx）", ".csv": "CSV 表格"}


@lru_cache(maxsize=1)
def ipdocs_version() -> str:
    try:
        return f"ipdocs {package_metadata.version('ipdocs')}"
    except package_metadata.PackageNotFoundError:
        return "ipdocs"


@dataclass(frozen=True)
class Stored:
    """One electronic file of a record as it goes into the package."""
    name: str
    data: bytes = field(repr=False)
    role: str                     # 原件 or 长期保存版本
    format: str
    creator: str
    source_sha256: str = ""       # for a PDF/A copy: the .docx it was made from

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def format_of(name: str) -> str:
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return FORMATS.get(suffix, f"{suffix or '无扩展名'} 文件")


@dataclass
class Piece:
    """A record as filed: its 档号, its folder in the package, its files, and the fields of the index."""
    reference: str
    piece: str
    retention: str
    code: str
    class_code: str
    title: str
    number: str
    author: str
    date: str          # YYYYMMDD
    kind: str
    pages: str
    indicators: str
    remark: str
    files: list[Stored]

    @property
    def folder(self) -> str:
        return f"文件/{self.reference}"


def _etree():
    from lxml import etree
    return etree


def _add(parent, tag: str, text: str = "", **attributes):
    element = _etree().SubElement(parent, f"{{{NS}}}{tag}", **attributes)
    element.text = text or None
    return element


def _xml(root) -> bytes:
    return _etree().tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def metadata_xml(piece: Piece, fonds: str, year: int, holder: str) -> bytes:
    """元数据.xml of one record."""
    root = _etree().Element(f"{{{NS}}}文件", nsmap={None: NS})
    _add(root, "聚合层次", "件")
    _add(_add(root, "来源"), "立档单位名称", holder)
    reference = _add(root, "档号")
    for tag, text in (("完整档号", piece.reference), ("全宗号", fonds), ("年度", str(year)), ("保管期限代码", piece.code)):
        _add(reference, tag, text)
    if piece.class_code:
        _add(reference, "机构或问题代码", piece.class_code)
    _add(reference, "件号", piece.piece)
    _description(_add(root, "内容描述"), piece)
    _add(_add(root, "形式特征"), "页数", piece.pages)
    for stored in piece.files:
        _electronic_file(root, stored)
    return _xml(root)


def _description(element, piece: Piece) -> None:
    for tag, text in (("题名", piece.title), ("文件编号", piece.number), ("责任者", piece.author), ("日期", piece.date),
                      ("文种", piece.kind), ("保管期限", piece.retention), ("密级", "")):
        _add(element, tag, text)
    if piece.indicators:
        _add(element, "考核指标", piece.indicators)
    if piece.remark:
        _add(element, "附注", piece.remark)


def _electronic_file(root, stored: Stored) -> None:
    element = _add(root, "电子文件", 用途=stored.role)
    _add(element, "计算机文件名", stored.name)
    _add(element, "计算机文件大小", str(len(stored.data)))
    _add(element, "格式信息", stored.format)
    _add(element, "文档创建程序", stored.creator)
    _add(element, "数字摘要", stored.sha256, 算法="SHA-256")
    if stored.source_sha256:
        _add(element, "来源文件摘要", stored.source_sha256, 算法="SHA-256")


def catalogue_xml(pieces: list[Piece], metadata: dict[str, bytes], fonds: str, year: int) -> bytes:
    """文件目录.xml: every record in index order, each pointing at its metadata file and that file's digest."""
    root = _etree().Element(f"{{{NS}}}文件目录", nsmap={None: NS}, 全宗号=fonds, 年度=str(year), 件数=str(len(pieces)))
    for piece in pieces:
        entry = _add(root, "条目")
        for tag, text in (("档号", piece.reference), ("件号", piece.piece), ("保管期限", piece.retention),
                          ("题名", piece.title), ("文件编号", piece.number), ("责任者", piece.author),
                          ("日期", piece.date), ("页数", piece.pages)):
            _add(entry, tag, text)
        path = f"{piece.folder}/{METADATA_NAME}"
        _add(entry, "元数据", path)
        _add(entry, "元数据摘要", hashlib.sha256(metadata[path]).hexdigest(), 算法="SHA-256")
    return _xml(root)


def schema_bytes() -> bytes:
    return SCHEMA.read_bytes()


@lru_cache(maxsize=1)
def schema():
    return _etree().XMLSchema(_etree().parse(str(SCHEMA)))


def readme_text(holder: str, fonds: str, year: int, as_of: str, pieces: list[Piece], producers: list[str]) -> str:
    """说明文件.txt: who made the package, when, with what, what is in it, how to check it."""
    by_class = {}
    for p in pieces:
        by_class[p.retention] = by_class.get(p.retention, 0) + 1
    classes = "，".join(f"{term} {count} 件" for term, count in by_class.items()) or "无"
    made_with = ipdocs_version() + (f"；PDF/A-2b 由 {'、'.join(producers)} 转换" if producers else "")
    return "\n".join([
        f"{year}年度档案包说明文件", "",
        f"档案包：{year}年度档案（版本见文件夹名 _v1、_v2……）",
        f"立档单位（打包者）：{holder}",
        f"全宗号：{fonds}；年度：{year}；共 {len(pieces)} 件（{classes}）",
        f"打包日期：{as_of}（取本年度文件的最晚日期，同样的内容总是得到字节相同的档案包）",
        f"制作程序：{made_with}",
        "", "内容：",
        f"  {CATALOGUE_NAME}      全部件的目录（XML），按保管期限、件号排列，每件指向其元数据",
        "  归档文件目录.docx/.csv  按 DA/T 22-2015 编制的归档文件目录（CSV 带 BOM，Excel、WPS 可直接打开）",
        "  考核指标证明材料索引.docx/.csv  各考核指标可由哪些件证明（有考核方案的年度）",
        f"  文件/<档号>/           每件一个文件夹：原件（公文 .docx 或证明材料），公文的长期保存版本（PDF/A-2b），"
        f"以及 {METADATA_NAME}（DA/T 46 元素名：题名、文件编号、责任者、日期、保管期限、密级、格式信息、计算机文件名、"
        "计算机文件大小、文档创建程序、数字摘要）",
        f"  {SCHEMA_NAME}        {METADATA_NAME} 与 {CATALOGUE_NAME} 的 XML Schema",
        "  档号：全宗号-年度-保管期限代码（Y 永久、D30 定期30年、D10 定期10年）[-机构（问题）代码]-件号，"
        "件号在每个保管期限内从 0001 起编",
        "", "校验方法：",
        "  本包是 BagIt 包（RFC 8493）：data/ 之外的 manifest-sha256.txt、manifest-sha512.txt 列出 data/ 下每个文件的摘要，"
        "tagmanifest-*.txt 列出这些清单的摘要。",
        f"  用 ipdocs 校验：ipdocs verify <本文件夹或 .zip>，逐一核对每个文件和每件的 {METADATA_NAME}（文件名、大小、SHA-256）。",
        "  没有 ipdocs 时：在包的文件夹中运行 sha256sum -c manifest-sha256.txt，或用任何 BagIt 工具（如 bagit.py --validate）。",
        "  封存后的版本不再改动；内容变化时生成新版本（_v2、_v3……），旧版本原样保留。", ""])
