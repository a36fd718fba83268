// Parse an Argdown file with the official parser (@argdown/core) and print its model as JSON:
// statements and arguments (last text, tags, data), relations, and any parser or lexer errors.
const fs = require("fs");
const {ArgdownApplication, ParserPlugin, ModelPlugin, DataPlugin} = require("@argdown/core");
const app = new ArgdownApplication();
app.addPlugin(new ParserPlugin(), "parse-input");
app.addPlugin(new DataPlugin(), "build-model");
app.addPlugin(new ModelPlugin(), "build-model");
const r = app.run({process: ["parse-input", "build-model"], input: fs.readFileSync(process.argv[2], "utf8")});
const el = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, {text: (v.members && v.members.length ? v.members[v.members.length - 1].text : (v.descriptions && v.descriptions.length ? v.descriptions[v.descriptions.length-1].text : null)), tags: v.tags || [], data: v.data || null}]));
console.log(JSON.stringify({
  errors: (r.parserErrors || []).map((e) => e.message).concat((r.lexerErrors || []).map((e) => e.message)),
  statements: el(r.statements), arguments: el(r.arguments),
  relations: r.relations.map((x) => [x.from.title, x.relationType, x.to.title]),
}));
