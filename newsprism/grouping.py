"""Union-find: the one clustering primitive the stages share (stories from linked
articles, claims from aligned mentions, independent sources from derivations)."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


class UnionFind(Generic[K]):
    def __init__(self, items: Iterable[K] = ()) -> None:
        self._parent: dict[K, K] = {}
        for item in items:
            self.add(item)

    def add(self, item: K) -> None:
        self._parent.setdefault(item, item)

    def find(self, item: K) -> K:
        self.add(item)
        root = item
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[item] != root:
            self._parent[item], item = root, self._parent[item]
        return root

    def union(self, a: K, b: K) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self._parent[rb] = ra

    def groups(self) -> list[list[K]]:
        """The groups, each in insertion order, groups ordered by their first item."""
        out: dict[K, list[K]] = {}
        for item in self._parent:
            out.setdefault(self.find(item), []).append(item)
        return list(out.values())


def average_linkage(
    size: int,
    edges: Iterable[tuple[int, int, float]],
    threshold: float,
    groups: Iterable[Iterable[int]] = (),
    cohesion_ratio: float = 0.0,
) -> list[list[int]]:
    """Agglomerative clustering of items 0..size-1 with average linkage over a sparse graph.

    `edges` are (i, j, similarity) for the pairs that were compared; a pair not given counts
    as similarity 0. `groups` are clusters to start from (they only grow or merge). Two
    clusters merge, best pair first, while the mean similarity over all their cross pairs is
    at least `threshold` and at least `cohesion_ratio` times the mean similarity within the
    less cohesive of the two (clusters that started as `groups`, and single items, set no
    such bar: nothing is known of the pairs inside them).

    scipy's and scikit-learn's agglomerative clustering take neither clusters to start from
    nor a relative bar, and scipy's wants the dense distance matrix; hence this one.
    """
    import heapq

    parent = list(range(size))
    members: dict[int, list[int]] = {n: [n] for n in range(size)}
    for group in groups:
        items = list(group)
        for n in items[1:]:
            parent[n] = items[0]
            members[items[0]].extend(members.pop(n))
    # cluster -> sum of the similarities within it, for clusters that did not start as a group
    inside: dict[int, float] = {c: 0.0 for c, m in members.items() if len(m) == 1}
    root = [parent[n] for n in range(size)]
    links: dict[int, dict[int, float]] = {c: {} for c in members}
    for i, j, weight in edges:
        a, b = root[i], root[j]
        if a == b:
            continue
        links[a][b] = links[a].get(b, 0.0) + weight
        links[b][a] = links[b].get(a, 0.0) + weight
    version = dict.fromkeys(members, 0)

    def mean_inside(c: int) -> float | None:
        n = len(members[c])
        return inside[c] / (n * (n - 1) / 2) if c in inside and n > 1 else None


    def entry(a: int, b: int) -> tuple[float, int, int, int, int]:
        return (-links[a][b] / (len(members[a]) * len(members[b])), a, b, version[a], version[b])

    heap = [entry(a, b) for a in links for b in links[a] if a < b]
    heapq.heapify(heap)
    while heap:
        negative, a, b, va, vb = heapq.heappop(heap)
        if a not in members or b not in members or version[a] != va or version[b] != vb:
            continue  # a stale entry: one side merged since
        mean = -negative
        if mean < threshold:
            break
        bars = [m for m in (mean_inside(a), mean_inside(b)) if m is not None]
        if bars and mean < cohesion_ratio * min(bars):
            continue
        # merge b into a
        between = links[a].pop(b)
        links[b].pop(a)
        if a in inside and b in inside:
            inside[a] += inside.pop(b) + between
        else:
            inside.pop(a, None)
            inside.pop(b, None)
        members[a].extend(members.pop(b))
        for c, weight in links.pop(b).items():
            links[c].pop(b)
            links[a][c] = links[a].get(c, 0.0) + weight
            links[c][a] = links[a][c]
        version[a] += 1
        for c in links[a]:
            heapq.heappush(heap, entry(a, c) if a < c else entry(c, a))
    return sorted((sorted(m) for m in members.values()), key=lambda m: m[0])
