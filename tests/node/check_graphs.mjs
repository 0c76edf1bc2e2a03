// Parse Mermaid diagrams with mermaid's own parser and render DOT with Graphviz
// (the real dot layout, compiled to WebAssembly by @viz-js/viz), for tests/test_graph.py.
//
// Standard input: a JSON list of {"name", "mermaid"?, "dot"?}. Standard output: a JSON list
// of {"name", "mermaid"?, "dot"?}, each {"error"} or {"nodes": [[id, [label lines]]], "edges":
// [[from, to, label]]} as the parser understood them, labels decoded as they would be shown,
// so the tests can check that every id and label survived escaping. One process checks every
// graph, so node starts once.
import { JSDOM } from "jsdom";
import { instance } from "@viz-js/viz";

// mermaid sanitises labels with DOMPurify, which needs a DOM: jsdom's window stands in for a browser.
const { window } = new JSDOM("");
globalThis.window = window;
globalThis.document = window.document;
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });
const viz = await instance();

// What a browser shows for mermaid's label text: its entity codes (kept as placeholders while
// parsing, see mermaid's decodeEntities) become HTML entities, then characters; <br> breaks lines.
function mermaidLines(text) {
  return text.split(/<br\s*\/?>/).map((line) => {
    const html = line.replace(/ﬂ°°/g, "&#").replace(/ﬂ°/g, "&").replace(/¶ß/g, ";");
    const area = window.document.createElement("textarea");
    area.innerHTML = html;
    return area.value;
  });
}

async function checkMermaid(text) {
  try {
    const parsed = await mermaid.parse(text);
    if (!parsed.diagramType.startsWith("flowchart")) return { error: `parsed as ${parsed.diagramType}, not a flowchart` };
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const nodes = [...diagram.db.getVertices().entries()].map(([id, vertex]) => [id, mermaidLines(vertex.text)]);
    const edges = diagram.db.getEdges().map((edge) => [edge.start, edge.end, mermaidLines(edge.text ?? "").join("\n")]);
    return { nodes, edges };
  } catch (error) {
    return { error: String(error.message ?? error) };
  }
}

// A DOT escString as shown: \n (and \l, \r) end a line, a backslash keeps the next character.
function dotLines(label) {
  return label.replace(/\\(.)/g, (_, next) => ("nlr".includes(next) ? "\n" : next)).split("\n");
}

function checkDot(text) {
  const result = viz.render(text, { format: "json" });
  // A warning is a failure too, but for one about font metrics: the WebAssembly build has no fonts, so it
  // estimates the width of non-ASCII characters, which says nothing about the DOT.
  const problems = result.errors
    .filter((error) => !/no value for width of non-ASCII character/.test(error.message))
    .map((error) => `${error.level}: ${error.message}`);
  if (result.status !== "success" || problems.length) return { error: problems.join("; ") || result.status };
  const graph = JSON.parse(result.output);
  const objects = graph.objects ?? [];
  const nodes = objects.filter((item) => item.nodes === undefined).map((item) => [item.name, dotLines(item.label)]);
  const edges = (graph.edges ?? []).map((edge) => [objects[edge.tail].name, objects[edge.head].name, dotLines(edge.label ?? "").join("\n")]);
  if (!viz.render(text, { format: "svg" }).output?.includes("<svg")) return { error: "no SVG in the output" };
  return { nodes, edges };
}

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const results = [];
for (const item of JSON.parse(Buffer.concat(chunks).toString("utf8"))) {
  const result = { name: item.name };
  if (item.mermaid !== undefined) result.mermaid = await checkMermaid(item.mermaid);
  if (item.dot !== undefined) result.dot = checkDot(item.dot);
  results.push(result);
}
process.stdout.write(JSON.stringify(results));
