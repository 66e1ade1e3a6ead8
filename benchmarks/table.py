"""The one-table layout every benchmark script prints: text columns left-aligned, figures
right-aligned, a rule under the header."""

from __future__ import annotations

from collections.abc import Sequence


def format_figure(value: float | int | None, rate: bool = False) -> str:
    """A count as is, a rate to one decimal, a score to three; '-' when there is none."""
    if value is None:
        return "-"
    if isinstance(value, int):
        return str(value)
    return f"{value:.1f}" if rate else f"{value:.3f}"


def format_table(header: Sequence[str], rows: Sequence[Sequence[str]], text_columns: int = 2) -> str:
    """`rows` of already formatted cells; the first `text_columns` are left-aligned."""
    cells = [tuple(header), *(tuple(r) for r in rows)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]

    def line(row: tuple[str, ...]) -> str:
        return " | ".join(c.ljust(w) if i < text_columns else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True)))

    rule = "-+-".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), rule] + [line(row) for row in cells[1:]])
