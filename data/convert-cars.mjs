// Converts vega-datasets' data/cars.json into data/cars-raw.csv and data/cars.csv (run once;
// see data/README.md):
//   cd "$(mktemp -d)" && npm pack vega-datasets@3.2.1 && tar xzf vega-datasets-3.2.1.tgz
//   node /path/to/comet/data/convert-cars.mjs package/data/cars.json /path/to/comet/data
// Keeps seven numeric columns, turns Year ("1970-01-01") into the 4-digit year and drops every
// row with a null in a kept column; that is cars-raw.csv. cars.csv holds the same rows with the
// features rescaled to magnitudes near 1, so that plain gradient descent with a learning rate
// such as 0.01 converges. Every rescaling moves the decimal point of the JSON's own number text
// (never floating-point division), so each value is the exact decimal of the raw value.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [source, outDir] = process.argv.slice(2);
if (!source || !outDir) {
  console.error('usage: node convert-cars.mjs <path to cars.json> <output directory>');
  process.exit(2);
}

/** Plain decimal text of a JSON number; JavaScript's shortest round-trip form is the JSON's own text here. */
function text(v) {
  const s = String(v);
  if (!/^-?[0-9]+(\.[0-9]+)?$/.test(s)) throw new Error(`unexpected number text ${s}`);
  return s;
}

/** The exact decimal text of s / 10^k (k >= 0), by moving the decimal point; no trailing zeros. */
function shift(s, k) {
  const negative = s.startsWith('-');
  const [int, frac = ''] = (negative ? s.slice(1) : s).split('.');
  const digits = (int + frac).replace(/^0+/, '') || '0';
  const scale = frac.length + k; // value = digits / 10^scale
  let out;
  if (digits === '0') {
    out = '0';
  } else {
    const padded = digits.padStart(scale + 1, '0');
    const cut = padded.length - scale;
    out = scale === 0 ? padded : `${padded.slice(0, cut)}.${padded.slice(cut)}`;
    if (out.includes('.')) out = out.replace(/0+$/, '').replace(/\.$/, '');
  }
  return negative && out !== '0' ? `-${out}` : out;
}

const year = r => (r.Year == null ? null : Number(String(r.Year).slice(0, 4)));
// [name, raw value, converted text]
const columns = [
  ['mpg', r => r.Miles_per_Gallon, v => text(v)],
  ['cylinders', r => r.Cylinders, v => text(v)],
  ['displacement', r => r.Displacement, v => shift(text(v), 2)],  // hundreds of cubic inches
  ['horsepower', r => r.Horsepower, v => shift(text(v), 2)],      // hundreds of horsepower
  ['weight', r => r.Weight_in_lbs, v => shift(text(v), 3)],       // thousands of pounds
  ['acceleration', r => r.Acceleration, v => shift(text(v), 1)],  // tens of seconds (0 to 60 mph)
  ['year', year, v => shift(text(v - 1970), 1)],                  // decades since 1970
];

const cars = JSON.parse(readFileSync(source, 'utf8'));
const header = columns.map(([name]) => name).join(',');
const raw = [header];
const scaled = [header];
for (const car of cars) {
  const values = columns.map(([, get]) => get(car));
  if (values.some(v => v === null || v === undefined)) continue;
  if (values.some(v => typeof v !== 'number' || !Number.isFinite(v))) {
    throw new Error(`non-numeric value in ${JSON.stringify(car)}`);
  }
  raw.push(values.map(text).join(','));
  scaled.push(values.map((v, i) => columns[i][2](v)).join(','));
}
writeFileSync(join(outDir, 'cars-raw.csv'), raw.join('\n') + '\n');
writeFileSync(join(outDir, 'cars.csv'), scaled.join('\n') + '\n');
