// The console's budget, printed after every build: the JavaScript the dashboard loads (the entry chunk, the dashboard's
// chunk and everything they import, from Vite's manifest) at most 300 KB gzipped, and its data in at most 5 requests.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";

const out = "../wwwroot";
const manifest = JSON.parse(readFileSync(join(out, ".vite", "manifest.json"), "utf8"));
const requests = JSON.parse(readFileSync("src/pages/dashboard-requests.json", "utf8"));
const maxBytes = 300 * 1024;
const maxRequests = 5;

const files = new Set();
const visit = (key) => {
  const chunk = manifest[key];
  if (!chunk || files.has(chunk.file)) return;
  files.add(chunk.file);
  for (const imported of chunk.imports ?? []) visit(imported);
};
visit("index.html");
visit("src/pages/dashboard.ts");

let total = 0;
for (const file of files) {
  const gzipped = gzipSync(readFileSync(join(out, file))).length;
  total += gzipped;
  console.log(`  ${file.padEnd(44)} ${(gzipped / 1024).toFixed(1).padStart(7)} KB gzipped`);
}
const ok = total <= maxBytes && requests.length <= maxRequests;
console.log(`Budget: dashboard JavaScript ${(total / 1024).toFixed(1)} KB gzipped (at most ${maxBytes / 1024} KB); ` +
  `dashboard data in ${requests.length} requests (at most ${maxRequests}): ${ok ? "within budget" : "OVER BUDGET"}`);
process.exit(ok ? 0 : 1);
