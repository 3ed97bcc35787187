// Runs the launch shell's suspend-data codec in Node for the Python tests.
// stdin: {"data": <shell data>, "encode": [state...], "decode": [text...], "fit": [[state, limit]...]}
// stdout: {"encoded": [...], "decoded": [...], "fitted": [...]}
import { readFileSync } from "node:fs";
import vm from "node:vm";

const dir = new URL("../../builder/assets/lms/", import.meta.url);
globalThis.self = globalThis;
for (const name of ["codec.js", "state.js"]) {
  vm.runInThisContext(readFileSync(new URL(name, dir), "utf8"), { filename: name });
}
const L = globalThis.ccLms;
const input = JSON.parse(readFileSync(0, "utf8"));
const T = L.tables(input.data);
process.stdout.write(JSON.stringify({
  encoded: (input.encode || []).map((s) => L.encode(s, T)),
  decoded: (input.decode || []).map((t) => L.decode(t, T)),
  fitted: (input.fit || []).map(([s, limit]) => L.fit(s, T, limit)),
}));
