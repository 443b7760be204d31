/* Formatted narrative texts: each <textarea data-rik-text> becomes a Squire editor with a
   small toolbar (headings, bold, italic, lists, link, table). The textarea stays the form
   field: the editor writes its HTML back on submit. Without JavaScript the textarea works
   as plain text. The server sanitises everything again (rapporter/text.py). */
(function () {
  "use strict";
  var TAGGAR = ["p", "br", "h3", "h4", "strong", "b", "em", "i", "u", "ul", "ol", "li", "a",
    "blockquote", "table", "thead", "tbody", "tr", "th", "td"];
  var ATTR = ["href", "title", "colspan", "rowspan", "scope"];

  function rensa(html) {
    var frag = window.DOMPurify.sanitize(html, {
      ALLOWED_TAGS: TAGGAR.concat(["div", "h1", "h2", "h5", "h6"]),
      ALLOWED_ATTR: ATTR,
      RETURN_DOM_FRAGMENT: true,
    });
    return document.importNode(frag, true);
  }

  function block(editor, tag) {
    editor.modifyBlocks(function (frag) {
      var ut = document.createDocumentFragment();
      Array.prototype.slice.call(frag.childNodes).forEach(function (n) {
        var ny = document.createElement(tag);
        while (n.firstChild) { ny.appendChild(n.firstChild); }
        if (!ny.firstChild) { ny.appendChild(document.createElement("br")); }
        ut.appendChild(ny);
      });
      return ut;
    });
  }

  var KNAPPAR = [
    ["Rubrik", function (e) { block(e, "h3"); }],
    ["Underrubrik", function (e) { block(e, "h4"); }],
    ["Stycke", function (e) { block(e, "p"); }],
    ["Fet", function (e) { e.hasFormat("b") ? e.removeBold() : e.bold(); }],
    ["Kursiv", function (e) { e.hasFormat("i") ? e.removeItalic() : e.italic(); }],
    ["Punktlista", function (e) { e.makeUnorderedList(); }],
    ["Numrerad lista", function (e) { e.makeOrderedList(); }],
    ["Ta bort lista", function (e) { e.removeList(); }],
    ["Länk", function (e) {
      var url = window.prompt("Länkadress (https://…)", "https://");
      if (url && /^(https?:|mailto:)/i.test(url)) { e.makeLink(url); }
    }],
    ["Ta bort länk", function (e) { e.removeLink(); }],
    ["Tabell", function (e) {
      e.insertHTML("<table><tbody><tr><th>Rubrik</th><th>Rubrik</th></tr>" +
        "<tr><td>&nbsp;</td><td>&nbsp;</td></tr></tbody></table><p><br></p>");
    }],
  ];

  function starta(textarea) {
    var ram = document.createElement("div");
    ram.className = "rik-text-ram";
    var verktyg = document.createElement("div");
    verktyg.className = "rik-text-verktyg";
    verktyg.setAttribute("role", "toolbar");
    verktyg.setAttribute("aria-label", "Formatering");
    var yta = document.createElement("div");
    yta.className = "rik-text-yta";
    yta.setAttribute("role", "textbox");
    yta.setAttribute("aria-multiline", "true");
    var etikett = textarea.id && document.querySelector("label[for='" + textarea.id + "']");
    if (etikett) {
      etikett.id = etikett.id || textarea.id + "-etikett";
      yta.setAttribute("aria-labelledby", etikett.id);
    }
    yta.dataset.falt = textarea.name;
    ram.appendChild(verktyg);
    ram.appendChild(yta);
    textarea.parentNode.insertBefore(ram, textarea);
    textarea.hidden = true;
    var editor = new window.Squire(yta, { blockTag: "P", sanitizeToDOMFragment: rensa });
    var text = textarea.value;
    if (text && !/<[a-z/!]/i.test(text)) {
      text = text.split(/\n+/).map(function (r) {
        var p = document.createElement("p"); p.textContent = r; return p.outerHTML;
      }).join("");
    }
    editor.setHTML(text || "<p><br></p>");
    KNAPPAR.forEach(function (k) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "secondary";
      b.textContent = k[0];
      b.addEventListener("click", function () { k[1](editor); editor.focus(); });
      verktyg.appendChild(b);
    });
    textarea.form.addEventListener("submit", function () {
      textarea.value = editor.getHTML();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!window.Squire || !window.DOMPurify) { return; }
    document.querySelectorAll("textarea[data-rik-text]").forEach(starta);
  });
})();
