#!/usr/bin/env node
// Usage: NODE_PATH=<dir with node_modules> node units-slidev.cjs deck.md
// Prints {"slides": N, "units": [...]} as JSON.
//
// Pages: the deck is loaded with @slidev/parser's fs `load()`, which follows
// `src:` imports (and `#range` selectors) and leaves out slides whose
// frontmatter has `hide: true` or `disabled: true`. The number of loaded
// slides is the number of pages `slidev export` produces (one page per slide,
// clicks not split, the default).
//
// Units: each slide's content (frontmatter and the trailing note comment are
// already removed by the parser) is rendered with markdown-it (html: true) and
// text units are extracted as in units-common.cjs, after:
//  - slot markers on their own line (`::right::`, `::default::`) are removed
//    (Slidev turns them into layout slots; they are not visible);
//  - display math ($$ ... $$ blocks) is dropped; inline math $...$ is kept
//    literally (protected from Markdown emphasis parsing);
//  - ```mermaid / ```plantuml fences are skipped (Slidev draws diagrams);
//  - a ````md magic-move block keeps only its last code block (the final
//    step of the animation, which is what slidev export shows).
// Vue components and Iconify icons (<Toc/>, <carbon-logo-github/>) render
// nothing here; text placed inside other custom elements (<v-click>) is kept.
'use strict'
const fs = require('fs')
const path = require('path')
const MarkdownIt = require('markdown-it')
const { cheerio, extractUnits } = require('./units-common.cjs')

async function main() {
  const deck = path.resolve(process.argv[2])
  const { load } = await import(require.resolve('@slidev/parser/fs'))
  const root = path.dirname(deck)
  const data = await load({ roots: [root], userRoot: root }, deck)
  const errors = Object.values(data.markdownFiles).flatMap((m) => m.errors || [])
  if (errors.length) {
    process.stderr.write('parser errors: ' + JSON.stringify(errors) + '\n')
    process.exitCode = 2
  }
  const mdit = new MarkdownIt({ html: true })
  const units = []
  for (const slide of data.slides) {
    const { text, restore } = preprocess(slide.content || '')
    const html = restore(mdit.render(text))
    const $ = cheerio.load(html)
    units.push(...extractUnits($, $.root(), {
      skipCodeLang: ($pre, $code) => /\blanguage-(mermaid|plantuml)\b/.test($code.attr('class') || ''),
    }))
  }
  process.stdout.write(JSON.stringify({ slides: data.slides.length, units }, null, 2) + '\n')
}

// magicMove replaces each ````md magic-move block by its last inner fence.
function magicMove(src) {
  return src.replace(/^(\s*)(`{4,})md magic-move[^\n]*\n([\s\S]*?)\n\s*\2\s*$/gm, (m, indent, outer, body) => {
    const fences = [...body.matchAll(/^\s*(`{3})([^\n]*)\n([\s\S]*?)\n\s*\1\s*$/gm)]
    if (!fences.length) return m
    const last = fences[fences.length - 1]
    return indent + last[1] + last[2] + '\n' + last[3] + '\n' + indent + last[1]
  })
}

function preprocess(src) {
  const lines = magicMove(src).split(/\r?\n/)
  const out = []
  const saved = []
  let fence = null
  let inMath = false
  for (const line of lines) {
    const f = line.match(/^\s*(`{3,}|~{3,})/)
    if (fence) {
      out.push(line)
      if (f && f[1][0] === fence[0] && f[1].length >= fence.length && line.trim().replace(/[`~]/g, '') === '') fence = null
      continue
    }
    if (f && !inMath) { fence = f[1]; out.push(line); continue }
    const t = line.trim()
    if (inMath) { if (t.endsWith('$$')) inMath = false; continue }
    if (t.startsWith('$$')) {
      if (!(t.length > 2 && t.endsWith('$$') && t !== '$$')) inMath = true
      continue
    }
    if (/^::[\w-]+::$/.test(t)) { out.push(''); continue }
    out.push(line.replace(/\$(?!\s)([^$\n`]+?)(?<!\s)\$/g, (m, body) => {
      if (!/[\\^_{}]/.test(body)) return m
      saved.push(m)
      return `MATHPLACEHOLDER${saved.length - 1}X`
    }))
  }
  return {
    text: out.join('\n'),
    restore: (html) => html.replace(/MATHPLACEHOLDER(\d+)X/g, (_, i) => escapeHtml(saved[+i])),
  }
}
const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

main().catch((e) => { console.error(e); process.exit(1) })
