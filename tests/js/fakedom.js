// A minimal stand-in for the browser's document, enough for the scripts' DOM wiring in Node: elements made by
// createElement with children, text, attributes, listeners and a few selectors. Setting innerHTML throws: the
// scripts build pages from elements and text nodes only, so data never becomes markup.
"use strict";

class Node {
  constructor(doc, tag) {
    this.ownerDocument = doc;
    this.tagName = tag ? tag.toUpperCase() : "#text";
    this.children = [];
    this.attributes = {};
    this.listeners = {};
    this.dataset = {};
    this.className = "";
    this.hidden = false;
    this.value = "";
    this.parentNode = null;
    this._text = "";
  }
  get textContent() { return this.tagName === "#text" ? this._text : this.children.map((c) => c.textContent).join(""); }
  set textContent(v) { this.children = []; if (this.tagName === "#text") this._text = String(v); else if (v !== "") this.appendChild(this.ownerDocument.createTextNode(v)); }
  set innerHTML(v) { throw new Error("innerHTML set to " + v); }
  get innerHTML() { throw new Error("innerHTML read"); }
  appendChild(c) { if (c.parentNode) c.parentNode.removeChild(c); c.parentNode = this; this.children.push(c); return c; }
  insertBefore(c, ref) {
    if (c.parentNode) c.parentNode.removeChild(c);
    const at = ref ? this.children.indexOf(ref) : -1;
    c.parentNode = this;
    if (at < 0) this.children.push(c); else this.children.splice(at, 0, c);
    return c;
  }
  removeChild(c) { this.children.splice(this.children.indexOf(c), 1); c.parentNode = null; return c; }
  get firstChild() { return this.children[0] || null; }
  get nextSibling() { const p = this.parentNode; return p ? p.children[p.children.indexOf(this) + 1] || null : null; }
  setAttribute(k, v) { this.attributes[k] = String(v); }
  getAttribute(k) { return k in this.attributes ? this.attributes[k] : null; }
  hasAttribute(k) { return k in this.attributes; }
  removeAttribute(k) { delete this.attributes[k]; }
  addEventListener(type, f) { (this.listeners[type] = this.listeners[type] || []).push(f); }
  dispatch(type, event) { (this.listeners[type] || []).forEach((f) => f(Object.assign({ preventDefault() {}, target: this }, event))); }
  contains(n) { for (; n; n = n.parentNode) if (n === this) return true; return false; }
  blur() {}
  focus() {}
  get href() { return this.getAttribute("href"); }
  all() { return this.children.flatMap((c) => [c, ...c.all()]); }
  matches(sel) {
    // .class, tag, tag[name="x"], tag[src$="x"], tag[name="x"]:checked: what the scripts ask for.
    const m = /^(\w+)?(?:\.([\w-]+))?(?:\[(\w+)(\$?)="([^"]*)"\])?(:checked)?$/.exec(sel);
    if (!m) throw new Error("selector not supported: " + sel);
    const value = m[3] ? String(this[m[3]] === undefined ? this.getAttribute(m[3]) : this[m[3]]) : "";
    return (!m[1] || this.tagName === m[1].toUpperCase()) && (!m[2] || this.className.split(" ").includes(m[2])) &&
      (!m[3] || (m[4] ? value.endsWith(m[5]) : value === m[5])) && (!m[6] || this.checked === true);
  }
  querySelectorAll(sel) { return this.all().filter((n) => n.tagName !== "#text" && n.matches(sel)); }
  querySelector(sel) { return this.querySelectorAll(sel)[0] || null; }
}

function makeDocument() {
  const doc = {
    readyState: "complete", currentScript: null, activeElement: null, listeners: {},
    createElement(tag) { return new Node(doc, tag); },
    createTextNode(text) { const n = new Node(doc, ""); n._text = String(text); return n; },
    addEventListener(type, f) { (doc.listeners[type] = doc.listeners[type] || []).push(f); },
  };
  doc.body = doc.createElement("body");
  doc.head = doc.createElement("head");
  doc.querySelector = (sel) => doc.body.querySelector(sel);
  doc.querySelectorAll = (sel) => doc.body.querySelectorAll(sel);
  doc.getElementById = (id) => doc.body.all().find((n) => n.id === id) || null;
  return doc;
}

// Every element under a node, as tag names: what a script made (a <b> typed or in the data must not be one).
function tags(node) { return node.all().filter((n) => n.tagName !== "#text").map((n) => n.tagName.toLowerCase()); }

module.exports = { makeDocument, tags };
