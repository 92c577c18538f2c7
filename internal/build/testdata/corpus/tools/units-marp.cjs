#!/usr/bin/env node
// Usage: NODE_PATH=<dir with node_modules> node units-marp.cjs deck.md
// Prints {"slides": N, "units": [...]} as JSON.
//
// Renders the deck with the same @marp-team/marp-core that Marp CLI bundles
// (resolved from @marp-team/marp-cli), with html enabled (as `marp --html`),
// then extracts text units from the slides' HTML (see units-common.cjs).
//
// Each slide is one top-level <svg data-marpit-svg> (inline SVG mode). Inside
// it, sections that are advanced-background layers (data-marpit-advanced-
// background="background"|"pseudo") hold no text and are ignored. Header and
// footer are not units. Math: to keep its source, math is always typeset with
// KaTeX (the deck's `math:` directive is ignored for this purpose only);
// inline math becomes its TeX source wrapped in $...$, display math is dropped.
// Marp emoji shortcodes (:smile:) become twemoji images; their alt text (the
// emoji character) is kept.
'use strict'
const fs = require('fs')
const path = require('path')
const { cheerio, extractUnits } = require('./units-common.cjs')

const cliDir = path.dirname(require.resolve('@marp-team/marp-cli/package.json'))
const corePath = require.resolve('@marp-team/marp-core', { paths: [cliDir] })
const { Marp } = require(corePath)

// In memory only: a `math: mathjax` directive is read as `math: katex` so that
// KaTeX (which keeps the TeX source in an <annotation>) typesets the math.
// Parsing of $...$ is the same for both libraries; the deck file is untouched.
const md = fs.readFileSync(process.argv[2], 'utf8').replace(/^(\s*_?math\s*:\s*)['"]?mathjax['"]?\s*$/gim, '$1katex')
const marp = new Marp({ html: true, math: 'katex', inlineSVG: true })
const { html } = marp.render(md)
const $ = cheerio.load(html)

$('.katex-display').each((_, el) => $(el).replaceWith(''))
$('.katex').each((_, el) => {
  const tex = $(el).find('annotation[encoding="application/x-tex"]').first().text()
  $(el).replaceWith(tex ? `$${tex}$` : '')
})
$('.katex-error').each((_, el) => {
  const tex = $(el).text()
  $(el).replaceWith(tex ? `$${tex}$` : '')
})

// Emoji (twemoji <img class="emoji" alt="😄">, also inside code blocks) read as
// the emoji character.
$('img.emoji').each((_, el) => { $(el).replaceWith($(el).attr('alt') || '') })

const slides = $('svg[data-marpit-svg]').toArray()
const units = []
for (const svg of slides) {
  $(svg).find('section').each((_, sec) => {
    const layer = $(sec).attr('data-marpit-advanced-background')
    if (layer === 'background' || layer === 'pseudo') return
    units.push(...extractUnits($, sec))
  })
}
process.stdout.write(JSON.stringify({ slides: slides.length, units }, null, 2) + '\n')
