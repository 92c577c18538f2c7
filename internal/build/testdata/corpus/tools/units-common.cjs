// Shared text-unit extraction from rendered slide HTML (cheerio).
// A unit is the visible text of a heading (h1-h6), paragraph (p), list item
// (li, own text only: nested lists are excluded), table cell (th, td), or one
// non-empty line of a code block (pre > code). Inline markup is removed and
// whitespace collapsed. Units that are only punctuation/whitespace are skipped.
'use strict'
const cheerio = require('cheerio')

const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6']
const collapse = (s) => s.replace(/\s+/gu, ' ').trim()
// "only punctuation or whitespace": no letter, number, symbol (emoji) at all.
const meaningful = (s) => /[\p{L}\p{N}\p{S}]/u.test(s)

// Text of an element as a reader sees it. Images contribute nothing, except
// emoji images (Marp twemoji) which contribute their alt text.  Nested lists
// and code blocks are skipped (they produce their own units).
function ownText($, el, { skipNested = [] } = {}) {
  let out = ''
  const walk = (node) => {
    if (node.type === 'text') { out += node.data; return }
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') return
    const name = node.name.toLowerCase()
    if (name === 'style' || name === 'script' || name === 'template') return
    if (name === 'img') {
      const cls = (node.attribs && node.attribs.class) || ''
      if (/\bemoji\b/.test(cls)) out += (node.attribs.alt || '')
      return
    }
    if (name === 'br') { out += ' '; return }
    if (skipNested.includes(name)) return
    for (const c of node.children || []) walk(c)
  }
  for (const c of el.children || []) walk(c)
  return collapse(out)
}

// Extract units from a cheerio root/element, in document order.
function extractUnits($, root, opts = {}) {
  const units = []
  const push = (t) => { if (t && meaningful(t)) units.push(t) }
  const skipCodeLang = opts.skipCodeLang || (() => false)
  $(root).find('h1,h2,h3,h4,h5,h6,p,li,th,td,pre,marp-pre').each((_, el) => {
    const name = el.name.toLowerCase()
    const $el = $(el)
    if (name === 'pre' || name === 'marp-pre') {
      const code = $el.find('code').first()
      const src = code.length ? code : $el
      if (skipCodeLang($el, code)) return
      for (const line of src.text().split(/\r?\n/)) push(collapse(line))
      return
    }
    // Text inside a code block is handled by the pre branch.
    if ($el.parents('pre,marp-pre').length) return
    // A paragraph inside a list item or table cell belongs to that unit.
    if (name === 'p' && $el.parents('li,th,td').length) return
    if (name === 'li') {
      push(ownText($, el, { skipNested: ['ul', 'ol', 'pre', 'marp-pre', 'table', ...HEADINGS] }))
      return
    }
    // Table cells skip headings placed inside them (they are units of their own).
    const extra = (name === 'th' || name === 'td') ? HEADINGS : []
    push(ownText($, el, { skipNested: ['pre', 'marp-pre', 'ul', 'ol', 'table', ...extra] }))
  })
  return units
}

module.exports = { cheerio, collapse, meaningful, ownText, extractUnits }
