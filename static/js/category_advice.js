// The category advisor on wizard step 2: re-check the wording of a Utility template as it is typed.
// The phrase rules come from the server (fetched from the box's data-advice-rules-url, the same for every
// page); this file keeps none of its own. Until they arrive the box shows what the server rendered.
(function () {
  "use strict";
  var box = document.querySelector("[data-category-advice][data-advice-rules-url]");
  var form = document.getElementById("content-form");
  if (!box || !form) return;
  var state = JSON.parse(box.getAttribute("data-advice-state"));
  var strong, weak, applied, notApplied;
  var sentenceEnd = /[.!?;](?:\s|$)|\n/;
  var list = box.querySelector("[data-advice-phrases]");

  // Same reading as the server's advisor.py: every match of every rule, overlapping ones joined.
  function merged(patterns, text) {
    var spans = [];
    patterns.forEach(function (pattern) {
      var m;
      pattern.lastIndex = 0;
      while ((m = pattern.exec(text))) {
        if (!m[0]) { pattern.lastIndex++; continue; }
        spans.push([m.index, m.index + m[0].length]);
      }
    });
    spans.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    var out = [];
    spans.forEach(function (s) {
      var last = out[out.length - 1];
      if (last && s[0] < last[1]) last[1] = Math.max(last[1], s[1]);
      else out.push([s[0], s[1]]);
    });
    return out;
  }

  // A benefit the rest of its sentence reports as applied ("Free shipping was applied") is a receipt.
  function alreadyApplied(text, end) {
    var rest = text.slice(end);
    var stop = rest.search(sentenceEnd);
    rest = (stop >= 0 ? rest.slice(0, stop) : rest).slice(0, 80);
    return applied.test(rest) && !notApplied.test(rest);
  }

  function spans(text) {
    var found = merged(strong, text).filter(function (s) { return !alreadyApplied(text, s[1]); });
    var weakFound = merged(weak, text).filter(function (s) {
      return !found.some(function (f) { return f[0] <= s[0] && s[0] < f[1]; }) && !alreadyApplied(text, s[1]);
    });
    if (found.length || weakFound.length >= 2) return found.concat(weakFound);
    return [];
  }

  function check() {
    var phrases = state.others.slice();
    var fields = form.querySelectorAll("#id_header_text, #id_body, #id_footer, input[name$='-text']");
    var all = Array.prototype.map.call(fields, function (f) { return (f.value || "").toLowerCase(); }).join("\n");
    state.current.forEach(function (phrase) {
      if (all.indexOf(phrase.toLowerCase()) >= 0 && phrases.indexOf(phrase) < 0) phrases.push(phrase);
    });
    fields.forEach(function (field) {
      var text = field.value || "";
      spans(text).forEach(function (s) {
        var phrase = text.slice(s[0], s[1]).trim();
        if (phrases.indexOf(phrase) < 0) phrases.push(phrase);
      });
    });
    list.textContent = "";
    phrases.forEach(function (phrase, i) {
      if (i) list.appendChild(document.createTextNode(", "));
      var mark = document.createElement("mark");
      mark.textContent = phrase;
      list.appendChild(mark);
    });
    box.hidden = phrases.length === 0;
  }

  fetch(box.getAttribute("data-advice-rules-url"), { credentials: "same-origin" })
    .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
    .then(function (rules) {
      strong = rules.strong.map(function (p) { return new RegExp(p, "gi"); });
      weak = rules.weak.map(function (p) { return new RegExp(p, "gi"); });
      applied = new RegExp(rules.applied, "i");
      notApplied = new RegExp(rules.not_applied, "i");
      form.addEventListener("input", check);
      check();
    })
    .catch(function () { /* no live re-check: the server's advice stays as rendered */ });
})();
