// Pages whose calculator is on the first screen start Python while the rest of the page
// is still being parsed: the build puts the runtime's URLs in a <meta> in <head>.
import { boot } from "./calc-client.mjs";

const meta = document.querySelector('meta[name="ai-reality-check-runtime"]');
if (meta) {
  const urls = JSON.parse(meta.content);
  boot({ wheelUrl: urls.wheel, snapshotUrl: urls.snapshot }).catch(() => {});
}
