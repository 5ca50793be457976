// Pages whose calculator is on the first screen start Python while the rest of the page
// is still being parsed: the build puts the runtime's URLs in a <meta> in <head>.
import { boot } from "./calc-client.mjs";
import { savingData } from "./connection.mjs";

const meta = document.querySelector('meta[name="ai-reality-check-runtime"]');
// Readers saving data start Python by using the calculator (see connection.mjs).
if (meta && !savingData()) {
  const urls = JSON.parse(meta.content);
  boot({ wheelUrl: urls.wheel, snapshotUrl: urls.snapshot }).catch(() => {});
}
