"""Which free faces stand in for the official ones in PDFs, and whether they cover every character used."""
from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..render import layout as L
from ..render.env import environment

APT_LINE = "apt-get install -y fonts-noto-cjk fonts-arphic-ukai fonts-liberation texlive-lang-chinese"


def fontconfig_file(folder: Path) -> Path:
    """Write the project's fontconfig into folder and return its path (for FONTCONFIG_FILE)."""
    folder.mkdir(parents=True, exist_ok=True)
    aliases = {alias: L.PDF_SUBSTITUTES[official] for alias, official in L.PDF_ALIASES.items()}
    text = environment().get_template("fonts.conf.j2").render(
        substitutes={**L.PDF_SUBSTITUTES, **aliases}, dirs=[d for d in L.PDF_FONT_DIRS if Path(d).is_dir()])
    target = folder / "fonts.conf"
    target.write_text(text, encoding="utf-8")
    return target


def _run(args: list[str], env: dict | None = None) -> str:
    return subprocess.run(args, capture_output=True, text=True, env=env).stdout


def face_file(face: str, env: dict) -> Path | None:
    """The file fontconfig picks for a face, or None when it would fall back to another family."""
    out = _run(["fc-match", "--format=%{family}\n%{file}", face], env).split("\n")
    if len(out) < 2 or face.lower() not in out[0].lower():
        return None
    return Path(out[1])


def charset(font: Path, env: dict) -> set[int]:
    ranges = _run(["fc-query", "--format=%{charset}\n", str(font)], env).split()
    covered: set[int] = set()
    for item in ranges:
        low, _, high = item.partition("-")
        covered.update(range(int(low, 16), int(high or low, 16) + 1))
    return covered


def content_characters(root: Path) -> set[str]:
    """Every non-ASCII, non-space character in the content files and templates."""
    text = "".join(p.read_text(encoding="utf-8") for folder in (root, Path(environment().loader.searchpath[0]))
                   for p in sorted(folder.rglob("*")) if p.suffix in (".yaml", ".yml", ".j2"))
    return {ch for ch in text if ord(ch) > 0x7F and not ch.isspace()}


@dataclass
class Coverage:
    official: str
    face: str
    found: bool
    missing: list[str]

    def line(self) -> str:
        if not self.found:
            return f"{self.official} → {self.face}：未安装，将由其他字体代替（{APT_LINE}）"
        if not self.missing:
            return f"{self.official} → {self.face}：覆盖全部字符"
        return f"{self.official} → {self.face}：缺 {len(self.missing)} 个字符，将由其他字体补字：{''.join(self.missing)}"


def coverage(content_root: Path, env: dict) -> list[Coverage]:
    if shutil.which("fc-match") is None:
        return []
    characters = content_characters(content_root)
    report = []
    for official, (face, _weight) in L.PDF_SUBSTITUTES.items():
        if official == L.FONTS["latin"]:
            continue                        # the Latin face draws letters and digits; Chinese text is the others'
        font = face_file(face, env)
        covered = charset(font, env) if font else set()
        missing = sorted(ch for ch in characters if ord(ch) not in covered) if font else []
        report.append(Coverage(official, face, font is not None, missing))
    return report
