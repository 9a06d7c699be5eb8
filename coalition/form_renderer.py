"""The form renderer: Django's own (`DjangoTemplates`), with its plainest widget
templates written in Python.

Every list page renders its filter form, and each `<select>` went through the template
engine once for the select and once more per option, each with an include for the
attributes: the practice list's ten filters were a tenth of its page (issue 15). Here
`select.html` with its `select_option.html` options and the `<input>` templates
(`text.html`, `number.html`, ... which only include `input.html`) are joined in Python,
value by value as the template engine renders them (`render_value_in_context`, and
`stringformat:'s'` keeping a safe value safe). Every other template, and a select whose
option names another template, goes through the engine as before.
`tests/coalition/test_form_renderer.py` renders the same widgets both ways and compares
the markup, and checks that the input templates still only include `input.html`.
"""

from __future__ import annotations

from collections.abc import Callable

from django.forms.renderers import DjangoTemplates
from django.template.base import render_value_in_context
from django.template.defaultfilters import stringformat
from django.utils.safestring import SafeData, mark_safe

WIDGETS = "django/forms/widgets/"
OPTION_TEMPLATE = WIDGETS + "select_option.html"
# The templates that are `{% include "django/forms/widgets/input.html" %}` and nothing
# else (the test reads each of them).
INPUT_TEMPLATES: frozenset[str] = frozenset(
    WIDGETS + name
    for name in (
        "checkbox.html",
        "color.html",
        "date.html",
        "datetime.html",
        "email.html",
        "hidden.html",
        "number.html",
        "password.html",
        "search.html",
        "tel.html",
        "text.html",
        "time.html",
        "url.html",
    )
)


class _Context:
    """What `render_value_in_context` reads of the template context the renderer makes
    (`Context(...)` of the forms engine: autoescaping on, the active settings)."""

    autoescape = True
    use_l10n = None
    use_tz = None


_CONTEXT = _Context()


def _value(value) -> str:
    """`{{ value }}`."""
    return render_value_in_context(value, _CONTEXT)


def _as_string(value) -> str:
    """`{{ value|stringformat:'s' }}` (a safe value stays safe, as the filter is
    is_safe)."""
    out = stringformat(value, "s")
    if isinstance(value, SafeData):
        out = mark_safe(out)  # noqa: S308 - the input was already safe
    return _value(out)


def _attrs(attrs: dict) -> str:
    """`django/forms/widgets/attrs.html`."""
    parts = []
    for name, value in attrs.items():
        if value is not False:
            parts.append(" " + _value(name))
            if value is not True:
                parts.append(f'="{_as_string(value)}"')
    return "".join(parts)


def _input(widget: dict) -> str:
    """`django/forms/widgets/input.html`."""
    value = widget["value"]
    shown = f' value="{_as_string(value)}"' if value != None else ""  # noqa: E711 - as the template
    return (
        f'<input type="{_value(widget["type"])}" name="{_value(widget["name"])}"'
        f"{shown}{_attrs(widget['attrs'])}>"
    )


def _select(widget: dict) -> str | None:
    """`django/forms/widgets/select.html` with its options; None when an option has a
    template of its own."""
    parts = [f'<select name="{_value(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_value(group_name)}">')
        for option in group_choices:
            if option["template_name"] != OPTION_TEMPLATE:
                return None
            parts.append(
                f'\n  <option value="{_as_string(option["value"])}"'
                f"{_attrs(option['attrs'])}>{_value(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


_IN_PYTHON: dict[str, Callable[[dict], str | None]] = {
    WIDGETS + "select.html": _select,
    **dict.fromkeys(INPUT_TEMPLATES, _input),
}


class FastWidgetRenderer(DjangoTemplates):
    """`DjangoTemplates`, with the templates above joined in Python."""

    def render(self, template_name, context, request=None):
        write = _IN_PYTHON.get(template_name)
        if write is not None and "widget" in context:
            html = write(context["widget"])
            if html is not None:
                return html
        return super().render(template_name, context, request=request)
