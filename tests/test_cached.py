"""eventx.cached: a lock-free cached attribute."""

from __future__ import annotations

from eventx.cached import cached


class Counted:
    def __init__(self) -> None:
        self.calls = 0

    @cached
    def value(self) -> int:
        """The number of calls so far, plus one."""
        self.calls += 1
        return self.calls


def test_computed_once_then_read_from_the_instance() -> None:
    item = Counted()
    assert (item.value, item.value) == (1, 1)
    assert item.calls == 1
    assert item.__dict__["value"] == 1


def test_each_instance_has_its_own_value() -> None:
    first, second = Counted(), Counted()
    first.value  # noqa: B018 - computed on first only
    assert second.__dict__.get("value") is None
    assert second.value == 1


def test_the_class_attribute_is_the_descriptor_with_its_docstring() -> None:
    assert isinstance(Counted.value, cached)
    assert Counted.value.__doc__ == "The number of calls so far, plus one."
