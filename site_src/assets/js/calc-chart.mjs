// Charts: figure dicts come from Python; plotly.js (basic bundle, self-hosted) draws them.
// The bundle is loaded only when a chart is about to be on screen.

const PLOTLY_URL = new URL("../vendor/plotly-basic.min.js", import.meta.url).href;
let loading = null;

// A chart near the screen is drawn from the figure already in the page (computed at
// build time) as soon as plotly.js has loaded: it never waits for Python. Loading starts
// when the main thread is idle, so it does not delay the page's first paint.
const IDLE_TIMEOUT_MS = 300;

function idle() {
  return new Promise((resolve) => {
    if (window.requestIdleCallback) window.requestIdleCallback(() => resolve(), { timeout: IDLE_TIMEOUT_MS });
    else setTimeout(resolve, 50);
  });
}

function loadPlotly() {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  loading ??= idle().then(() => new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = PLOTLY_URL;
    script.async = true;
    script.onload = () => {
      keepPlotlyStyles();
      resolve(window.Plotly);
    };
    script.onerror = () => {
      loading = null;
      reject(new Error("plotly.js did not load"));
    };
    document.head.append(script);
  }));
  return loading;
}

/**
 * plotly.js puts its base CSS in a <style> it adds to <head> once, when it loads.
 * Material's instant navigation rebuilds <head> and drops it, which breaks every
 * later chart; an adopted stylesheet with the same rules survives navigation.
 */
function keepPlotlyStyles() {
  const style = document.getElementById("plotly.js-style-global");
  if (!style || !style.sheet || !("adoptedStyleSheets" in document)) return;
  const copy = new CSSStyleSheet();
  copy.replaceSync([...style.sheet.cssRules].map((rule) => rule.cssText).join("\n"));
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, copy];
}

function wrap(text, perLine) {
  const lines = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + 1 + word.length > perLine) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Draw `figure` into `element`, following the page's text colour (light or dark). */
export async function drawChart(element, figure) {
  const Plotly = await loadPlotly();
  const color = getComputedStyle(element).color;
  // Plotly does not wrap titles: break long ones for narrow screens.
  const perLine = Math.max(20, Math.floor(element.clientWidth / 9));
  const lines = wrap(figure.layout.title?.text || "", perLine);
  const layout = {
    ...figure.layout,
    title: { ...(figure.layout.title || {}), text: lines.join("<br>") },
    margin: { ...(figure.layout.margin || {}), t: 30 + 20 * lines.length },
    font: { ...(figure.layout.font || {}), color },
    autosize: true,
  };
  await Plotly.react(element, figure.data, layout, {
    responsive: true,
    displaylogo: false,
    showSendToCloud: false,
    modeBarButtonsToRemove: ["select2d", "lasso2d"],
  });
  element.dataset.rendered = "true";
}
