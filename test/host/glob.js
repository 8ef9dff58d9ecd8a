// Just enough glob for the suite table (`**`, `*`, `?`), because Node 20 has no fs.glob.
const fs = require('fs');
const path = require('path');

function globToRegExp(glob) {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      // `**/` matches zero or more folders; a trailing `**` matches everything below.
      if (glob[i + 2] === '/') { re += '(?:.*/)?'; i += 2; } else { re += '.*'; i += 1; }
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function walk(root, rel = '') {
  const dir = path.join(root, rel);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const r = rel ? `${rel}/${e.name}` : e.name;
    return e.isDirectory() ? walk(root, r) : [r];
  });
}

/** Repository-relative paths (forward slashes) matching any of `globs` and none of `exclude`. */
function matchFiles(root, globs, exclude = []) {
  const inc = globs.map(globToRegExp);
  const exc = exclude.map(globToRegExp);
  const bases = new Set(globs.map((g) => g.split(/[*?]/)[0].replace(/\/[^/]*$/, '')));
  const found = new Set();
  for (const base of bases) {
    for (const f of walk(root, base)) {
      if (inc.some((r) => r.test(f)) && !exc.some((r) => r.test(f))) found.add(f);
    }
  }
  return [...found].sort();
}

module.exports = { matchFiles, globToRegExp };
