"""A cached attribute without a lock, for the objects built per sentence and per document.

:func:`functools.cached_property` takes a lock at every first access before Python 3.12
(about a microsecond: a few per cent of extraction when every sentence has several).
Objects here are never shared between threads while being built, so no lock is needed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar, overload

__all__ = ["cached"]

_T = TypeVar("_T")


class cached(Generic[_T]):
    """Like :func:`functools.cached_property`: computed at the first access, then kept in the
    instance's ``__dict__``, which later accesses read directly."""

    def __init__(self, func: Callable[[Any], _T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> cached[_T]: ...
    @overload
    def __get__(self, instance: object, owner: type | None = None) -> _T: ...
    def __get__(self, instance: object | None, owner: type | None = None) -> _T | cached[_T]:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.func(instance)
        return value
