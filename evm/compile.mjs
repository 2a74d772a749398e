// Compiles Solidity with the pinned solc-js: reads a standard-JSON input on stdin and writes the
// compiler's standard-JSON output on stdout (https://docs.soliditylang.org/en/v0.8.30/using-the-compiler.html).
import solc from 'solc';

let input = '';
process.stdin.setEncoding('utf8');
for await (const chunk of process.stdin) {
  input += chunk;
}
process.stdout.write(solc.compile(input));
