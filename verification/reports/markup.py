"""Rationale Markdown as simple blocks of styled runs, for writers that cannot take HTML.

The Markdown is first rendered and sanitised (formatting.render_markdown), then this parser
flattens the few tags that survive into paragraphs, list items, quotes and headings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from verification.reports.formatting import render_markdown

BLOCK_TAGS = {"p", "li", "blockquote", "h3", "h4", "h5", "h6", "pre", "tr"}


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    href: str | None = None


@dataclass
class Block:
    kind: str  # "paragraph", "bullet", "number", "quote", "heading", "code"
    runs: list[Run] = field(default_factory=list)
    number: int | None = None  # position in an ordered list

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


class _BlockParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.open_tags: list[str] = []
        self.list_counters: list[int | None] = []  # None for <ul>, a counter for <ol>
        self.href: str | None = None
        self.current: Block | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.open_tags.append(tag)
        if tag == "ul":
            self.list_counters.append(None)
        elif tag == "ol":
            self.list_counters.append(0)
        elif tag == "a":
            self.href = dict(attrs).get("href")
        elif tag == "br" and self.current is not None:
            self.current.runs.append(Run("\n"))
        if tag in BLOCK_TAGS:
            self.current = self._new_block(tag)
            self.blocks.append(self.current)

    def _new_block(self, tag: str) -> Block:
        if tag == "li" and self.list_counters and self.list_counters[-1] is not None:
            self.list_counters[-1] += 1
            return Block("number", number=self.list_counters[-1])
        kinds = {"li": "bullet", "blockquote": "quote", "pre": "code", "p": "paragraph"}
        if tag == "p" and "blockquote" in self.open_tags[:-1]:
            return Block("quote")
        return Block(kinds.get(tag, "heading" if tag.startswith("h") else "paragraph"))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open_tags:
            while self.open_tags and self.open_tags.pop() != tag:
                pass
        if tag in ("ul", "ol") and self.list_counters:
            self.list_counters.pop()
        elif tag == "a":
            self.href = None
        if tag in BLOCK_TAGS:
            self.current = None

    def handle_data(self, data: str) -> None:
        if not data.strip() and self.current is None:
            return
        if self.current is None:
            self.current = Block("paragraph")
            self.blocks.append(self.current)
        self.current.runs.append(
            Run(
                data,
                bold=bool({"strong", "b", "th"} & set(self.open_tags)),
                italic=bool({"em", "i"} & set(self.open_tags)),
                code="code" in self.open_tags,
                href=self.href,
            )
        )


def markdown_blocks(text: str) -> list[Block]:
    parser = _BlockParser()
    parser.feed(render_markdown(text))
    parser.close()
    return [block for block in parser.blocks if block.text.strip()]
