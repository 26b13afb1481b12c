"""WhatsApp formatting previews: the right tags, and never anyone else's."""

import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from templates_app.markup import fill_variables, render_markup

ALLOWED_TAGS = {
    "<strong>",
    "</strong>",
    "<em>",
    "</em>",
    "<s>",
    "</s>",
    "<code>",
    "</code>",
    "<br>",
    '<span class="var">',
    '<span class="var var-empty">',
    "</span>",
}


class TagChecker(HTMLParser):
    """Records tags and fails on any that is unbalanced."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open_tags = []
        self.unbalanced = False

    def handle_starttag(self, tag, attrs):
        if tag != "br":
            self.open_tags.append(tag)

    def handle_endtag(self, tag):
        if not self.open_tags or self.open_tags.pop() != tag:
            self.unbalanced = True


def assert_safe(html):
    tags = re.findall(r"<[^>]*>", html)
    assert set(tags) <= ALLOWED_TAGS, tags
    assert "<script" not in html.lower()
    assert "<img" not in html.lower()
    assert not any("onerror" in tag for tag in tags)
    checker = TagChecker()
    checker.feed(html)
    checker.close()
    assert not checker.unbalanced and not checker.open_tags, html


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("*bold*", "<strong>bold</strong>"),
        ("_italic_", "<em>italic</em>"),
        ("~strike~", "<s>strike</s>"),
        ("```mono```", "<code>mono</code>"),
        ("Say *hello world* now", "Say <strong>hello world</strong> now"),
        ("*_both_*", "<strong><em>both</em></strong>"),
        ("~*_all three_*~", "<s><strong><em>all three</em></strong></s>"),
        ("(*in brackets*)", "(<strong>in brackets</strong>)"),
        ("*bold*, then _it_.", "<strong>bold</strong>, then <em>it</em>."),
        ("```*not bold* inside```", "<code>*not bold* inside</code>"),
        ("one\ntwo", "one<br>two"),
        ("one\r\ntwo\rthree", "one<br>two<br>three"),
        ("", ""),
    ],
)
def test_formatting(text, html):
    assert render_markup(text) == html


@pytest.mark.parametrize(
    "text",
    [
        "* not bold *",
        "*not bold *",
        "* not bold*",
        "**",
        "*",
        "snake_case_name",
        "2*3*4",
        "a~b~c",
        "*across\nlines*",
        "``````",
        "``` spaced```",
        "_unclosed",
    ],
)
def test_markers_that_do_not_pair_stay_as_typed(text):
    html = render_markup(text)
    assert "<strong>" not in html and "<em>" not in html and "<s>" not in html and "<code>" not in html
    assert html == "<br>".join(text.split("\n"))


def test_doubled_markers_keep_the_outer_pair_literal():
    assert render_markup("**bold**") == "*<strong>bold</strong>*"


def test_unbalanced_markers_never_produce_unbalanced_tags():
    html = render_markup("*a _b* c_ ~d *e~ f*")
    assert_safe(html)


@pytest.mark.parametrize(
    ("text", "samples", "html"),
    [
        ("Hi {{1}}!", ["Ann"], 'Hi <span class="var">Ann</span>!'),
        ("Hi {{1}}!", [], 'Hi <span class="var var-empty">{{1}}</span>!'),
        ("Hi {{1}}!", None, 'Hi <span class="var var-empty">{{1}}</span>!'),
        ("Hi {{2}}!", ["Ann"], 'Hi <span class="var var-empty">{{2}}</span>!'),
        ("Hi {{1}}!", ["  "], 'Hi <span class="var var-empty">{{1}}</span>!'),
        ("Hi {{0}}!", ["Ann"], 'Hi <span class="var var-empty">{{0}}</span>!'),
        ("*{{1}}*", ["Ann"], '<strong><span class="var">Ann</span></strong>'),
        ("Hi {{1}}", ["*not bold*"], 'Hi <span class="var">*not bold*</span>'),
        ("Hi {{ 1 }}", ["Ann"], "Hi {{ 1 }}"),
        ("{{" + "9" * 5000 + "}}", ["Ann"], '<span class="var var-empty">{{' + "9" * 5000 + "}}</span>"),
    ],
)
def test_variables_show_their_samples(text, samples, html):
    assert render_markup(text, samples) == html


@pytest.mark.parametrize(
    ("text", "samples"),
    [
        ("<script>alert(1)</script>", []),
        ('<img src=x onerror="alert(1)">', []),
        ("*<b>bold</b>*", []),
        ("Hi {{1}}", ["<img src=x onerror=alert(1)>"]),
        ("Hi {{1}}", ['"><script>alert(document.cookie)</script>']),
        ("_<svg onload=alert(1)>_", []),
        ("```</code><script>x</script>```", []),
        ("&lt;script&gt;", ["&amp;"]),
        ('<a href="javascript:alert(1)">*x*</a>', []),
    ],
)
def test_user_html_comes_out_as_inert_text(text, samples):
    html = render_markup(text, samples)
    assert_safe(html)
    assert "&lt;" in html or "&amp;" in html


def test_escaping_is_complete():
    assert render_markup("a < b & \"c\" 'd' > e") == "a &lt; b &amp; &quot;c&quot; &#x27;d&#x27; &gt; e"
    assert render_markup("{{1}}", ["<&>\"'"]) == '<span class="var">&lt;&amp;&gt;&quot;&#x27;</span>'


@pytest.mark.parametrize(
    ("text", "samples", "filled"),
    [
        ("Hi {{1}}, order {{2}}.", ["Ann", "A-1"], "Hi Ann, order A-1."),
        ("Hi {{1}} and {{1}}", ["Ann"], "Hi Ann and Ann"),
        ("Hi {{2}}", ["Ann"], "Hi {{2}}"),
        ("Hi {{1}}", [""], "Hi {{1}}"),
        ("Hi {{1}}", ["<b>"], "Hi <b>"),
        ("Hi {{ 1 }}", ["Ann"], "Hi {{ 1 }}"),
        ("*{{1}}*", ["Ann"], "*Ann*"),
    ],
)
def test_fill_variables(text, samples, filled):
    assert fill_variables(text, samples) == filled


markup_text = st.one_of(
    st.text(max_size=80),
    st.text(alphabet=st.sampled_from(list("*_~` \n\r{}1a<>\"'&/=é😀")), max_size=200),
    st.lists(
        st.sampled_from(
            ["*", "_", "~", "```", " ", "\n", "{{1}}", "{{2}}", "word", "<script>", "<img src=x onerror=y>", "&", '"']
        ),
        max_size=80,
    ).map("".join),
)
samples = st.none() | st.lists(
    st.one_of(st.text(max_size=30), st.sampled_from(["<script>alert(1)</script>", "<img src=x onerror=y>", "*b*"])),
    max_size=3,
)


@settings(max_examples=200, deadline=None)
@given(markup_text, samples)
def test_any_text_renders_to_allowed_balanced_tags(text, sample_values):
    html = render_markup(text, sample_values)
    assert isinstance(html, str)
    assert_safe(html)
    if "onerror" not in text and not any("onerror" in value for value in sample_values or []):
        assert "onerror" not in html


@settings(max_examples=100, deadline=None)
@given(markup_text, samples)
def test_fill_variables_never_raises(text, sample_values):
    assert isinstance(fill_variables(text, sample_values or []), str)
