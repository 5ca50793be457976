// Module worker: splits text into tokens with gpt-tokenizer (OpenAI's own BPE ranks),
// off the main thread. Messages are {id, text, encoding}; replies {id, result} or {id, error}.
import { GptEncoding } from "../vendor/gpt-tokenizer/GptEncoding.js";

const RANKS = {
  o200k_base: () => import("../vendor/gpt-tokenizer/bpeRanks/o200k_base.js"),
  cl100k_base: () => import("../vendor/gpt-tokenizer/bpeRanks/cl100k_base.js"),
};
// Special-token text such as "<|endoftext|>" is ordinary text here, as in tiktoken's
// encode_ordinary.
const ORDINARY = { disallowedSpecial: new Set(), allowedSpecial: new Set() };
const loaded = new Map();
const utf8 = new TextEncoder();
const decoder = new TextDecoder("utf-8");

function load(name) {
  if (!(name in RANKS)) return Promise.reject(new Error(`unknown encoding ${name}`));
  if (!loaded.has(name)) {
    loaded.set(name, RANKS[name]().then((module) => {
      const ranks = module.default;
      return { ranks, api: GptEncoding.getEncodingApi(name, () => ranks) };
    }));
  }
  return loaded.get(name);
}

function tokenBytes(ranks, id) {
  const entry = ranks[id];
  return typeof entry === "string" ? utf8.encode(entry) : Uint8Array.from(entry);
}

// True when `bytes` ends on a whole UTF-8 character.
function complete(bytes) {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index];
    index += lead < 0xc0 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
  }
  return index === bytes.length;
}

// Group tokens into pieces that each decode to whole characters: one emoji can take
// several tokens, and a piece shows them together. The result is flat (typed arrays and
// one string) so that handing it to the page costs almost nothing there.
function pieces(ranks, ids) {
  const counts = [];
  const lengths = [];
  const texts = [];
  let group = 0;
  let bytes = new Uint8Array(0);
  const close = () => {
    const text = decoder.decode(bytes);
    counts.push(group);
    lengths.push(text.length);
    texts.push(text);
    group = 0;
    bytes = new Uint8Array(0);
  };
  for (const id of ids) {
    const more = tokenBytes(ranks, id);
    const joined = new Uint8Array(bytes.length + more.length);
    joined.set(bytes);
    joined.set(more, bytes.length);
    bytes = joined;
    group += 1;
    if (complete(bytes)) close();
  }
  if (group) close();
  return {
    ids: Uint32Array.from(ids),
    counts: Uint32Array.from(counts),
    lengths: Uint32Array.from(lengths),
    text: texts.join(""),
  };
}

self.onmessage = async (event) => {
  const { id, text, encoding } = event.data;
  try {
    const { ranks, api } = await load(encoding);
    const result = { encoding, ...pieces(ranks, api.encode(text, ORDINARY)) };
    self.postMessage({ id, result }, [result.ids.buffer, result.counts.buffer, result.lengths.buffer]);
  } catch (error) {
    self.postMessage({ id, error: String(error && error.message ? error.message : error) });
  }
};
