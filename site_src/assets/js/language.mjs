// The theme's language menu is rendered once and kept across instant page changes, so its
// links would keep pointing at the first page's translation. After every page change,
// point them at this page's translation (the <link rel="alternate" hreflang> the theme
// updates in <head>), and load it as a full page: the header, search and <html lang> all
// belong to the other edition.
export function pointLanguageLinks(doc = document) {
  for (const link of doc.querySelectorAll(".md-select__link[hreflang]")) {
    const lang = link.getAttribute("hreflang");
    const alternate = doc.head.querySelector(`link[rel="alternate"][hreflang="${lang}"]`);
    if (alternate) link.href = alternate.href;
    link.target = "_self"; // the theme's instant navigation leaves links with a target alone
    link.lang = lang;
  }
}
