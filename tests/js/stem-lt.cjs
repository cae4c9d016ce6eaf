// Reads a JSON list of words on stdin and prints, as JSON, their stems by the Lithuanian
// Snowball stemmer that the site serves (the vendored copy, as the search worker loads it).
// Used by tests/test_search.py to compare with Python's snowballstemmer.
"use strict"
const path = require("node:path")
const vendored = path.resolve(__dirname, "../../src/janus_kit/theme/assets/javascripts/lunr/vendor/orama-stemmers-lt.js")
const { stemmer } = require(vendored)
let input = ""
process.stdin.setEncoding("utf8")
process.stdin.on("data", chunk => { input += chunk })
process.stdin.on("end", () => {
  const words = JSON.parse(input)
  process.stdout.write(JSON.stringify(words.map(word => stemmer(word))))
})
