// Runs before anything else (`npm install`'s preinstall, `npm start`, `npm test`, the builds):
// on an unsupported Node the build scripts die with an unrelated SyntaxError, so say in one
// line what is needed and how to get it. Accepted versions: `engines.node` of package.json.
//
// Deliberately CommonJS, dependency-free and in syntax that Node 14 still parses (ESLint holds
// it to ES2020): it must run on exactly the old versions it refuses.
// Usage: node scripts/check-node.cjs [version]   (a version to check instead of this Node's)
'use strict';

var path = require('path');

var range = require(path.join(__dirname, '..', 'package.json')).engines.node;
var version = process.argv[2] || process.version;

/** '22.22.2' -> [22, 22, 2]; a missing part is 0. */
function parse(text) {
  var parts = String(text).replace(/^v/, '').split('.');
  return [0, 1, 2].map(function (i) {
    return parseInt(parts[i] || '0', 10);
  });
}

function atLeast(v, min) {
  for (var i = 0; i < 3; i++) {
    if (v[i] !== min[i]) return v[i] > min[i];
  }
  return true;
}

/** One alternative of the range: `^X.Y.Z` (that major, at least X.Y.Z) or `>=X.Y.Z`. */
function satisfies(v, alternative) {
  var m = /^(\^|>=)\s*(\d+(?:\.\d+){0,2})$/.exec(alternative.trim());
  if (!m) throw new Error('check-node: cannot read engines.node alternative "' + alternative + '"');
  var min = parse(m[2]);
  return atLeast(v, min) && (m[1] === '>=' || v[0] === min[0]);
}

/** `^22.22.2 || ^24.15.0 || >=26.0.0` -> `22.22.2+, 24.15+ or 26+` (a whole line: `^26.0.0` -> `26`) */
function describe(alternatives) {
  var names = alternatives.map(function (alternative) {
    var open = /^\s*>=/.test(alternative);
    var min = parse(alternative.replace(/^\s*(\^|>=)\s*/, ''));
    var shown = min[2] ? min.join('.') : min[1] ? min[0] + '.' + min[1] : String(min[0]);
    return shown + (open || min[1] || min[2] ? '+' : '');
  });
  var last = names.pop();
  return names.length ? names.join(', ') + ' or ' + last : last;
}

var alternatives = range.split('||');
var v = parse(version);
var ok = alternatives.some(function (alternative) {
  return satisfies(v, alternative);
});
if (!ok) {
  var nvmrc = require('fs')
    .readFileSync(path.join(__dirname, '..', '.nvmrc'), 'utf8')
    .trim();
  var shownVersion = version.charAt(0) === 'v' ? version : 'v' + version;
  console.error(
    'Yhteistyötila needs Node.js ' +
      describe(alternatives) +
      ' (LTS); you have ' +
      shownVersion +
      '. Get it from https://nodejs.org or with `nvm install ' +
      nvmrc +
      '`.',
  );
  process.exit(1);
}
