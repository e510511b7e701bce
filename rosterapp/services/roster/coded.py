"""Rows that have both a database id and a code the user types (shift types, beats):
one read-only lookup by either, built from one list so the two can never disagree."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Generic, Protocol, TypeVar


class _CodedRow(Protocol):
    @property
    def id(self) -> int | None: ...

    @property
    def code(self) -> str: ...


R = TypeVar("R", bound=_CodedRow)


class Coded(Generic[R]):
    def __init__(self, rows: Iterable[R]) -> None:
        self._by_code: dict[str, R] = {r.code: r for r in rows}
        self._by_id: dict[int | None, R] = {r.id: r for r in self._by_code.values()}

    def get(self, code: str | None) -> R | None:
        return self._by_code.get(code) if code is not None else None

    def by_id(self, row_id: int | None) -> R | None:
        return self._by_id.get(row_id) if row_id is not None else None

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_code)
