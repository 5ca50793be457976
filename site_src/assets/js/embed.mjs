// Embed pages: report their height to the parent window so a wiki can size the iframe,
// and accept input values from the parent only in one documented, validated shape.
//
// Out: {type: "ai-reality-check:height", calculator: "<name>", height: <pixels>}
// In:  {type: "ai-reality-check:set-inputs", calculator: "<name>", inputs: {field: "value"}}

import { applyInputs } from "./calc-form.mjs";
import { applyCompactView } from "./views.mjs";

const HEIGHT = "ai-reality-check:height";
const SET_INPUTS = "ai-reality-check:set-inputs";
const MAX_FIELDS = 50;
const MAX_VALUE_LENGTH = 200;

function calculatorName() {
  const root = document.querySelector("[data-calculator]");
  return root ? root.dataset.calculator : "";
}

function postHeight() {
  if (window.parent === window) return;
  const height = Math.ceil(document.documentElement.scrollHeight);
  window.parent.postMessage({ type: HEIGHT, calculator: calculatorName(), height }, "*");
}

function validInputs(message) {
  if (!message || typeof message !== "object" || message.type !== SET_INPUTS) return null;
  if (message.calculator !== calculatorName()) return null;
  const inputs = message.inputs;
  if (!inputs || typeof inputs !== "object" || Array.isArray(inputs)) return null;
  const entries = Object.entries(inputs);
  if (entries.length > MAX_FIELDS) return null;
  const clean = {};
  for (const [key, value] of entries) {
    if (typeof value !== "string" && typeof value !== "number") return null;
    const text = String(value);
    if (text.length > MAX_VALUE_LENGTH) return null;
    clean[key] = text;
  }
  return clean;
}

export function startEmbed() {
  const calculator = document.querySelector("[data-calculator]");
  if (calculator) applyCompactView(calculator);
  let scheduled = false;
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      postHeight();
    });
  };
  new ResizeObserver(schedule).observe(document.documentElement);
  window.addEventListener("load", schedule);
  window.addEventListener("message", (event) => {
    if (event.source !== window.parent || window.parent === window) return;
    const inputs = validInputs(event.data);
    if (!inputs) return;
    const root = document.querySelector("[data-calculator]");
    if (root) applyInputs(root, inputs);
  });
}
