// JSR's slow-type check, minus one deliberate exception: plugins type what they add to `App`,
// `Context` and `State` by declaration merging (`declare module "../../core/mod.ts"`), which JSR
// counts as a global augmentation. Every other slow type still fails `deno task check`.
const root = new URL("../", import.meta.url);
const config = JSON.parse(await Deno.readTextFile(new URL("deno.json", root)));
config.lint = { rules: { tags: [], include: ["no-slow-types"] } };
const temporary = new URL(".slow_types.deno.json", root);
await Deno.writeTextFile(temporary, JSON.stringify(config));
const output = await new Deno.Command(Deno.execPath(), {
  args: ["lint", "--json", "--config", temporary.pathname],
  cwd: root,
  stdout: "piped",
  stderr: "inherit",
}).output().finally(() => Deno.remove(temporary));
const { diagnostics } = JSON.parse(new TextDecoder().decode(output.stdout)) as {
  diagnostics: {
    filename: string;
    message: string;
    code: string;
    range: { start: { line: number } };
  }[];
};
const allowed = (d: (typeof diagnostics)[number]) =>
  d.message.startsWith("found an ambient module") && /\/plugins\/[\w-]+\/mod\.ts$/.test(d.filename);
const problems = diagnostics.filter((d) => d.code === "no-slow-types" && !allowed(d));
for (const d of problems) {
  console.error(`${d.filename}:${d.range.start.line}: ${d.message}`);
}
console.log(
  `slow types: ${problems.length} problem(s), ${diagnostics.length - problems.length} allowed`,
);
Deno.exit(problems.length === 0 ? 0 : 1);
