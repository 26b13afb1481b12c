// Template wizard, step 2 (one language's content): live WhatsApp preview,
// counters, formatting buttons, variables and their samples, interactive
// buttons and autosave.
//
// Enhancement only: without this script the form posts as usual, the
// structural buttons ("+ Add Variable", "+ Quick Reply", move, remove) are
// submit buttons the server acts on, and the server renders the preview.
// Everything here is delegated from `document` and looks elements up when it
// needs them, so parts of the page swapped by htmx keep working. The file is
// pure ASCII (other characters as \u escapes): static files may be served
// without a charset.
(function () {
  "use strict";

  // --- words in the page's language ---------------------------------------------
  // Django's JavaScript catalogue (/jsi18n/, loaded before this script) gives
  // gettext, ngettext and interpolate; without it the English source stands.
  const gettext = window.gettext || function (text) { return text; };
  const ngettext = window.ngettext || function (one, many, count) { return count === 1 ? one : many; };
  const interpolate = window.interpolate || function (format, values, named) {
    return named ? format.replace(/%\(\w+\)s/g, function (match) { return String(values[match.slice(2, -2)]); }) : format;
  };

  // --- WhatsApp markup ------------------------------------------------------
  // The browser's copy of templates_app/markup.py, so the preview follows every
  // keystroke without a round trip. tests/browser/test_preview_parity.py runs
  // the server's markup cases through both and requires the same HTML. All
  // user text leaves through escapeHtml; the only tags made are <strong>,
  // <em>, <s>, <code>, <br> and the two variable spans.

  const MARKER_TAGS = { "*": "strong", "_": "em", "~": "s" };
  const MONO = "```";
  const TEXT = "text";
  const VARIABLE = "variable";
  const MARKER = "marker";
  const MONO_MARKER = "mono";
  // Numbered ({{1}}) and named ({{order_id}}) variables alike, as on the server.
  const ATOM = /(\{\{[a-z0-9_]+\}\})|(```)|([*_~])|([^{*_~`]+|[{`])/g;
  // Python's str.isspace(), character for character (JavaScript's \s differs).
  const PY_SPACE_CHARS = "\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  const PY_SPACE = new RegExp("[" + PY_SPACE_CHARS + "]");
  const PY_BLANK = new RegExp("^[" + PY_SPACE_CHARS + "]*$");
  // Python's str.isalnum() is Unicode letters and numbers. Property escapes are
  // built at run time so an engine without them still parses this file.
  const ALNUM = (function () {
    try {
      return new RegExp("^[\\p{L}\\p{N}]$", "u");
    } catch (error) {
      return null;
    }
  })();
  const HTML_ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (character) {
      return HTML_ESCAPES[character];
    });
  }

  function isAlnum(character) {
    if (ALNUM) return ALNUM.test(character);
    return /[0-9]/.test(character) || character.toLowerCase() !== character.toUpperCase();
  }

  function isBlank(text) {
    return text === undefined || text === null || PY_BLANK.test(text);
  }

  // First and last code point (Python indexes code points, not UTF-16 units).
  function firstChar(text) {
    return String.fromCodePoint(text.codePointAt(0));
  }

  function lastChar(text) {
    const n = text.length;
    const low = text.charCodeAt(n - 1);
    if (n > 1 && low >= 0xdc00 && low <= 0xdfff) {
      const high = text.charCodeAt(n - 2);
      if (high >= 0xd800 && high <= 0xdbff) return text.slice(n - 2);
    }
    return text.charAt(n - 1);
  }

  // Samples keyed as the variables are written ("1", "order_id"); an array is
  // numbered samples, the first being {{1}}'s.
  function sampleMap(samples) {
    const map = Object.create(null);
    if (!samples) return map;
    if (Array.isArray(samples)) {
      samples.forEach(function (value, index) {
        map[String(index + 1)] = String(value);
      });
    } else {
      Object.keys(samples).forEach(function (key) {
        map[key] = String(samples[key]);
      });
    }
    return map;
  }

  function renderMarkup(text, samples) {
    samples = sampleMap(samples);
    return String(text)
      .replace(/\r\n/g, "\n")
      .replace(/\r/g, "\n")
      .split("\n")
      .map(function (line) {
        return renderLine(line, samples);
      })
      .join("<br>");
  }

  function renderLine(line, samples) {
    const atoms = [];
    let match;
    ATOM.lastIndex = 0;
    while ((match = ATOM.exec(line)) !== null) {
      if (match[1]) atoms.push({ kind: VARIABLE, text: match[1] });
      else if (match[2]) atoms.push({ kind: MONO_MARKER, text: match[2] });
      else if (match[3]) atoms.push({ kind: MARKER, text: match[3] });
      else atoms.push({ kind: TEXT, text: match[0] });
    }
    return renderAtoms(atoms, 0, atoms.length, closersOf(atoms), samples);
  }

  // Positions where each marker could close a span, in order.
  function closersOf(atoms) {
    const closers = { "*": [], _: [], "~": [] };
    closers[MONO] = [];
    atoms.forEach(function (atom, index) {
      if (atom.kind === MARKER) {
        if (!endsWithSpace(atoms, index - 1) && !startsWord(atoms, index + 1)) closers[atom.text].push(index);
      } else if (atom.kind === MONO_MARKER && !endsWithSpace(atoms, index - 1)) {
        closers[MONO].push(index);
      }
    });
    return closers;
  }

  function renderAtoms(atoms, start, end, closers, samples) {
    let html = "";
    let index = start;
    while (index < end) {
      const atom = atoms[index];
      let closer = null;
      if (atom.kind === MARKER && !endsWord(atoms, index - 1) && !sameMarkerNext(atoms, index)) {
        closer = firstCloser(closers[atom.text], index, end, atoms);
      } else if (atom.kind === MONO_MARKER) {
        closer = firstCloser(closers[MONO], index, end, atoms);
      }
      if (closer === null) {
        html += literal(atom, samples);
        index += 1;
        continue;
      }
      if (atom.kind === MONO_MARKER) {
        // Monospace text is shown as typed: no formatting inside.
        let inner = "";
        for (let k = index + 1; k < closer; k += 1) inner += literal(atoms[k], samples);
        html += "<code>" + inner + "</code>";
      } else {
        const tag = MARKER_TAGS[atom.text];
        html += "<" + tag + ">" + renderAtoms(atoms, index + 1, closer, closers, samples) + "</" + tag + ">";
      }
      index = closer + 1;
    }
    return html;
  }

  function firstCloser(candidates, opener, end, atoms) {
    if (opener + 1 >= end || startsWithSpace(atoms, opener + 1)) return null;
    // bisect_left(candidates, opener + 2)
    let low = 0;
    let high = candidates.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (candidates[middle] < opener + 2) low = middle + 1;
      else high = middle;
    }
    return low < candidates.length && candidates[low] < end ? candidates[low] : null;
  }

  function literal(atom, samples) {
    if (atom.kind !== VARIABLE) return escapeHtml(atom.text);
    const sample = sampleFor(atom.text.slice(2, -2), samples);
    if (sample === null) return '<span class="var var-empty">' + escapeHtml(atom.text) + "</span>";
    return '<span class="var">' + escapeHtml(sample) + "</span>";
  }

  function sampleFor(key, samples) {
    // Looked up as written: "01" is not "1" (the server agrees).
    const sample = samples[key];
    return sample === undefined || isBlank(sample) ? null : sample;
  }

  // "**bold**" reads as "*" + bold + "*", the outer pair staying literal.
  function sameMarkerNext(atoms, index) {
    const next = atoms[index + 1];
    return Boolean(next) && next.kind === atoms[index].kind && next.text === atoms[index].text;
  }

  // Neighbour tests: a variable counts as a word, a marker as punctuation.
  function endsWord(atoms, index) {
    if (index < 0) return false;
    const atom = atoms[index];
    return atom.kind === VARIABLE || (atom.kind === TEXT && isAlnum(lastChar(atom.text)));
  }

  function startsWord(atoms, index) {
    if (index >= atoms.length) return false;
    const atom = atoms[index];
    return atom.kind === VARIABLE || (atom.kind === TEXT && isAlnum(firstChar(atom.text)));
  }

  function endsWithSpace(atoms, index) {
    return index < 0 || (atoms[index].kind === TEXT && PY_SPACE.test(lastChar(atoms[index].text)));
  }

  function startsWithSpace(atoms, index) {
    return index >= atoms.length || (atoms[index].kind === TEXT && PY_SPACE.test(firstChar(atoms[index].text)));
  }

  // --- end of the markup port -----------------------------------------------

  // The content vocabulary and its limits come from the server
  // (templates_app.spec.browser_vocabulary, built from rules.py and media.py),
  // sent once with json_script: nothing here repeats a number or a kind.
  const VOCABULARY = (function () {
    const element = document.getElementById("wizard-vocabulary");
    try {
      return element ? JSON.parse(element.textContent) : null;
    } catch (error) {
      return null;
    }
  })() || { limits: {}, button_kinds: {}, media: {}, variable_name: "[a-z][a-z0-9_]*" };
  const LIMITS = VOCABULARY.limits;
  const KINDS = VOCABULARY.button_kinds;
  const MEDIA = VOCABULARY.media;
  const COUNTER_LIMITS = { body: LIMITS.body, header_text: LIMITS.header_text, footer: LIMITS.footer };
  const VARIABLE_NAME = new RegExp("^" + VOCABULARY.variable_name + "$");
  const FORMAT_MARKERS = { bold: "*", italic: "_", strike: "~" };
  const VARIABLE_KEY = /\{\{([a-z0-9_]+)\}\}/g;

  const AUTOSAVE_DELAY = 1500;
  const AUTOSAVE_EVERY = 15000;
  const RETRY_FIRST = 2000;
  const RETRY_MAX = 30000;
  const SAVE_TIMEOUT = 20000;
  const TAB_WAIT = 3000;

  function $(selector, root) {
    return (root || document).querySelector(selector);
  }

  function $$(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }

  function getForm() {
    return document.getElementById("content-form");
  }

  function field(name) {
    const form = getForm();
    return form ? form.querySelector('[name="' + name + '"]') : null;
  }

  function valueOf(name) {
    const element = field(name);
    return element ? element.value : "";
  }

  function bodyField() {
    const form = getForm();
    return form ? form.querySelector('textarea[name="body"]') : null;
  }

  function fireInput(element) {
    element.dispatchEvent(new Event("input", { bubbles: true }));
  }

  // A copy of a <template>'s element with `placeholder` replaced by `value` in
  // every attribute and text. Built from the server's markup, never from strings.
  function cloneTemplate(id, placeholder, value) {
    const template = document.getElementById(id);
    if (!template || !template.content) return null;
    const fragment = template.content.cloneNode(true);
    const walker = document.createTreeWalker(fragment, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    let node = walker.nextNode();
    while (node) {
      if (node.nodeType === Node.TEXT_NODE) {
        if (node.nodeValue.indexOf(placeholder) !== -1) node.nodeValue = node.nodeValue.split(placeholder).join(value);
      } else {
        Array.prototype.slice.call(node.attributes).forEach(function (attribute) {
          if (attribute.value.indexOf(placeholder) !== -1) {
            node.setAttribute(attribute.name, attribute.value.split(placeholder).join(value));
          }
        });
      }
      node = walker.nextNode();
    }
    return fragment.firstElementChild;
  }

  // Characters the way the server counts them: code points, one per line break.
  function characterCount(text) {
    return Array.from(text.replace(/\r\n?/g, "\n")).length;
  }

  // --- header ---------------------------------------------------------------

  function headerFormat() {
    const form = getForm();
    const checked = form && form.querySelector('input[type=radio][name="header_format"]:checked');
    return checked ? checked.value : "NONE";
  }

  function syncHeader() {
    const form = getForm();
    const format = headerFormat();
    const mediaKind = MEDIA[format] ? MEDIA[format].label.toLowerCase() : "";
    $$("[data-header-section]", form).forEach(function (section) {
      const which = section.getAttribute("data-header-section");
      const show = which === "MEDIA" ? Boolean(mediaKind) : which === format;
      section.hidden = !show;
      if (which === "TEXT") {
        // Header text under another header type would be refused by the server
        // ("only a text header has text"): keep it on the page, don't send it.
        $$("input, textarea", section).forEach(function (input) {
          if (input.form !== form) return;
          if (!show && !input.disabled) {
            input.disabled = true;
            input.setAttribute("data-wizard-disabled", "");
          } else if (show && input.hasAttribute("data-wizard-disabled")) {
            input.disabled = false;
            input.removeAttribute("data-wizard-disabled");
          }
        });
      }
    });
    if (!mediaKind) return;
    $$("[data-media-kind-label]", form).forEach(function (label) {
      label.textContent = mediaKind;
    });
    // The media upload is its own form; tell it which header type it is for.
    $$("input[data-media-format]").forEach(function (input) {
      input.value = format;
    });
    $$('input[type=file][name="media_sample"]').forEach(function (input) {
      input.setAttribute("accept", MEDIA[format].accept);
    });
  }

  // --- counters ---------------------------------------------------------------

  function syncCounters() {
    $$("[data-counter-for]").forEach(function (counter) {
      const name = counter.getAttribute("data-counter-for");
      const input = field(name);
      if (!input) return;
      const limit = COUNTER_LIMITS[name] || 0;
      const count = characterCount(input.value);
      counter.textContent = limit ? count + "/" + limit : String(count);
      counter.classList.toggle("over", Boolean(limit) && count > limit);
    });
  }

  // --- formatting and variables ---------------------------------------------

  // Replace text[from:to] with `text`, keeping the browser's undo history where
  // it can, then select [selectStart, selectEnd]. Always ends with one `input`.
  function replaceRange(textarea, from, to, text, selectStart, selectEnd) {
    const expected = textarea.value.slice(0, from) + text + textarea.value.slice(to);
    let sawInput = false;
    const noteInput = function () {
      sawInput = true;
    };
    textarea.focus();
    textarea.setSelectionRange(from, to);
    textarea.addEventListener("input", noteInput);
    try {
      if (text && typeof document.execCommand === "function") document.execCommand("insertText", false, text);
    } catch (error) {
      // Fall through to the plain assignment below.
    }
    textarea.removeEventListener("input", noteInput);
    if (textarea.value !== expected) {
      textarea.value = expected;
      sawInput = false;
    }
    textarea.setSelectionRange(selectStart, selectEnd);
    if (!sawInput) fireInput(textarea);
  }

  const EDGE_SPACE = new RegExp("^([" + PY_SPACE_CHARS + "]*)([\\s\\S]*?)([" + PY_SPACE_CHARS + "]*)$");

  function applyFormat(textarea, marker) {
    const value = textarea.value;
    const start = textarea.selectionStart;
    const end = textarea.selectionEnd;
    const selected = value.slice(start, end);
    // A second click undoes the first: "*word*" with "word" selected.
    if (end > start && value.charAt(start - 1) === marker && value.charAt(end) === marker) {
      replaceRange(textarea, start - 1, end + 1, selected, start - 1, end - 1);
      return;
    }
    if (selected.length > 2 && selected.charAt(0) === marker && selected.charAt(selected.length - 1) === marker) {
      const inner = selected.slice(1, -1);
      replaceRange(textarea, start, end, inner, start, start + inner.length);
      return;
    }
    // WhatsApp pairs markers only within a line and only around non-space, so
    // each selected line is wrapped on its own with its edge spaces outside.
    const parts = selected.split("\n").map(function (line) {
      return EDGE_SPACE.exec(line);
    });
    const wrapped = parts.some(function (part) {
      return part[2] !== "";
    });
    if (!wrapped) {
      replaceRange(textarea, end, end, marker + marker, end + 1, end + 1);
      return;
    }
    const text = parts
      .map(function (part) {
        return part[2] ? part[1] + marker + part[2] + marker + part[3] : part[0];
      })
      .join("\n");
    if (parts.length === 1) {
      const innerStart = start + parts[0][1].length + 1;
      replaceRange(textarea, start, end, text, innerStart, innerStart + parts[0][2].length);
    } else {
      replaceRange(textarea, start, end, text, start, start + text.length);
    }
  }

  function variableKeys(text) {
    const keys = [];
    let match;
    VARIABLE_KEY.lastIndex = 0;
    while ((match = VARIABLE_KEY.exec(text)) !== null) keys.push(match[1]);
    return keys;
  }

  function isNumbered(key) {
    return /^[0-9]+$/.test(key);
  }

  function isNamed() {
    return valueOf("parameter_format") === "NAMED";
  }

  let bodyWasFocused = false;

  // A named template asks for the variable's name (the field beside the
  // button); the server does the same for the form without JavaScript.
  function nameProblem(name, text) {
    if (!VARIABLE_NAME.test(name) || name.length > (LIMITS.variable_name || 60)) {
      return gettext("Name the variable with lowercase letters, digits and underscores, starting with a letter.");
    }
    if (variableKeys(text).indexOf(name) !== -1) {
      return interpolate(gettext("The message already has %(variable)s: choose another name."), { variable: "{{" + name + "}}" }, true);
    }
    return "";
  }

  function showNameProblem(input, message) {
    let note = document.getElementById("new-variable-name-error");
    if (!note && message) {
      note = document.createElement("div");
      note.id = "new-variable-name-error";
      note.className = "field-error";
      note.setAttribute("role", "alert");
      input.parentNode.insertBefore(note, input.nextSibling.nextSibling);
    }
    if (note) {
      note.textContent = message;
      note.hidden = !message;
    }
    input.setAttribute("aria-invalid", message ? "true" : "false");
  }

  function addVariable(textarea) {
    const value = textarea.value;
    let key;
    if (isNamed()) {
      const input = $("input[data-new-variable-name]");
      if (!input) return;
      const name = input.value.trim();
      const problem = nameProblem(name, value);
      showNameProblem(input, problem);
      if (problem) {
        input.focus();
        return;
      }
      key = name;
      input.value = "";
    } else {
      const numbers = variableKeys(value).filter(isNumbered).map(function (key) {
        return key.length > 9 ? 0 : parseInt(key, 10);
      });
      key = String(Math.max.apply(null, [0].concat(numbers)) + 1);
    }
    // Before the author has clicked into the message, "at the cursor" means at the end.
    const at = bodyWasFocused ? textarea.selectionEnd : value.length;
    const before = at > 0 ? value.charAt(at - 1) : "";
    const text = (before && !PY_SPACE.test(before) ? " " : "") + "{{" + key + "}}";
    replaceRange(textarea, at, at, text, at + text.length, at + text.length);
  }

  // --- variable samples -------------------------------------------------------

  function syncSamples() {
    const container = document.getElementById("body-samples");
    const textarea = bodyField();
    if (!container || !textarea) return;
    // Numbered samples in numeric order; named ones in order of appearance.
    const named = isNamed();
    let wanted = Array.from(new Set(variableKeys(textarea.value))).filter(function (key) {
      return named ? !isNumbered(key) : isNumbered(key) && key.length <= 9 && parseInt(key, 10) > 0;
    });
    if (!named) {
      wanted = wanted.sort(function (a, b) {
        return parseInt(a, 10) - parseInt(b, 10);
      });
    }
    const fields = $$(".sample-field[data-variable]", container);
    const byKey = {};
    fields.forEach(function (sample) {
      byKey[sample.getAttribute("data-variable")] = sample;
    });
    wanted.forEach(function (key, position) {
      if (byKey[key]) return;
      const sample = cloneTemplate("sample-field-template", "__N__", key);
      if (!sample) return;
      // In order, without moving the others (that would drop focus).
      const after = fields.filter(function (other) {
        const otherKey = other.getAttribute("data-variable");
        const otherAt = wanted.indexOf(otherKey);
        return otherAt > position || (otherAt === -1 && !named && isNumbered(otherKey) && parseInt(otherKey, 10) > parseInt(key, 10));
      })[0];
      container.insertBefore(sample, after || null);
      fields.push(sample);
      byKey[key] = sample;
    });
    // A sample whose variable went away is hidden, not deleted: undo brings it back.
    Object.keys(byKey).forEach(function (key) {
      const hide = wanted.indexOf(key) === -1;
      if (byKey[key].hidden !== hide) byKey[key].hidden = hide;
    });
    const empty = document.getElementById("body-samples-empty");
    if (empty) empty.hidden = wanted.length > 0;
  }

  function bodySamples() {
    const form = getForm();
    const samples = {};
    $$("input[name^='body_example_']", form).forEach(function (input) {
      const match = /^body_example_([a-z0-9_]+)$/.exec(input.name);
      if (match) samples[match[1]] = input.value;
    });
    return samples;
  }

  function headerSamples(text) {
    const samples = {};
    const keys = variableKeys(text);
    if (keys.length) samples[keys[0]] = valueOf("header_text_example");
    return samples;
  }

  // --- interactive buttons ----------------------------------------------------

  const RENUMBERED_ATTRIBUTES = ["name", "id", "for", "aria-describedby", "aria-labelledby", "aria-controls"];

  function buttonRows() {
    const list = document.getElementById("buttons-list");
    return list ? $$(".button-row", list) : [];
  }

  function rowKind(row) {
    return row.getAttribute("data-kind");
  }

  function isQuickReply(row) {
    const kind = KINDS[rowKind(row)];
    return Boolean(kind && kind.quick_reply);
  }

  function kindCounts(rows) {
    const counts = {};
    rows.forEach(function (row) {
      counts[rowKind(row)] = (counts[rowKind(row)] || 0) + 1;
    });
    return counts;
  }

  function kindMax(kind) {
    return KINDS[kind] && KINDS[kind].max ? KINDS[kind].max : null;
  }

  function canAdd(kind, rows) {
    if (rows.length >= LIMITS.buttons || !KINDS[kind] || !KINDS[kind].allowed) return false;
    return kindMax(kind) === null || (kindCounts(rows)[kind] || 0) < kindMax(kind);
  }

  // Indexes 0..n-1 in page order, so the server reads the buttons in the order shown.
  function renumberButtons() {
    buttonRows().forEach(function (row, index) {
      [row].concat($$("*", row)).forEach(function (element) {
        RENUMBERED_ATTRIBUTES.forEach(function (name) {
          const value = element.getAttribute(name);
          if (value && /button-(?:[0-9]+|__I__)-/.test(value)) {
            element.setAttribute(name, value.replace(/button-(?:[0-9]+|__I__)-/g, "button-" + index + "-"));
          }
        });
      });
    });
    const total = document.querySelector('input[name="button-TOTAL_FORMS"]');
    if (total) total.value = String(buttonRows().length);
  }

  function syncButtons() {
    const rows = buttonRows();
    $$("button[data-add-button]").forEach(function (button) {
      button.disabled = !canAdd(button.getAttribute("data-add-button"), rows);
    });
    rows.forEach(function (row, index) {
      const up = $('button[data-move="up"]', row);
      const down = $('button[data-move="down"]', row);
      if (up) up.disabled = index === 0;
      if (down) down.disabled = index === rows.length - 1;
    });
    const counts = kindCounts(rows);
    let message = "";
    if (rows.length >= LIMITS.buttons) {
      message = interpolate(gettext("You have %(count)s buttons, the most WhatsApp allows."), { count: rows.length }, true);
    } else {
      const full = Object.keys(KINDS)
        .filter(function (kind) {
          return kindMax(kind) !== null && (counts[kind] || 0) >= kindMax(kind);
        })
        .map(function (kind) {
          return interpolate(
            ngettext("%(count)s %(kind)s button", "%(count)s %(kind)s buttons", counts[kind]),
            { count: counts[kind], kind: KINDS[kind].label },
            true
          );
        });
      if (full.length) {
        message = interpolate(gettext("You have %(buttons)s, the most WhatsApp allows."), { buttons: full.join(gettext(" and ")) }, true);
      }
    }
    $$("[data-buttons-limit]").forEach(function (element) {
      element.textContent = message;
      element.hidden = !message;
    });
  }

  function buttonsChanged() {
    renumberButtons();
    syncButtons();
    renderPreview();
    autosave.noteChange();
  }

  function addButton(kind) {
    const list = document.getElementById("buttons-list");
    const rows = buttonRows();
    if (!list || !canAdd(kind, rows)) return;
    const row = cloneTemplate("button-template-" + kind, "__I__", String(rows.length));
    if (!row) return;
    // Quick replies stay in one block, and so do calls to action.
    const sameGroup = rows.filter(function (other) {
      return isQuickReply(other) === (kind === "QUICK_REPLY");
    });
    const last = sameGroup[sameGroup.length - 1];
    if (last) last.parentNode.insertBefore(row, last.nextSibling);
    else list.appendChild(row);
    buttonsChanged();
    const text = $("input[name$='-text']", row) || $("input:not([type=hidden])", row);
    if (text) text.focus();
  }

  function moveButton(row, step) {
    const rows = buttonRows();
    const index = rows.indexOf(row);
    const target = index + step;
    if (index === -1 || target < 0 || target >= rows.length) return;
    const group = isQuickReply(row);
    if (isQuickReply(rows[target]) === group) {
      if (step < 0) row.parentNode.insertBefore(row, rows[target]);
      else row.parentNode.insertBefore(rows[target], row);
      return;
    }
    // The neighbour is of the other group: swap the two blocks, so quick
    // replies stay together (WhatsApp refuses them split around a call to action).
    let first = index;
    let last = index;
    while (first - 1 >= 0 && isQuickReply(rows[first - 1]) === group) first -= 1;
    while (last + 1 < rows.length && isQuickReply(rows[last + 1]) === group) last += 1;
    let far = target;
    while (far + step >= 0 && far + step < rows.length && isQuickReply(rows[far + step]) !== group) far += step;
    const parent = row.parentNode;
    if (step < 0) {
      for (let k = first; k <= last; k += 1) parent.insertBefore(rows[k], rows[far]);
    } else {
      for (let k = target; k <= far; k += 1) parent.insertBefore(rows[k], rows[first]);
    }
  }

  function removeButton(row) {
    const rows = buttonRows();
    const index = rows.indexOf(row);
    row.remove();
    buttonsChanged();
    const left = buttonRows();
    const neighbour = left[Math.min(index, left.length - 1)];
    const focusTarget = (neighbour && $("button[data-remove-button]", neighbour)) || $("button[data-add-button]:not([disabled])");
    if (focusTarget) focusTarget.focus();
  }

  // --- preview ------------------------------------------------------------------

  function seeExamplePressed() {
    const toggle = $("button[data-see-example]");
    return Boolean(toggle) && toggle.getAttribute("aria-pressed") === "true";
  }

  // The bubble holds header, media, body, footer and the time; the buttons sit
  // under it. Server templates already have that shape; this only fills gaps.
  function preparePreview(preview) {
    preview.classList.add("wa-phone");
    const body = $('[data-preview="body"]', preview);
    if (!body) return;
    let bubble = body.closest(".wa-bubble");
    if (!bubble || !preview.contains(bubble)) {
      const parts = ["media", "header", "body", "footer"]
        .map(function (name) {
          return $('[data-preview="' + name + '"]', preview);
        })
        .filter(Boolean);
      bubble = document.createElement("div");
      bubble.className = "wa-bubble";
      parts[0].parentNode.insertBefore(bubble, parts[0]);
      parts.forEach(function (part) {
        bubble.appendChild(part);
      });
    }
    if (!$(".wa-time", bubble)) {
      const time = document.createElement("div");
      time.className = "wa-time";
      time.textContent = "12:00";
      bubble.appendChild(time);
    }
    const buttons = $('[data-preview="buttons"]', preview);
    if (buttons) {
      buttons.classList.add("wa-buttons");
      if (bubble.contains(buttons)) bubble.parentNode.insertBefore(buttons, bubble.nextSibling);
    }
  }

  const SVG = "http://www.w3.org/2000/svg";
  const MEDIA_ICONS = {
    IMAGE: ["M4 5h16a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1z", "M3 16l5-5 4 4 3-3 6 6", "M15.5 9.5a1.5 1.5 0 1 0 0-.01"],
    VIDEO: ["M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z", "M10 8.5v7l6-3.5z"],
    DOCUMENT: ["M6 3h8l5 5v12a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1z", "M14 3v5h5", "M8.5 13h7M8.5 16.5h5"],
  };

  function mediaIcon(format) {
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("class", "wa-media-icon");
    MEDIA_ICONS[format].forEach(function (d) {
      const path = document.createElementNS(SVG, "path");
      path.setAttribute("d", d);
      svg.appendChild(path);
    });
    return svg;
  }

  const renderedMedia = new WeakMap();

  function renderMedia(element, format) {
    const url = element.getAttribute("data-media-url") || "";
    const mime = element.getAttribute("data-media-mime") || "";
    const name = element.getAttribute("data-media-name") || "";
    const key = [format, url, mime, name].join("\n");
    if (renderedMedia.get(element) === key) return;
    renderedMedia.set(element, key);
    element.textContent = "";
    element.setAttribute("data-kind", format.toLowerCase());
    if (format === "IMAGE" && url && mime.indexOf("image/") === 0) {
      const image = document.createElement("img");
      image.alt = gettext("Header image sample");
      image.src = url;
      element.appendChild(image);
      return;
    }
    const placeholder = document.createElement("div");
    placeholder.className = "wa-media-placeholder";
    placeholder.appendChild(mediaIcon(format));
    const label = document.createElement("span");
    label.className = "wa-media-label";
    label.textContent = MEDIA[format].label;
    placeholder.appendChild(label);
    if (name) {
      const small = document.createElement("small");
      small.textContent = name;
      placeholder.appendChild(small);
    }
    element.appendChild(placeholder);
  }

  // The same shape as preview.html's buttons (templates_app.views.common.preview_buttons).
  function renderButtonsPreview(element) {
    element.textContent = "";
    const rows = buttonRows();
    rows.forEach(function (row) {
      const kind = KINDS[rowKind(row)];
      if (!kind) return;
      const input = $("input[name$='-text']", row);
      const text = kind.fixed_text || !input ? "" : input.value.trim();
      const item = document.createElement("div");
      item.className = "wa-button";
      item.setAttribute("data-kind", rowKind(row));
      if (kind.icon) {
        const icon = document.createElement("span");
        icon.className = "wa-button-icon";
        icon.textContent = kind.icon;
        icon.setAttribute("aria-hidden", "true");
        item.appendChild(icon);
        const spoken = document.createElement("span");
        spoken.className = "visually-hidden";
        spoken.textContent = kind.spoken;
        item.appendChild(spoken);
      }
      const label = document.createElement("span");
      const empty = !kind.fixed_text && !text;
      label.className = "wa-button-text" + (empty ? " wa-button-empty" : "");
      label.textContent = text || kind.placeholder;
      item.appendChild(label);
      element.appendChild(item);
    });
    element.hidden = rows.length === 0;
  }

  function renderPreview() {
    const preview = document.getElementById("preview");
    if (!preview) return;
    const withSamples = seeExamplePressed();
    const format = headerFormat();

    const header = $('[data-preview="header"]', preview);
    if (header) {
      const text = valueOf("header_text");
      const show = format === "TEXT" && !isBlank(text);
      header.hidden = !show;
      header.innerHTML = show ? renderMarkup(text, withSamples ? headerSamples(text) : {}) : "";
    }

    const media = $('[data-preview="media"]', preview);
    if (media) {
      media.hidden = !MEDIA[format];
      if (MEDIA[format]) renderMedia(media, format);
    }

    const body = $('[data-preview="body"]', preview);
    const textarea = bodyField();
    if (body && textarea) body.innerHTML = renderMarkup(textarea.value, withSamples ? bodySamples() : {});

    const footer = $('[data-preview="footer"]', preview);
    if (footer) {
      const text = valueOf("footer");
      footer.textContent = text;
      footer.hidden = isBlank(text);
    }

    const buttons = $('[data-preview="buttons"]', preview);
    if (buttons) renderButtonsPreview(buttons);
  }

  // --- autosave -----------------------------------------------------------------
  // Saves what is typed as a draft: 1.5 s after the last change, every 15 s while
  // something is unsaved, before following a language tab, and with a beacon
  // when the page is hidden or left. One request at a time; a failed save is
  // retried after 2, 4, 8... up to 30 s.

  const autosave = (function () {
    let lastSaved = null;
    let saving = null; // the promise of the request in flight
    let again = false;
    let debounceTimer = null;
    let retryTimer = null;
    let retryDelay = 0;
    let suspended = false; // the form itself is being submitted
    let beaconed = null;

    function url() {
      const form = getForm();
      return form ? form.getAttribute("data-autosave-url") : null;
    }

    // The form's fields without files (the media sample has its own form).
    function formData() {
      const data = new FormData();
      const form = getForm();
      if (!form) return data;
      new FormData(form).forEach(function (value, name) {
        if (typeof value === "string") data.append(name, value);
      });
      return data;
    }

    function snapshot(data) {
      const pairs = [];
      data.forEach(function (value, name) {
        pairs.push([name, value]);
      });
      return JSON.stringify(pairs);
    }

    function changed() {
      return snapshot(formData()) !== lastSaved;
    }

    function setStatus(state, text, detail) {
      $$("[data-save-status]").forEach(function (element) {
        element.textContent = text;
        element.setAttribute("data-state", state);
        if (detail) element.setAttribute("title", detail);
        else element.removeAttribute("title");
      });
    }

    function csrfToken() {
      const form = getForm();
      const input = form && form.querySelector('input[name="csrfmiddlewaretoken"]');
      return input ? input.value : "";
    }

    function request(data) {
      const controller = typeof AbortController === "function" ? new AbortController() : null;
      const timer = controller
        ? setTimeout(function () {
            controller.abort();
          }, SAVE_TIMEOUT)
        : null;
      const done = function () {
        if (timer) clearTimeout(timer);
      };
      return fetch(url(), {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { Accept: "application/json", "X-CSRFToken": csrfToken() },
        signal: controller ? controller.signal : undefined,
      })
        .then(function (response) {
          // A login page or an error page is not JSON: that is a failed save too.
          return response
            .json()
            .catch(function () {
              return {};
            })
            .then(function (answer) {
              if (!response.ok || !answer || answer.saved !== true) {
                throw new Error((answer && answer.error) || "HTTP " + response.status);
              }
              return answer;
            });
        })
        .then(
          function (answer) {
            done();
            return answer;
          },
          function (error) {
            done();
            throw error;
          }
        );
    }

    function save() {
      if (suspended || !url()) return Promise.resolve(false);
      if (saving) {
        again = true;
        return saving;
      }
      const data = formData();
      const state = snapshot(data);
      if (state === lastSaved) return Promise.resolve(true);
      clearTimeout(retryTimer);
      retryTimer = null;
      setStatus("saving", gettext("Saving\u2026"));
      saving = request(data).then(
        function (answer) {
          saving = null;
          lastSaved = state;
          retryDelay = 0;
          setStatus(
            "saved",
            answer.saved_at ? interpolate(gettext("All changes saved at %(time)s"), { time: answer.saved_at }, true) : gettext("All changes saved")
          );
          if (again) {
            again = false;
            if (changed()) save();
          }
          return true;
        },
        function (error) {
          saving = null;
          again = false;
          retryDelay = retryDelay ? Math.min(retryDelay * 2, RETRY_MAX) : RETRY_FIRST;
          setStatus("error", gettext("Couldn't save: retrying\u2026"), error && error.message);
          if (!suspended) retryTimer = setTimeout(save, retryDelay);
          return false;
        }
      );
      return saving;
    }

    function noteChange() {
      if (suspended) return;
      clearTimeout(debounceTimer);
      debounceTimer = setTimeout(function () {
        debounceTimer = null;
        save();
      }, AUTOSAVE_DELAY);
    }

    function cancelTimers() {
      clearTimeout(debounceTimer);
      clearTimeout(retryTimer);
      debounceTimer = null;
      retryTimer = null;
    }

    // Saved (or given up after a few seconds): resolves either way.
    function flush(limit) {
      return new Promise(function (resolve) {
        const timer = setTimeout(resolve, limit);
        const settle = function () {
          clearTimeout(timer);
          resolve();
        };
        const run = saving ? saving.then(save) : save();
        run.then(settle, settle);
      });
    }

    function beacon() {
      if (suspended || !url() || !navigator.sendBeacon) return;
      if (!saving && !changed()) return;
      const data = formData();
      const state = snapshot(data);
      if (state === beaconed) return;
      if (navigator.sendBeacon(url(), data)) beaconed = state;
    }

    // What the server rendered (the saved draft): anything typed before this
    // script ran differs from it and is saved straight away.
    function savedData() {
      const data = new FormData();
      const form = getForm();
      if (!form) return data;
      Array.prototype.forEach.call(form.elements, function (field) {
        if (!field.name || field.disabled || field.type === "file") return;
        if (field.type === "checkbox" || field.type === "radio") {
          if (field.defaultChecked) data.append(field.name, field.value);
        } else if (field.tagName === "SELECT") {
          Array.prototype.forEach.call(field.options, function (option) {
            if (option.defaultSelected) data.append(field.name, option.value);
          });
        } else if (field.tagName === "TEXTAREA" || field.tagName === "INPUT") {
          if (field.type !== "submit" && field.type !== "button") data.append(field.name, field.defaultValue);
        }
      });
      return data;
    }

    function start() {
      lastSaved = snapshot(savedData());
      if (changed()) noteChange();
      setInterval(function () {
        if (!suspended && !saving && !retryTimer && changed()) save();
      }, AUTOSAVE_EVERY);
    }

    return {
      start: start,
      save: save,
      noteChange: noteChange,
      flush: flush,
      changed: changed,
      busy: function () {
        return Boolean(saving);
      },
      beacon: beacon,
      // A beacon's answer is never seen: once back, confirm with a real save.
      resumed: function () {
        beaconed = null;
        if (changed()) save();
      },
      suspend: function () {
        suspended = true;
        cancelTimers();
      },
      unsuspend: function () {
        suspended = false;
        if (changed()) noteChange();
      },
    };
  })();

  // --- wiring -------------------------------------------------------------------

  function refresh() {
    syncHeader();
    syncSamples();
    syncCounters();
    renderPreview();
  }

  function refreshAll() {
    const preview = document.getElementById("preview");
    if (preview) preparePreview(preview);
    renumberButtons();
    syncButtons();
    refresh();
  }

  function ownField(target) {
    const form = getForm();
    return Boolean(form) && Boolean(target) && target.form === form && target.type !== "file";
  }

  function onFieldEvent(event) {
    if (!ownField(event.target)) return;
    refresh();
    autosave.noteChange();
  }

  function onClick(event) {
    const target = event.target instanceof Element ? event.target : event.target.parentElement;
    if (!target) return;

    const tab = target.closest("a[data-tab]");
    if (tab) {
      followTab(event, tab);
      return;
    }
    const toggle = target.closest("button[data-see-example]");
    if (toggle) {
      event.preventDefault();
      toggle.setAttribute("aria-pressed", toggle.getAttribute("aria-pressed") === "true" ? "false" : "true");
      renderPreview();
      return;
    }
    const form = getForm();
    const button = target.closest("button");
    if (!form || !button || button.form !== form) return;
    const action = ["data-format", "data-add-variable", "data-add-button", "data-move", "data-remove-button"].filter(function (name) {
      return button.hasAttribute(name);
    })[0];
    if (!action) return;
    // These are submit buttons for the page without JavaScript: act in place instead.
    event.preventDefault();
    const textarea = bodyField();
    if (action === "data-format") {
      const marker = FORMAT_MARKERS[button.getAttribute("data-format")];
      if (textarea && marker) applyFormat(textarea, marker);
    } else if (action === "data-add-variable") {
      if (textarea) addVariable(textarea);
    } else if (action === "data-add-button") {
      addButton(button.getAttribute("data-add-button"));
    } else if (action === "data-move") {
      const row = button.closest(".button-row");
      if (!row) return;
      const direction = button.getAttribute("data-move");
      moveButton(row, direction === "up" ? -1 : 1);
      buttonsChanged();
      const sameWay = $('button[data-move="' + direction + '"]', row);
      const otherWay = $('button[data-move="' + (direction === "up" ? "down" : "up") + '"]', row);
      if (sameWay && !sameWay.disabled) sameWay.focus();
      else if (otherWay && !otherWay.disabled) otherWay.focus();
    } else {
      const row = button.closest(".button-row");
      if (row) removeButton(row);
    }
  }

  // Save first, then follow the language tab (after ~3 s at most, saved or not).
  function followTab(event, link) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (link.target && link.target !== "_self") return;
    if (!autosave.busy() && !autosave.changed()) return;
    event.preventDefault();
    let gone = false;
    const go = function () {
      if (gone) return;
      gone = true;
      window.location.assign(link.href);
    };
    autosave.flush(TAB_WAIT).then(go);
  }

  function onKeydown(event) {
    const target = event.target;
    if (event.key === "Enter" && !event.isComposing && target.hasAttribute && target.hasAttribute("data-new-variable-name")) {
      // Enter in the name field means "+ Add Variable".
      event.preventDefault();
      const textarea = bodyField();
      if (textarea) addVariable(textarea);
      return;
    }
    if (event.key === "Enter" && !event.isComposing && ownField(target) && target.tagName === "INPUT" && !/^(submit|button|reset|image)$/.test(target.type)) {
      // Enter would submit the form through its first submit button ("+ Add Variable").
      event.preventDefault();
      autosave.save();
      return;
    }
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
    const key = event.key ? event.key.toLowerCase() : "";
    if (key === "s" && ownField(event.target)) {
      event.preventDefault();
      autosave.save();
      return;
    }
    const textarea = bodyField();
    if (!textarea || event.target !== textarea || event.shiftKey) return;
    if (key === "b" || key === "i") {
      event.preventDefault();
      applyFormat(textarea, key === "b" ? "*" : "_");
    }
  }

  function onSubmit(event) {
    if (event.target !== getForm()) return;
    autosave.suspend();
    // Someone else (htmx, a confirmation) may have kept the page: autosave again.
    setTimeout(function () {
      if (event.defaultPrevented) autosave.unsuspend();
    }, 0);
  }

  function start() {
    const form = getForm();
    if (!form) return;

    const toggle = $("button[data-see-example]");
    if (toggle && toggle.getAttribute("aria-pressed") !== "true") toggle.setAttribute("aria-pressed", "false");

    if (document.activeElement === bodyField()) bodyWasFocused = true;
    refreshAll();
    autosave.start();

    document.addEventListener("input", onFieldEvent);
    document.addEventListener("change", onFieldEvent);
    document.addEventListener("click", onClick);
    document.addEventListener("keydown", onKeydown);
    document.addEventListener("submit", onSubmit);
    document.addEventListener("focusin", function (event) {
      if (event.target === bodyField()) bodyWasFocused = true;
    });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") autosave.beacon();
      else autosave.resumed();
    });
    window.addEventListener("pagehide", autosave.beacon);
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) refreshAll();
    });
    // Media attributes change when the upload part of the page is swapped in.
    document.addEventListener("htmx:afterSettle", function () {
      if (getForm()) refreshAll();
    });
  }

  // The preview's renderer, for the parity test against templates_app/markup.py.
  window.QontakPreview = { renderMarkup: renderMarkup };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
