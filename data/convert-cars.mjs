// Converts vega-datasets' data/cars.json into data/cars.csv (run once; see data/README.md).
//   cd "$(mktemp -d)" && npm pack vega-datasets@3.2.1 && tar xzf vega-datasets-3.2.1.tgz
//   node /path/to/comet/data/convert-cars.mjs package/data/cars.json > /path/to/comet/data/cars.csv
// Keeps seven numeric columns, turns Year ("1970-01-01") into the 4-digit year and drops every
// row with a null in a kept column. Numbers are written with JavaScript's shortest round-trip
// decimal form, which reproduces the JSON's own text (e.g. 17.5, 3504).
import { readFileSync } from 'node:fs';

const source = process.argv[2];
if (!source) {
  console.error('usage: node convert-cars.mjs <path to cars.json>');
  process.exit(2);
}
const cars = JSON.parse(readFileSync(source, 'utf8'));
const columns = [
  ['mpg', r => r.Miles_per_Gallon],
  ['cylinders', r => r.Cylinders],
  ['displacement', r => r.Displacement],
  ['horsepower', r => r.Horsepower],
  ['weight', r => r.Weight_in_lbs],
  ['acceleration', r => r.Acceleration],
  ['year', r => (r.Year == null ? null : Number(String(r.Year).slice(0, 4)))],
];
const lines = [columns.map(([name]) => name).join(',')];
for (const car of cars) {
  const values = columns.map(([, get]) => get(car));
  if (values.some(v => v === null || v === undefined)) continue;
  if (values.some(v => typeof v !== 'number' || !Number.isFinite(v))) {
    throw new Error(`non-numeric value in ${JSON.stringify(car)}`);
  }
  lines.push(values.map(String).join(','));
}
process.stdout.write(lines.join('\n') + '\n');
