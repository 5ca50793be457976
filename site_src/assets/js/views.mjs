// The three views of a calculator and the links between them: a full calculator, an
// explorable (a few knobs beside a claim) and a compact embed (embed/<name>/?fields=&outputs=).
import { t } from "./messages.mjs";
import { toQuery } from "./url-state.mjs";

const FULL_EMBED_HEIGHT = 760;
const COMPACT_EMBED_HEIGHT = 420;
const THEMES = ["light", "dark", "auto"];

function list(text) {
  return (text || "").split(",").map((item) => item.trim()).filter(Boolean);
}

/**
 * Parameters that reproduce what an explorable shows on its full calculator: its preset
 * and every field that differs from that preset.
 */
export function viewParams(calculator) {
  const preset = calculator.root.dataset.preset || "";
  const base = calculator.baseline(preset);
  const params = preset ? { preset } : {};
  for (const [name, control] of calculator.controls) {
    if (control.value !== String(base[name] ?? "")) params[name] = control.value;
  }
  return params;
}

/** Ready-to-paste iframe code for what the reader is looking at. */
export function embedSnippet(calculator) {
  const { root } = calculator;
  const src = new URL(root.dataset.embedUrl, window.location.href);
  let params;
  let height = FULL_EMBED_HEIGHT;
  if (calculator.view === "explore") {
    params = { ...viewParams(calculator), fields: root.dataset.knobs };
    if (root.dataset.shownOutputs) params.outputs = root.dataset.shownOutputs;
    height = COMPACT_EMBED_HEIGHT;
  } else {
    params = calculator.params({ forEmbed: true });
    const compact = root.dataset.compact ? JSON.parse(root.dataset.compact) : null;
    if (compact) {
      Object.assign(params, compact);
      height = COMPACT_EMBED_HEIGHT;
    }
  }
  src.search = toQuery(params);
  const title = calculator.schema.title.replace(/"/g, "&quot;");
  return `<iframe src="${src.href.replace(/"/g, "%22")}" title="${title}" ` +
    `loading="lazy" style="width:100%;border:0;min-height:${height}px"></iframe>`;
}

/**
 * A compact embed: only the fields and outputs named in the URL are shown, the rest stay
 * in the form, fixed. Unknown names are ignored and listed in a small note (as text).
 */
export function applyCompactView(root, search = window.location.search) {
  const params = new URLSearchParams(search);
  const theme = params.get("theme");
  if (THEMES.includes(theme)) document.body.dataset.theme = theme;
  const wantFields = params.has("fields") ? list(params.get("fields")) : null;
  const wantOutputs = params.has("outputs") ? list(params.get("outputs")) : null;
  if (!wantFields && !wantOutputs) return;
  const schema = JSON.parse(root.querySelector("template.calc-schema").content.textContent);
  const fieldNames = new Set(schema.fields.map((f) => f.name));
  const outputNames = new Set(schema.outputs.map((o) => o.name).concat(["chart", "sensitivity"]));
  const unknown = [];
  const compact = {};
  root.classList.add("calc--compact");
  if (wantFields) {
    const known = wantFields.filter((name) => fieldNames.has(name));
    unknown.push(...wantFields.filter((name) => !fieldNames.has(name)));
    compact.fields = known.join(",");
    for (const field of root.querySelectorAll(".calc-field[data-field]")) {
      field.hidden = !known.includes(field.dataset.field);
    }
    // The named fields, in the order named, first among the main fields.
    const main = root.querySelector(".calc-fields--main");
    for (const name of known.slice().reverse()) {
      const field = root.querySelector(`.calc-field[data-field="${CSS.escape(name)}"]`);
      if (main && field) main.prepend(field);
    }
    for (const hide of root.querySelectorAll(".calc-presets, details.calc-advanced, .calc-formulas")) {
      hide.hidden = true;
    }
  }
  if (wantOutputs) {
    const known = wantOutputs.filter((name) => outputNames.has(name));
    unknown.push(...wantOutputs.filter((name) => !outputNames.has(name)));
    compact.outputs = known.join(",");
    for (const element of root.querySelectorAll(".calc-results [data-output]")) {
      const holder = element.closest(".calc-output, tr[data-output-row], .calc-table") || element;
      holder.hidden = !known.includes(element.dataset.output);
    }
    for (const chart of root.querySelectorAll(".calc-chart[data-chart]")) {
      chart.closest(".calc-figure").hidden = !known.includes(chart.dataset.chart);
    }
    const more = root.querySelector(".calc-more");
    if (more) more.hidden = !more.querySelector("tr:not([hidden])");
    for (const hide of root.querySelectorAll(".calc-reported, .calc-notes, .calc-results > h3")) {
      hide.hidden = true;
    }
  }
  root.dataset.compact = JSON.stringify(compact);
  if (unknown.length) {
    const note = document.createElement("p");
    note.className = "calc-compact-note";
    note.textContent = t("views.unknown", { names: unknown.map((n) => n.slice(0, 40)).join(", ") });
    root.prepend(note);
  }
}
