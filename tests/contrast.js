// Contrast of every piece of visible text inside the elements matching SELECTOR, as WCAG 2.1 computes
// it: text color over the background the text sits on (the element's and its ancestors' background
// colors, composited, down to the page). axe leaves some of these "incomplete" (text on a panel that
// sits on another panel); this measures them. Returns [{text, ratio, color, background}], one per
// element that holds text directly.
(selector) => {
  const parse = (c) => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return [0, 0, 0, 0];
    const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, bottom) => {
    const a = top[3] + bottom[3] * (1 - top[3]);
    if (a === 0) return [0, 0, 0, 0];
    const mix = (i) => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / a;
    return [mix(0), mix(1), mix(2), a];
  };
  const luminance = (c) => {
    const ch = c.slice(0, 3).map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
  };
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) layers.push(parse(getComputedStyle(e).backgroundColor));
    let color = [255, 255, 255, 1]; // the canvas
    for (const layer of layers.reverse()) color = over(layer, color);
    return color;
  };
  const found = [];
  for (const root of document.querySelectorAll(selector)) {
    for (const el of [root, ...root.querySelectorAll("*")]) {
      const own = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim());
      const style = getComputedStyle(el);
      if (!own || style.visibility === "hidden" || el.getClientRects().length === 0) continue;
      if (el.closest("details:not([open]) > :not(summary)")) continue; // folded away
      const bg = background(el);
      const fg = over(parse(style.color), bg);
      const [a, b] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
      found.push({
        text: el.textContent.trim().slice(0, 40),
        ratio: Math.round(((a + 0.05) / (b + 0.05)) * 100) / 100,
        color: style.color,
        background: `rgb(${bg.slice(0, 3).map(Math.round).join(", ")})`,
      });
    }
  }
  return found;
}
