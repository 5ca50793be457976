// Charts: figure dicts come from Python; plotly.js (basic bundle, self-hosted) draws them.
// The bundle is loaded only when a chart is about to be on screen.

const PLOTLY_URL = new URL("../vendor/plotly-basic.min.js", import.meta.url).href;
let loading = null;

function loadPlotly() {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  loading ??= new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = PLOTLY_URL;
    script.async = true;
    script.onload = () => resolve(window.Plotly);
    script.onerror = () => {
      loading = null;
      reject(new Error("plotly.js did not load"));
    };
    document.head.append(script);
  });
  return loading;
}

/** Draw `figure` into `element`, following the page's text colour (light or dark). */
export async function drawChart(element, figure) {
  const Plotly = await loadPlotly();
  const color = getComputedStyle(element).color;
  const layout = {
    ...figure.layout,
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
