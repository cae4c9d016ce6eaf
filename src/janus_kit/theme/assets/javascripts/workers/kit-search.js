/*!
 * The kit's search worker: Material for MkDocs' own search worker, loaded unchanged,
 * with two small adjustments to lunr so that stemming works while the reader types.
 * Part of the JANUS+ kit (MIT); see janus_kit/search.py and the README's search section.
 *
 * Why: Material adds a trailing wildcard to every word typed ("mokiniams" is searched as
 * "mokiniams*"), and lunr never passes a wildcard term through the search pipeline, so
 * no language's stemmer ever sees a query. Stemming the index alone would then break
 * search: "communicating*" matches no stem. Hence:
 *
 * 1. the index keeps every word and adds its stem when the stem differs (a typed prefix
 *    finds the words, a stem finds the other forms), and
 * 2. a wildcard word is replaced by its stem, through the index's own search pipeline
 *    (that language's stemmer): "mokiniams*" becomes "mokin*", which finds mokinys,
 *    mokiniui, mokinių... Words the pipeline drops (stop words) stay as typed;
 * 3. a place in a text that matched twice (as a word and as its stem) is reported once,
 *    or Material would highlight it twice and garble its own <mark> tags.
 *
 * The page's configuration names Material's worker: kit-search.js?worker=search.<hash>.min.js
 */
;(function () {
  "use strict"

  /* Where this file is: a real worker, or a script in the iframe of the iframe-worker
     shim that Material uses for pages opened from file:// */
  var here = typeof document !== "undefined" && document.currentScript
    ? document.currentScript.src
    : self.location.href
  var named = /[?&]worker=([\w.-]+\.js)/.exec(here)
  if (!named)
    throw new Error("kit-search.js: the page must name Material's worker (?worker=search.<hash>.min.js)")

  Promise.resolve(importScripts(new URL(named[1], here).href)).then(function () {
    var lunr = self.lunr
    var searchPipeline = null

    /* 1. The index keeps the word beside its stem */
    function keepWord(stemmer) {
      var kept = function (token, i, tokens) {
        var word = token.toString()
        var stemmed = stemmer(token.clone(), i, tokens)
        return stemmed && stemmed.toString() && stemmed.toString() !== word ? [token, stemmed] : token
      }
      kept.label = stemmer.label
      return kept
    }
    var add = lunr.Builder.prototype.add
    lunr.Builder.prototype.add = function (doc, attributes) {
      if (!this.kitWordsAndStems) {
        this.kitWordsAndStems = true
        searchPipeline = this.searchPipeline
        var stack = this.pipeline._stack
        for (var i = 0; i < stack.length; i++)
          if (/^stemmer/.test(stack[i].label || ""))
            stack[i] = keepWord(stack[i])
      }
      return add.call(this, doc, attributes)
    }

    /* 2. A wildcard word is searched by its stem */
    var clause = lunr.Query.prototype.clause
    lunr.Query.prototype.clause = function (options) {
      var result = clause.call(this, options)
      var last = this.clauses[this.clauses.length - 1]
      if (searchPipeline && last && last.usePipeline === false && /^[^*]+\*$/.test(last.term)) {
        var stems = searchPipeline.runString(last.term.slice(0, -1), { fields: last.fields })
        if (stems.length === 1 && stems[0])
          last.term = stems[0] + "*"
      }
      return result
    }

    /* 3. Each matched place once */
    var search = lunr.Index.prototype.search
    lunr.Index.prototype.search = function (query) {
      var results = search.call(this, query)
      for (var r = 0; r < results.length; r++) {
        var metadata = results[r].matchData.metadata
        var seen = Object.create(null)
        for (var term in metadata)
          for (var field in metadata[term]) {
            var entry = metadata[term][field]
            if (entry && Array.isArray(entry.position))
              entry.position = entry.position.filter(function (place) {
                var key = field + ":" + place
                return seen[key] ? false : (seen[key] = true)
              })
          }
      }
      return results
    }
  })
})()
