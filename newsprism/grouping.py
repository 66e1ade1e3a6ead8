"""Union-find: the one clustering primitive the stages share (stories from linked
articles, claims from aligned mentions, independent sources from derivations)."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
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
    between_groups: Callable[[list[int], list[int]], float] | None = None,
) -> list[list[int]]:
    """Agglomerative clustering of items 0..size-1 with average linkage over a sparse graph.

    `edges` are (i, j, similarity), each pair once; a pair not given counts as similarity 0.
    `groups` are clusters to start from (earlier stories): they only grow or merge, and the
    pairs between their items were not compared. Two clusters that both hold such items merge
    only when the mean over their compared pairs passes and, if `between_groups` is given,
    so does the mean over all their pairs, with `between_groups(items_a, items_b)` giving
    the summed similarity of the uncompared ones (an estimate the caller can make without
    comparing them one by one). Clusters merge, the pair with the highest mean first, while
    that mean is at least `threshold`.

    scipy's and scikit-learn's agglomerative clustering take no clusters to start from and
    no pairs left uncompared (scipy's also wants the dense distance matrix); hence this one.
    """
    import heapq

    members: dict[int, list[int]] = {n: [n] for n in range(size)}
    root = list(range(size))
    # cluster -> its items that came in a starting group: the pairs among those items
    # (within and across groups) were not compared
    grouped: dict[int, list[int]] = {}
    for group in groups:
        items = list(group)
        for n in items[1:]:
            root[n] = items[0]
            members[items[0]].extend(members.pop(n))
        if items:
            grouped[items[0]] = items
    links: dict[int, dict[int, float]] = {c: {} for c in members}
    for i, j, weight in edges:
        a, b = root[i], root[j]
        if a != b:
            links[a][b] = links[a].get(b, 0.0) + weight
            links[b][a] = links[a][b]
    version = dict.fromkeys(members, 0)

    def entry(a: int, b: int) -> tuple[float, int, int, int, int]:
        total, pairs = links[a][b], len(members[a]) * len(members[b])
        if a in grouped and b in grouped:
            uncompared = len(grouped[a]) * len(grouped[b])
            mean = total / (pairs - uncompared) if pairs > uncompared else 0.0
            if mean >= threshold and between_groups is not None:
                # the compared pairs pass; so must all pairs (asked only now: it costs more)
                mean = min(mean, (total + between_groups(grouped[a], grouped[b])) / pairs)
        else:
            mean = total / pairs
        return (-mean, min(a, b), max(a, b), version[min(a, b)], version[max(a, b)])

    heap = [entry(a, b) for a in links for b in links[a] if a < b]
    heapq.heapify(heap)
    while heap:
        negative, a, b, va, vb = heapq.heappop(heap)
        if a not in members or b not in members or version[a] != va or version[b] != vb:
            continue  # a stale entry: one side merged since
        if -negative < threshold:
            break
        # merge b into a
        links[a].pop(b)
        links[b].pop(a)
        members[a].extend(members.pop(b))
        if a in grouped or b in grouped:
            grouped[a] = grouped.get(a, []) + grouped.pop(b, [])
        for c, weight in links.pop(b).items():
            links[c].pop(b)
            links[a][c] = links[a].get(c, 0.0) + weight
            links[c][a] = links[a][c]
        version[a] += 1
        for c in links[a]:
            heapq.heappush(heap, entry(a, c))
    return sorted((sorted(m) for m in members.values()), key=lambda m: m[0])
