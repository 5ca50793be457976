// Binds one calculator's form to the Python worker and renders what run() returns.
// The browser computes nothing itself: every number and its text come from Python.
import { boot, compute, onStatus, retry } from "./calc-client.mjs";
import { t } from "./messages.mjs";
import { drawChart } from "./calc-chart.mjs";
import { startWhenAllowed } from "./connection.mjs";
import { readParams, toQuery, writeParams } from "./url-state.mjs";
import { mountSliders, syncSliders } from "./sliders.mjs";
import { embedSnippet, viewParams } from "./views.mjs";

const DEBOUNCE_MS = 40;
const NEAR_VIEWPORT = "400px";
const controllers = new WeakMap();

/** Mount every calculator under `scope` that is not mounted yet. */
export function mountAll(scope) {
  for (const root of scope.querySelectorAll("[data-calculator]")) {
    if (!controllers.has(root)) {
      const calculator = new Calculator(root);
      controllers.set(root, calculator);
      calculator.start();
    }
  }
}

/** Set field values from outside (embeds), then recompute. Unknown names are reported by run(). */
export function applyInputs(root, values) {
  const calculator = controllers.get(root);
  if (calculator) calculator.apply(values);
}

function parseJsonTemplate(root, selector) {
  const element = root.querySelector(selector);
  return element ? JSON.parse(element.content.textContent) : null;
}

/** A table row of text cells (never markup), with an optional row header. */
function tableRow(header, cells) {
  const tr = document.createElement("tr");
  if (header !== null) {
    const th = document.createElement("th");
    th.scope = "row";
    th.textContent = header;
    tr.append(th);
  }
  for (const text of cells) {
    const td = document.createElement("td");
    td.textContent = text;
    tr.append(td);
  }
  return tr;
}

function statusText(status) {
  switch (status.phase) {
    case "loading":
      return t("status.loading", { stage: t(`stage.${status.stage}`), percent: Math.round(status.fraction * 100) });
    case "ready":
      return t("status.ready");
    case "error":
      return t("status.error", { message: t(status.message) });
    default:
      return t("status.static");
  }
}

class Calculator {
  constructor(root) {
    this.root = root;
    this.name = root.dataset.calculator;
    this.schema = parseJsonTemplate(root, "template.calc-schema");
    this.result = parseJsonTemplate(root, "template.calc-result");
    this.form = root.querySelector("form.calc-form");
    this.presetMenu = root.querySelector("[data-preset-menu]");
    this.status = root.querySelector(".calc-status");
    this.view = root.dataset.view || "full";
    this.fields = new Map(this.schema.fields.map((field) => [field.name, field]));
    this.outputRules = new Map(this.schema.outputs.map((output) => [output.name, output.shown_when]));
    this.controls = new Map();
    for (const field of this.schema.fields) {
      const control = this.form.elements.namedItem(field.name);
      if (control) this.controls.set(field.name, control);
    }
    this.advanced = root.querySelector("details.calc-advanced");
    this.defaults = {};
    for (const [name, control] of this.controls) this.defaults[name] = control.dataset.default ?? "";
    // The page's own starting point (its marker may name a preset): links record changes from it.
    this.initial = this.values();
    this.changed = false;
    this.sequence = 0;
    this.shown = 0;
    this.timer = null;
    this.live = false;
    this.chartVisible = false;
  }

