"""A sparkline as plain SVG numbers (pure): the template draws the polyline, so no plotting library."""
from __future__ import annotations

from dataclasses import dataclass

WIDTH, HEIGHT, PAD = 96, 20, 2


@dataclass(frozen=True)
class Spark:
    points: str  # "x,y x,y ..." for <polyline points>
    last_x: float
    last_y: float
    width: int = WIDTH
    height: int = HEIGHT


def sparkline(values: list[int] | list[float]) -> Spark:
    """Values left to right (oldest first); the top of the box is the largest value, the bottom 0."""
    if not values:
        values = [0]
    top = max(values) or 1
    step = (WIDTH - 2 * PAD) / max(1, len(values) - 1)
    pts = [(PAD + i * step if len(values) > 1 else WIDTH / 2, HEIGHT - PAD - (HEIGHT - 2 * PAD) * v / top)
           for i, v in enumerate(values)]
    return Spark(" ".join(f"{x:.1f},{y:.1f}" for x, y in pts), round(pts[-1][0], 1), round(pts[-1][1], 1))
