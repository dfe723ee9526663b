"""Text on its way to a terminal: control characters shown as escapes, never obeyed."""

from __future__ import annotations

import json


def escape_controls(text: str, *, keep: str = "\n\t") -> str:
    r"""*text* with every character a terminal could act on written as its escape.

    Unprintable characters are escaped: ESC, which starts the sequences that
    retitle a window or clear the screen, BEL, the C1 controls such as CSI,
    and the invisible formatting characters that reorder what is shown.

    Args:
        text: What is about to be shown.
        keep: Characters left as they are: line breaks and tabs, by default.

    Example:
        >>> escape_controls("\x1b]0;owned\x07Lavrov")
        '\\x1b]0;owned\\x07Lavrov'
        >>> escape_controls("two\nlines", keep="")
        'two\\nlines'
    """
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() or char in keep else repr(char)[1:-1] for char in text)


def json_for_terminal(value: object) -> str:
    r"""*value* as indented JSON with every unprintable character as a ``\uXXXX`` escape.

    :func:`json.dumps` escapes only the C0 controls when it keeps other
    characters as they are; DEL, the C1 controls and the like it writes raw.

    Example:
        >>> json_for_terminal({"name": "x\x9by"})
        '{\n  "name": "x\\u009by"\n}'
    """
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return "".join(char if char.isprintable() or char == "\n" else json.dumps(char)[1:-1] for char in text)