  start() {
    mountSliders(this.root, this.fields);
    this.showApplicableFields();
    if (this.root.dataset.urlState === "true") {
      const fromUrl = readParams(this.controls.keys());
      if (Object.keys(fromUrl).length) {
        this.apply(fromUrl);
        this.showApplicableFields();
        this.openAdvancedIfChanged();
      }
    }
    this.form.addEventListener("input", (event) => {
      this.changed = true;
      this.showApplicableFields();
      if (event.target !== this.presetMenu) this.schedule();
    });
    this.form.addEventListener("change", (event) => {
      this.changed = true;
      if (event.target === this.presetMenu) this.choosePreset(this.presetMenu.value);
    });
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.schedule();
    });
    this.root.addEventListener("focusin", () => this.startRuntime(), { once: true });
    this.root.addEventListener("click", (event) => this.onClick(event));
    const near = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        near.disconnect();
        this.startRuntime();
      }
    }, { rootMargin: NEAR_VIEWPORT });
    near.observe(this.root);
    // On screen already: start at once rather than on the observer's first callback.
    if (this.root.getBoundingClientRect().top < window.innerHeight + 400) this.startRuntime();
    const chartNear = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        chartNear.disconnect();
        this.chartVisible = true;
        this.drawChart();
      }
    }, { rootMargin: NEAR_VIEWPORT });
    for (const chart of this.root.querySelectorAll(".calc-chart")) chartNear.observe(chart);
    this.unsubscribe = onStatus((status) => this.onStatus(status));
  }

  startRuntime() {
    const { wheelUrl, snapshotUrl } = this.root.dataset;
    // Readers saving data start Python by using the calculator (connection.mjs).
    startWhenAllowed(this.root, () => boot({ wheelUrl, snapshotUrl }).catch(() => {}));
  }

  onStatus(status) {
    if (!this.root.isConnected) {
      this.unsubscribe?.();
      return;
    }
    this.status.textContent = statusText(status);
    const retryButton = this.root.querySelector('[data-action="retry"]');
    if (retryButton) retryButton.hidden = status.phase !== "error";
    if (status.phase === "error") {
      this.live = false;
      this.root.dataset.state = "error";
    } else if (status.phase === "loading") {
      this.root.dataset.state = "loading";
      // Asked now, the worker answers the moment Python is ready (calc-client.mjs).
      if (!this.live && !this.asking) this.runNow();
    } else if (status.phase === "ready" && !this.live && !this.asking) {
      // Ready once this calculator has its first live result for its current inputs.
      this.runNow();
    }
  }

  /** Current form values as strings, plus the chosen preset. */
  values() {
    const values = {};
    for (const [name, control] of this.controls) values[name] = control.value;
    if (this.presetMenu && this.presetMenu.value) values.preset = this.presetMenu.value;
    return values;
  }

  /** The values a preset starts from: defaults overridden by the preset's own. */
  baseline(presetName) {
    const preset = this.schema.presets.find((p) => p.name === presetName);
    return { ...this.defaults, ...(preset ? preset.values : {}) };
  }

  apply(values) {
    this.changed = true;
    if ("preset" in values && this.presetMenu) {
      const known = this.schema.presets.some((p) => p.name === values.preset);
      this.presetMenu.value = known ? values.preset : "";
      this.fill(this.baseline(known ? values.preset : ""));
    }
    const unknown = {};
    for (const [name, value] of Object.entries(values)) {
      if (name === "preset") continue;
      const control = this.controls.get(name);
      if (!control) {
        unknown[name] = value;
        continue;
      }
      if (control.tagName === "SELECT" && ![...control.options].some((o) => o.value === value)) {
        // Keep the odd value visible as an extra option so its error can be shown beside it.
        control.append(new Option(value, value));
      }
      control.value = value;
    }
    this.extra = unknown;
    this.schedule();
    this.startRuntime();
  }

  fill(values) {
    for (const [name, control] of this.controls) {
      if (name in values) control.value = String(values[name]);
    }
  }

  choosePreset(presetName) {
    if (presetName) this.fill(this.baseline(presetName));
    this.showApplicableFields();
    this.schedule();
  }

  schedule() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.runNow(), DEBOUNCE_MS);
  }

  async runNow() {
    clearTimeout(this.timer);
    const sequence = ++this.sequence;
    const values = this.values();
    this.writeUrl();
    let result;
    this.asking = (this.asking || 0) + 1;
    try {
      result = await compute(this.name, { ...(this.extra || {}), ...values });
    } catch {
      return; // the status line already says what happened; the last numbers stay
    } finally {
      this.asking -= 1;
    }
    if (sequence < this.shown) return;
    this.shown = sequence;
    this.render(result);
    if (!this.live) {
      this.live = true;
      this.root.dataset.state = "ready";
    }
  }

  /**
   * Parameters that reproduce the current inputs: changes from the page's own
   * starting point, or, for an embed (which has no preset of its own), changes
   * from the chosen preset, which is then named.
   */
  params({ forEmbed = false } = {}) {
    const { preset = "", ...fields } = this.values();
    const params = {};
    let base;
    if (!forEmbed && preset === (this.initial.preset || "")) {
      base = this.initial;
    } else {
      base = this.baseline(preset);
      if (preset || !forEmbed) params.preset = preset;
    }
    for (const [name, value] of Object.entries(fields)) {
      if (value !== base[name]) params[name] = value;
    }
    return params;
  }

  writeUrl() {
    const fullLink = this.root.querySelector('a[data-action="open-full"]');
    if (fullLink) fullLink.href = this.root.dataset.fullUrl + toQuery(viewParams(this));
    if (this.root.dataset.urlState !== "true" || !this.changed) return;
    writeParams(this.params(), [...this.controls.keys()]);
  }

  /**
   * Fields that apply only while another field has a given value (schema `shown_when`,
   * e.g. the ROI checker's per-outcome fields) are shown only then.
   */
  showApplicableFields() {
    for (const field of this.schema.fields) {
      const rule = field.shown_when;
      const holder = this.controls.get(field.name)?.closest(".calc-field");
      const other = rule && this.controls.get(rule.field);
      if (!holder || !other) continue;
      holder.classList.toggle("calc-field--inapplicable", other.value !== rule.value);
    }
    const count = this.advanced?.querySelector("[data-advanced-count]");
    if (count) {
      const fields = this.advanced.querySelectorAll(".calc-field:not(.calc-field--inapplicable)");
      count.textContent = String(fields.length);
    }
  }

  /** "More assumptions" opens when one of its fields differs from its default (e.g. from a URL). */
  openAdvancedIfChanged() {
    if (!this.advanced) return;
    const preset = this.presetMenu ? this.presetMenu.value : "";
    const base = this.baseline(preset);
    for (const control of this.advanced.querySelectorAll("[name]")) {
      if (control.value !== String(base[control.name] ?? "")) this.advanced.open = true;
    }
  }

  render(result) {
    this.clearErrors();
    if (!result.ok) {
      this.showErrors(result.errors);
      this.root.classList.add("calc--stale");
      return;
    }
    this.root.classList.remove("calc--stale");
    this.result = result;
    for (const element of this.root.querySelectorAll("[data-output][data-value]")) {
      const name = element.dataset.output;
      const value = result.outputs[name];
      element.dataset.value = value === null || value === undefined ? "" : JSON.stringify(value);
      element.textContent = result.display[name];
      // An output that these inputs leave without meaning is left out, like a field
      // (its schema `shown_when`; render.py does the same for the pre-rendered page).
      const rule = this.outputRules.get(name);
      const holder = rule && element.closest(".calc-output, tr[data-output-row]");
      if (holder) holder.toggleAttribute("data-inapplicable", result.inputs[rule.field] !== rule.value);
    }
    for (const element of this.root.querySelectorAll("[data-input-echo]")) {
      element.textContent = result.input_display[element.dataset.inputEcho] ?? "";
    }
    for (const element of this.root.querySelectorAll("[data-caption]")) {
      element.textContent = result.captions[element.dataset.caption] ?? "";
    }
    syncSliders(this.root, this.fields, result);
    this.renderLeaderboard(result);
    this.renderReported(result);
    this.renderNotes(result);
    this.drawChart();
  }

  clearErrors() {
    for (const element of this.root.querySelectorAll(".calc-error")) {
      element.hidden = true;
      element.textContent = "";
    }
    for (const control of this.controls.values()) control.removeAttribute("aria-invalid");
    const general = this.root.querySelector(".calc-form-error");
    if (general) {
      general.hidden = true;
      general.textContent = "";
    }
  }

  showErrors(errors) {
    const general = [];
    for (const error of errors) {
      const control = this.controls.get(error.field);
      const slot = control && this.root.querySelector(`#${CSS.escape(control.id)}-error`);
      if (slot) {
        slot.textContent = error.message;
        slot.hidden = false;
        control.setAttribute("aria-invalid", "true");
        if (this.advanced && this.advanced.contains(control)) this.advanced.open = true;
        // A field that does not apply is still validated: show it while it is wrong.
        control.closest(".calc-field")?.classList.remove("calc-field--inapplicable");
      } else {
        general.push(error.message);
      }
    }
    const box = this.root.querySelector(".calc-form-error");
    if (box && general.length) {
      box.textContent = general.join(" ");
      box.hidden = false;
    }
  }

  renderLeaderboard(result) {
    const body = this.root.querySelector('[data-output="leaderboard"] tbody');
    const rows = result.display.leaderboard;
    if (!body || !rows) return;
    let shown = rows.map((row, index) => [index + 1, row]);
    if (shown.length > 10) shown = [...shown.slice(0, 5), ...shown.slice(-5)];
    body.replaceChildren(...shown.map(([rank, row]) =>
      tableRow(null, [String(rank), row.name, row.tokens, row.useful_tasks, row.value_usd])));
  }

  renderReported(result) {
    const box = this.root.querySelector(".calc-reported");
    if (!box) return;
    const rows = result.reported || [];
    box.hidden = rows.length === 0;
    if (!rows.length) return;
    let table = box.querySelector("table");
    if (!table) {
      table = document.createElement("table");
      table.innerHTML = "<caption>Our estimate vs what was reported</caption><thead><tr>" +
        "<th>Figure</th><th>Estimate</th><th>Reported</th><th>Ratio</th></tr></thead><tbody></tbody>";
      box.append(table);
    }
    table.tBodies[0].replaceChildren(...rows.map((row) =>
      tableRow(row.label, [row.estimate_display, row.reported_display, row.ratio_display])));
  }

  renderNotes(result) {
    const list = this.root.querySelector(".calc-notes");
    if (!list) return;
    list.replaceChildren(...result.notes.map((note) => {
      const item = document.createElement("li");
      item.textContent = note;
      return item;
    }));
  }

  drawChart() {
    if (!this.chartVisible || !this.result) return;
    for (const element of this.root.querySelectorAll(".calc-chart[data-chart]")) {
      const figure = this.result[element.dataset.chart];
      if (!figure) continue;
      drawChart(element, figure).catch(() => {
        element.dataset.rendered = "false";
      });
    }
  }

  /** The current result as CSV: one row per input and per output value. */
  csv() {
    const quote = (value) => {
      const text = value === null || value === undefined ? "" : String(value);
      return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    };
    const rows = [["kind", "name", "label", "value", "display", "unit"]];
    const fields = new Map(this.schema.fields.map((f) => [f.name, f]));
    for (const [name, value] of Object.entries(this.result.inputs)) {
      const field = fields.get(name);
      rows.push(["input", name, field ? field.label : name, value, "", field ? field.unit : ""]);
    }
    for (const output of this.schema.outputs) {
      const value = this.result.outputs[output.name];
      if (Array.isArray(value)) {
        value.forEach((item, index) => {
          if (item !== null && typeof item === "object") {
            for (const [key, part] of Object.entries(item)) {
              rows.push(["output", `${output.name}[${index}].${key}`, output.label, part, "", ""]);
            }
          } else {
            rows.push(["output", `${output.name}[${index}]`, output.label, item, "", output.unit]);
          }
        });
      } else {
        rows.push(["output", output.name, output.label, value, this.result.display[output.name], output.unit]);
      }
    }
    return rows.map((row) => row.map(quote).join(",")).join("\r\n") + "\r\n";
  }

  download(kind) {
    const text = kind === "csv" ? this.csv() : JSON.stringify(this.result, null, 2);
    const type = kind === "csv" ? "text/csv" : "application/json";
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type }));
    link.download = `${this.name}.${kind}`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  }


  async onClick(event) {
    const button = event.target.closest("button[data-action]");
    if (!button) return;
    const action = button.dataset.action;
    if (action === "retry") {
      retry().catch(() => {});
      return;
    }
    if (action === "download-csv" || action === "download-json") {
      this.download(action.slice("download-".length));
      return;
    }
    let text;
    if (action === "copy-link") {
      const url = new URL(window.location.href);
      url.search = toQuery(this.params());
      text = url.href;
    } else if (action === "copy-embed") {
      text = embedSnippet(this);
    } else {
      return;
    }
    const done = this.root.querySelector(".calc-copied");
    try {
      await navigator.clipboard.writeText(text);
      done.textContent = t(action === "copy-link" ? "copied.link" : "copied.embed");
    } catch {
      done.textContent = t("copy.manual");
    }
    done.dataset.copied = text;
    const shown = document.createElement("code");
    shown.textContent = text;
    done.append(shown);
  }
}
