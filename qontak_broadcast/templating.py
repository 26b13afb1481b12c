"""Templates compiled once per interface language, with their fixed words and static files' URLs written in.

Every `{% translate "…" %}` and every `{% blocktranslate %}` without
variables looks its message up in the catalogue on each render: step 2 of
the wizard has about sixty, each a few microseconds of gettext and template
machinery, the same words for every reader of a language. This loader is
Django's cached loader with one compiled copy of a template per active
language, in which each such tag is replaced by the text it renders in that
language (escaped as the tag escapes it) and neighbouring text is joined.
Tags with variables, filters, `as`, a plural or a context given by a variable
are left to render as usual.

`{% static "literal/path" %}` is replaced by its URL the same way: with the
manifest storage each one looked its hashed name up on every render (about
40 us). URLs change with STATIC_URL or the storage, and the compiled
templates are dropped when a test changes either.

A template fetched in one language and rendered in another (held across a
`translation.override`) renders its untouched copy, so the words are always
those of the language active while rendering. Templates that switch language
inside (`{% language %}`) keep that part as written.
"""

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template import Context, Template, engines
from django.template.base import NodeList, TextNode, TokenType, Variable
from django.template.defaulttags import AutoEscapeControlNode, IfNode
from django.template.exceptions import TemplateDoesNotExist
from django.template.loaders import base, cached
from django.templatetags.i18n import BlockTranslateNode, LanguageNode, TranslateNode
from django.templatetags.static import StaticNode
from django.utils.functional import cached_property
from django.utils.translation import get_language


def _literal(expression) -> bool:
    """A FilterExpression that is a literal without filters (a resolved string, or a literal Variable)."""
    if expression.filters:
        return False
    return isinstance(expression.var, str) or (isinstance(expression.var, Variable) and expression.var.lookups is None)


def _fixed(node) -> bool:
    """A translation tag that renders the same text for every reader of a language, or a static file's URL."""
    if isinstance(node, StaticNode):
        return node.varname is None and _literal(node.path)
    no_context = getattr(node, "message_context", None) is None or _literal(node.message_context)
    if isinstance(node, TranslateNode):
        return not node.asvar and no_context and _literal(node.filter_expression)
    if isinstance(node, BlockTranslateNode):
        return (
            not node.extra_context
            and not node.countervar
            and not node.plural
            and not node.asvar
            and no_context
            and all(token.token_type == TokenType.TEXT for token in node.singular)
        )
    return False


class _Folder:
    def __init__(self, template: Template):
        self.template = template

    def text_of(self, node, autoescape: bool) -> str:
        context = Context(autoescape=autoescape)
        context.template = self.template
        return node.render(context)

    def fold(self, nodelist: NodeList, autoescape: bool) -> None:
        folded: list = []
        for node in nodelist:
            if _fixed(node):
                node = TextNode(self.text_of(node, autoescape))
            else:
                self.descend(node, autoescape)
            if isinstance(node, TextNode) and folded and type(folded[-1]) is TextNode:
                folded[-1] = TextNode(folded[-1].s + node.s)
            else:
                folded.append(node)
        nodelist[:] = folded

    def descend(self, node, autoescape: bool) -> None:
        if isinstance(node, LanguageNode):
            return  # renders its part in another language
        if isinstance(node, AutoEscapeControlNode):
            autoescape = node.setting
        if isinstance(node, IfNode):
            for _condition, nodelist in node.conditions_nodelists:
                self.fold(nodelist, autoescape)
            return
        for attr in node.child_nodelists:
            nodelist = getattr(node, attr, None)
            if isinstance(nodelist, NodeList):
                self.fold(nodelist, autoescape)


class _CompiledNodeList(NodeList):
    """A compiled template's top-level nodes. They never change once compiled and folded, so the nodes of a type
    are looked for once: {% extends %} looks for its root template's blocks on every render, a walk of every
    node of the layout."""

    def get_nodes_by_type(self, nodetype):
        found = self.__dict__.setdefault("_by_type", {})
        if nodetype not in found:
            found[nodetype] = super().get_nodes_by_type(nodetype)
        return found[nodetype]


class TranslatedTemplate(Template):
    """A template whose fixed words are in `language`; in any other language it renders `generic`."""

    def __init__(self, template_string, origin=None, name=None, engine=None):
        super().__init__(template_string, origin, name, engine)
        self.language = get_language()
        _Folder(self).fold(self.nodelist, self.engine.autoescape)
        self.nodelist = _CompiledNodeList(self.nodelist)

    @cached_property
    def generic(self) -> Template:
        return Template(self.source, self.origin, self.name, self.engine)

    def _render(self, context):
        if get_language() != self.language:
            return self.generic._render(context)
        return super()._render(context)


class _TranslatingLoader(base.Loader):
    def get_template(self, template_name, skip=None):
        # Django's base.Loader.get_template, building a TranslatedTemplate.
        tried = []
        for origin in self.get_template_sources(template_name):
            if skip is not None and origin in skip:
                tried.append((origin, "Skipped to avoid recursion"))
                continue
            try:
                contents = self.get_contents(origin)
            except TemplateDoesNotExist:
                tried.append((origin, "Source does not exist"))
                continue
            return TranslatedTemplate(contents, origin, origin.template_name, self.engine)
        raise TemplateDoesNotExist(template_name, tried=tried)


class Loader(cached.Loader, _TranslatingLoader):
    """Django's cached loader (reset on template changes while DEBUG is on), one entry per language."""

    def cache_key(self, template_name, skip=None):
        return f"{super().cache_key(template_name, skip)}@{get_language()}"


@receiver(setting_changed)
def _static_urls_changed(*, setting, **kwargs) -> None:
    if setting in ("STATIC_URL", "STORAGES", "STATIC_ROOT"):
        for engine in engines.all():
            for loader in getattr(getattr(engine, "engine", None), "template_loaders", ()):
                if isinstance(loader, Loader):
                    loader.reset()
