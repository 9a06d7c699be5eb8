"""`{% error_summary form other_form formset %}`: one list of what is wrong, at the top
of a form that came back invalid, that screen readers announce and keyboard users land on
(site.js moves the focus to it), each error a link to its field."""

from __future__ import annotations

from django import forms, template
from django.forms.boundfield import BoundWidget
from django.template.loader import render_to_string

register = template.Library()


def _errors(form) -> list[tuple[str, str, str]]:
    """(field id or "", label or "", message) of every error of a form or formset."""
    if isinstance(form, forms.BaseFormSet):
        out = [("", "", str(e)) for e in form.non_form_errors()]
        for sub in form.forms:
            out += _errors(sub)
        return out
    if not isinstance(form, forms.BaseForm) or not form.is_bound:
        return []
    out = [("", "", str(e)) for e in form.non_field_errors()]
    for bound in form:
        for e in bound.errors:
            if bound.is_hidden:
                out.append(("", "", str(e)))
            else:
                out.append((_target(bound), bound.label, str(e)))
    return out


def _target(bound) -> str:
    """The id of the control the summary's link focuses: a radio or checkbox group's
    first option."""
    if bound.use_fieldset:
        return f"{bound.auto_id}_0"
    return bound.id_for_label or bound.auto_id


@register.filter
def described(bound):
    """The field's widget; a radio or checkbox group (which Django describes only on
    its fieldset) gets aria-describedby on each option, so its error is read out."""
    ids = bound.aria_describedby
    if bound.use_fieldset and ids:
        return bound.as_widget(attrs={"aria-describedby": ids})
    return bound


@register.filter
def options(bound):
    """The options of a radio or checkbox group laid out by hand in a template, each
    described by the group's error and help text (Django describes only the fieldset
    it would render itself), so the error is read out on every option."""
    attrs = bound.build_widget_attrs({"id": bound.auto_id} if bound.auto_id else {})
    if ids := bound.aria_describedby:
        attrs["aria-describedby"] = ids
    widget = bound.field.widget
    return [
        BoundWidget(widget, sub, bound.form.renderer)
        for sub in widget.subwidgets(bound.html_name, bound.value(), attrs=attrs)
    ]


@register.simple_tag(takes_context=True)
def error_summary(context, *forms_) -> str:
    errors = [e for f in forms_ if f for e in _errors(f)]
    if not errors:
        return ""
    first = next(f for f in forms_ if f)
    prefix = getattr(first, "prefix", None) or "form"
    return render_to_string(
        "coalition/includes/error_summary.html",
        {"errors": errors, "summary_id": f"{prefix}-error-summary"},
        request=context.get("request"),
    )
