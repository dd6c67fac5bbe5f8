// End-to-end test of the `gongwen serve` page in headless Chromium (Debian's), driven by
// playwright-core. Usage: node e2e.mjs BASE_URL OUTDIR. Run through run.sh.
import { chromium } from "playwright-core";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const [base, outDir] = process.argv.slice(2);
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const docx = path.join(root, "tests/fixtures/docx/corpus-000.docx");
fs.mkdirSync(outDir, { recursive: true });

let passed = 0, failed = 0;
function check(name, ok, detail = "") {
  if (ok) { passed++; console.log("ok   " + name); }
  else { failed++; console.log("FAIL " + name + (detail ? ": " + detail : "")); }
}

// What the API says, to compare the page with.
const bytes = fs.readFileSync(docx);
const api = await (await fetch(`${base}/v1/tasks?format=json&filename=corpus-000.docx`, { method: "POST", body: bytes })).json();
const apiXlsx = Buffer.from(await (await fetch(`${base}/v1/tasks?format=xlsx&filename=corpus-000.docx`, { method: "POST", body: bytes })).arrayBuffer());
const apiIcs = Buffer.from(await (await fetch(`${base}/v1/tasks?format=ics&filename=corpus-000.docx`, { method: "POST", body: bytes })).arrayBuffer());
const stated = path.join(root, "corpus/docs/004.txt");

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
try {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1366, height: 900 }, locale: "zh-CN" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  // The 415 of the unreadable file below is expected; nothing else may fail.
  page.on("console", (m) => { if (m.type() === "error" && !m.text().includes("415")) errors.push(m.text()); });
  const outside = [];
  page.on("request", (r) => { if (!r.url().startsWith(base) && !r.url().startsWith("blob:") && !r.url().startsWith("data:")) outside.push(r.url()); });

  await page.goto(base + "/");
  check("page title is Chinese", (await page.title()).includes("公文任务清单"));
  // Keyboard: the file picker is reachable with Tab.
  let reached = false;
  for (let i = 0; i < 6 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(() => document.activeElement && document.activeElement.id === "file");
  }
  check("file picker reachable by keyboard", reached);

  await page.setInputFiles("#file", docx);
  await page.waitForSelector("#tasks tbody tr.task", { timeout: 30000 });
  const rows = await page.locator("#tasks tbody tr.task").count();
  check(`task table has the API's ${api.length} rows`, rows === api.length && rows > 0, `page ${rows}`);
  // 000 never says 牵头 or 配合: its units are neutral 责任单位 chips, none red (牵头).
  const respText = await page.locator("#tasks tbody td.lead .chip.resp").allInnerTexts();
  check("a unit the text does not call lead (县委办) is a neutral 责任单位 chip", respText.includes("县委办"));
  check("no 牵头 chip where the text states no roles", (await page.locator("#tasks .chip.lead, #tree .chip.lead").count()) === 0);
  // Long names wrap inside their chip and show in full on hover.
  const chipStyle = await page.locator("#tasks tbody .chip.resp").first().evaluate((c) => ({ ws: getComputedStyle(c).whiteSpace, title: c.title, text: c.textContent }));
  check("unit chips wrap and carry the full name", chipStyle.ws === "normal" && chipStyle.title.startsWith(chipStyle.text), JSON.stringify(chipStyle));
  const notice = await page.locator("#notice").innerText();
  check("the notice shows the plan title", notice.includes("实施方案"), notice);
  const items = await page.locator("#tree .marker").count();
  check("the item tree is drawn", items > 5, String(items));
  await page.screenshot({ path: path.join(outDir, "page.png") });

  // Filter by unit: only its tasks remain.
  await page.selectOption("#unit-filter", "县委办");
  const filtered = await page.locator("#tasks tbody tr.task").count();
  const expected = api.filter((t) => t.units.includes("县委办")).length;
  check(`unit filter keeps the ${expected} tasks of 县委办`, filtered === expected && filtered < rows, `page ${filtered}`);
  // Sort by deadline: dated rows first, ascending.
  await page.click("#sort-date");
  const dates = await page.locator("#tasks tbody td.date").allInnerTexts();
  // The key is the deadline, or the end of the period (the last date shown).
  const keys = dates.map((d) => d.split("\n")[0]).filter((d) => /^\d{4}/.test(d)).map((d) => d.split(" ").pop());
  check("sorted by deadline", keys.length > 0 && keys.every((k, i) => i === 0 || keys[i - 1] <= k), keys.join(","));
  await page.selectOption("#unit-filter", "");

  // An item's 原文 link highlights its span in the source text.
  await page.locator("#tasks tbody tr.task a.src").first().click();
  const mark = await page.locator("#source mark").innerText();
  check("原文 link highlights the task in the source", mark.length > 10 && mark.replace(/\s/g, "").includes(api[0].text.replace(/\s/g, "").slice(0, 6)), mark.slice(0, 40));
  await page.screenshot({ path: path.join(outDir, "source.png") });

  // Collapse and expand the tree.
  await page.click("#collapse");
  const open = await page.locator("#tree details[open]").count();
  // Keyboard: a summary opens with Enter.
  await page.locator("#tree > details > summary").first().focus();
  await page.keyboard.press("Enter");
  check("a tree node opens with the keyboard", (await page.locator("#tree details[open]").count()) === 1);
  await page.locator("#tree").screenshot({ path: path.join(outDir, "tree.png") });
  await page.click("#expand");
  const all = await page.locator("#tree details").count();
  const openAfter = await page.locator("#tree details[open]").count();
  check("tree collapses and expands", open === 0 && openAfter === all && all > 0);

  // Downloads.
  const [xlsx] = await Promise.all([page.waitForEvent("download"), page.click("#dl-xlsx")]);
  const xlsxPath = path.join(outDir, "tasks.xlsx");
  await xlsx.saveAs(xlsxPath);
  const got = fs.readFileSync(xlsxPath);
  check("XLSX download is the API's workbook", got.subarray(0, 2).toString() === "PK" && got.equals(apiXlsx), `${got.length} bytes`);
  check("XLSX download name", xlsx.suggestedFilename() === "corpus-000-任务清单.xlsx", xlsx.suggestedFilename());
  const [csv] = await Promise.all([page.waitForEvent("download"), page.click("#dl-csv")]);
  const csvPath = path.join(outDir, "tasks.csv");
  await csv.saveAs(csvPath);
  const csvText = fs.readFileSync(csvPath, "utf8");
  check("CSV download starts with a BOM and has every row", csvText.startsWith("\ufeff") && csvText.includes("县委办"));
  const [ics] = await Promise.all([page.waitForEvent("download"), page.click("#dl-ics")]);
  const icsPath = path.join(outDir, "tasks.ics");
  await ics.saveAs(icsPath);
  check("ICS download is the API's calendar", fs.readFileSync(icsPath).equals(apiIcs) && apiIcs.toString().startsWith("BEGIN:VCALENDAR"));
  const [json] = await Promise.all([page.waitForEvent("download"), page.click("#dl-json")]);
  const jsonPath = path.join(outDir, "document.json");
  await json.saveAs(jsonPath);
  check("JSON download is the document", JSON.parse(fs.readFileSync(jsonPath, "utf8")).schema_version === "1");

  // A file that is not a document: the error is shown, in Chinese.
  await page.setInputFiles("#file", { name: "x.bin", mimeType: "application/octet-stream", buffer: Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7) % 251)) });
  await page.waitForSelector("#status.error");
  const status = await page.locator("#status").innerText();
  check("an unreadable file shows a Chinese error", status.includes("不是可以识别的公文文件"), status);
  check("the error has no English in it", !/[A-Za-z]{2,}/.test(status.replace("x.bin", "").replace(/Word|WPS|RTF|PDF|OFD/g, "")), status);
  check("a failed upload clears the previous results", (await page.locator("#result").isHidden()) && (await page.locator("#tasks tbody tr").count()) === 0);

  // A plan that says 牵头 and 配合 (004): red lead and blue support chips.
  await page.setInputFiles("#file", stated);
  await page.waitForSelector("#tasks tbody tr.task", { timeout: 30000 });
  check("stated roles show as 牵头 and 配合 chips", (await page.locator("#tasks .chip.lead").count()) > 0 && (await page.locator("#tasks .chip.support").count()) > 0);

  await page.screenshot({ path: path.join(outDir, "full.png"), fullPage: true });
  check("no script errors", errors.length === 0, errors.join(" | "));
  check("nothing loaded from outside", outside.length === 0, outside.join(" "));
} finally {
  await browser.close();
}
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
