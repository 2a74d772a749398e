// Converts a classification data set of scikit-learn's Debian package (sklearn/datasets/data/)
// into a CSV of data/ (run once; see data/README.md):
//   cd "$(mktemp -d)" && apt-get download python3-sklearn=1.2.1+dfsg-1 && dpkg-deb -x python3-sklearn_*.deb x
//   node /path/to/comet/data/convert-sklearn.mjs x/usr/lib/python3/dist-packages/sklearn/datasets/data/breast_cancer.csv /path/to/comet/data
//   node /path/to/comet/data/convert-sklearn.mjs x/usr/lib/python3/dist-packages/sklearn/datasets/data/iris.csv /path/to/comet/data
// The source's first line is "rows,features,class names by index..."; each further line holds
// the features' numbers and the class index. The output has a header of feature names, the class
// as its name in a first column, and every number's own text.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const measures = ['radius', 'texture', 'perimeter', 'area', 'smoothness', 'compactness', 'concavity',
  'concave_points', 'symmetry', 'fractal_dimension'];
// Per source file: the output file, its target column and the feature names (scikit-learn's
// feature_names in snake case).
const SETS = {
  'breast_cancer.csv': {
    out: 'cancer.csv',
    target: 'diagnosis',
    names: [...measures.map((m) => `mean_${m}`), ...measures.map((m) => `${m}_se`), ...measures.map((m) => `worst_${m}`)],
  },
  'iris.csv': {
    out: 'iris.csv',
    target: 'species',
    names: ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'],
  },
};

const [source, outDir] = process.argv.slice(2);
const set = source && SETS[basename(source)];
if (!set || !outDir) {
  console.error(`usage: node convert-sklearn.mjs <path to ${Object.keys(SETS).join(' or ')}> <output directory>`);
  process.exit(2);
}
const { names } = set;
const lines = readFileSync(source, 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
const [rows, features, ...classes] = lines[0].split(',');
if (Number(rows) !== lines.length - 1 || Number(features) !== names.length) {
  throw new Error(`unexpected header ${lines[0]}`);
}
const out = [[set.target, ...names].join(',')];
for (const line of lines.slice(1)) {
  const cells = line.split(',');
  if (cells.length !== names.length + 1) throw new Error(`unexpected line ${line}`);
  for (const c of cells) {
    if (!/^-?[0-9]+(\.[0-9]+)?(e-?[0-9]+)?$/.test(c)) throw new Error(`unexpected number text ${c}`);
  }
  const label = classes[Number(cells[names.length])];
  if (label === undefined) throw new Error(`unknown class in ${line}`);
  out.push([label, ...cells.slice(0, names.length)].join(','));
}
writeFileSync(join(outDir, set.out), out.join('\n') + '\n');
console.log(`wrote ${out.length - 1} rows to ${join(outDir, set.out)}`);
