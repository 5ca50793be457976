// Range sliders linked both ways to a field's own text input. Sliding writes the text
// box (which the Python parser reads); the slider follows Python's parsed value after
// each result, so typing "70B" and sliding always agree. Logarithmic sliders move over
// positions 0..N (twelve per power of ten); values are rounded to two significant figures.

const PAGE_FRACTION = 0.1; // Page Up / Page Down jump a tenth of the range

function isLog(slider) {
  return slider.dataset.scale === "log";
}

/** The field value at the slider's position. */
function valueAt(slider) {
  const low = Number(slider.dataset.low);
  const high = Number(slider.dataset.high);
  if (!isLog(slider)) return slider.valueAsNumber;
  const fraction = slider.valueAsNumber / Number(slider.max);
  const value = low * Math.pow(high / low, fraction);
  return Number(value.toPrecision(2));
}

/** The slider position nearest to a field value (clamped to the slider's range). */
function positionOf(slider, value) {
  const low = Number(slider.dataset.low);
  const high = Number(slider.dataset.high);
  const clamped = Math.min(Math.max(value, low), high);
  if (!isLog(slider)) return clamped;
  return Math.round((Math.log(clamped / low) / Math.log(high / low)) * Number(slider.max));
}

/** How a value is typed into the text box: "70B", "1.2T", "0.15", "2048". */
function inputText(value, integer) {
  const rounded = integer ? Math.round(value) : value;
  for (const [size, suffix] of [[1e12, "T"], [1e9, "B"], [1e6, "M"]]) {
    if (Math.abs(rounded) >= size) return `${Number((rounded / size).toPrecision(3))}${suffix}`;
  }
  return String(Number(rounded.toPrecision(6)));
}

/** The slider's value in words and units, as the package formats the field (see render.py). */
export function valueText(field, shown) {
  const unit = field.unit || "";
  if (field.format === "usd") return `${shown} ${unit.replace(/^USD\s*/, "")}`.trim();
  if (field.format === "percent" || !unit) return shown;
  return `${shown} ${unit}`;
}

/** Link every slider under `root` to its field's text input. */
export function mountSliders(root, fields) {
  for (const slider of root.querySelectorAll("input[type=range][data-slider-for]")) {
    const name = slider.dataset.sliderFor;
    const field = fields.get(name);
    const input = root.querySelector(`.calc-field [name="${CSS.escape(name)}"]`);
    if (!field || !input) continue;
    const integer = field.kind === "integer";
    const fromSlider = () => {
      const text = inputText(valueAt(slider), integer);
      input.value = text;
      slider.setAttribute("aria-valuetext", valueText(field, text));
      input.dispatchEvent(new Event("input", { bubbles: true }));
    };
    slider.addEventListener("input", fromSlider);
    slider.addEventListener("keydown", (event) => {
      if (event.key !== "PageUp" && event.key !== "PageDown") return;
      event.preventDefault();
      const span = Number(slider.max) - Number(slider.min);
      const jump = Math.max(Number(slider.step) || 1, span * PAGE_FRACTION);
      const next = slider.valueAsNumber + (event.key === "PageUp" ? jump : -jump);
      slider.value = String(Math.min(Math.max(next, Number(slider.min)), Number(slider.max)));
      fromSlider();
    });
  }
}

/** Move sliders to the values Python parsed (after typing) and describe them in words. */
export function syncSliders(root, fields, result) {
  for (const slider of root.querySelectorAll("input[type=range][data-slider-for]")) {
    const name = slider.dataset.sliderFor;
    const value = result.inputs[name];
    const field = fields.get(name);
    if (typeof value !== "number" || !field) continue;
    if (document.activeElement !== slider) slider.value = String(positionOf(slider, value));
    slider.setAttribute("aria-valuetext", valueText(field, result.input_display[name]));
  }
}
