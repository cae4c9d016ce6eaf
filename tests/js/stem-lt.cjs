// Reads a JSON list of words on stdin and prints, as JSON, their stems by the Lithuanian
// Snowball stemmer that the site serves: the vendored file, run as the search worker runs
// it (a classic script that fills a global `exports`). Used by tests/test_search.py.
"use strict"
const fs = require("node:fs")
const path = require("node:path")
const vm = require("node:vm")
const vendored = path.resolve(__dirname, "../../src/janus_kit/theme/assets/javascripts/lunr/vendor/orama-stemmers-lt.js")
const sandbox = { exports: {} }
vm.runInNewContext(fs.readFileSync(vendored, "utf8"), sandbox, { filename: vendored })
const { stemmer } = sandbox.exports
let input = ""
process.stdin.setEncoding("utf8")
process.stdin.on("data", chunk => { input += chunk })
process.stdin.on("end", () => {
  const words = JSON.parse(input)
  process.stdout.write(JSON.stringify(words.map(word => stemmer(word))))
})
