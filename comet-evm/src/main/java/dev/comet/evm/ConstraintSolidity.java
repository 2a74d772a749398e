package dev.comet.evm;

import dev.comet.air.Air;
import dev.comet.air.Constraint;
import dev.comet.air.ConstraintDomain;
import dev.comet.air.ConstraintProgram;
import dev.comet.air.TraceInfo;
import dev.comet.field.CubicExtension;
import dev.comet.field.ExtensionField;
import dev.comet.field.Goldilocks;
import dev.comet.field.QuadraticExtension;
import dev.comet.verifier.OodConstraints;
import java.math.BigInteger;
import org.web3j.crypto.Hash;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates, from an AIR's own {@link ConstraintProgram} (the one the Java verifier runs), a
 * Solidity library that computes what the verifier compares with the composition polynomial at
 * the out-of-domain point {@code z}: {@code sum_c alpha_c C_c(z) / Z_c(z)}, as
 * {@code TableCheck} does. Nothing of the constraints is written by hand: every instruction of
 * the program becomes a few lines of Yul over the Goldilocks field and its extension
 * ({@code F_p[x] / (x^d - 7)}, {@code d} 2 or 3).
 *
 * <p><b>Input</b> ({@link Layout}): one array of field elements, each below {@code p}
 * (anything else reverts): {@code z}; the main and auxiliary frame ({@code frameRows} rows of
 * each width); the precommitted columns at the point; the periodic columns at the point; the
 * challenges; the table's LogUp total; one {@code alpha} per constraint; the statement's public
 * values, one word each, when the verifier reads them from its statement (otherwise a public
 * value is compiled in as the constant it is). Extension elements take
 * {@code d} words, lowest coefficient first. <b>Output</b>: the extension element, {@code d} words.
 *
 * <p>Registers live in memory, one {@code d}-word slot per instruction; constraints are summed per
 * domain and divided by its zerofier once (all rows: {@code z^n - 1}; all but the last:
 * {@code (z^n - 1) / (z - g^(n-1))}; one row {@code r}: {@code z - g^r}), inverses through the
 * MODEXP precompile.
 */
public final class ConstraintSolidity {
    private static final String P = "0xffffffff00000001";
    private static final long W = 7;
    private static final BigInteger FIELD_MODULUS = new BigInteger(Long.toUnsignedString(Goldilocks.P));

    private final String library;
    private final ConstraintProgram program;
    /** The constraints this library evaluates: the AIR's from index {@code first} on. */
    private final List<Constraint> constraints;
    private final int first;
    private final int n;
    private final int degree;
    private final Layout layout;

    /**
     * Word offsets of each part of the input.
     *
     * @param frameRows    rows of the evaluation frame (current and next: 2)
     * @param publicValues the statement's public values in the input (0: compiled in)
     */
    public record Layout(int degree, int mainWidth, int auxWidth, int precommittedWidth, int periodic, int challenges,
                         int constraints, int frameRows, int publicValues) {
        public int z() {
            return 0;
        }

        public int main() {
            return degree;
        }

        public int aux() {
            return main() + frameRows * mainWidth * degree;
        }

        public int precommitted() {
            return aux() + frameRows * auxWidth * degree;
        }

        public int periodicValues() {
            return precommitted() + precommittedWidth * degree;
        }

        public int challengeValues() {
            return periodicValues() + periodic * degree;
        }

        public int logUpSum() {
            return challengeValues() + challenges * degree;
        }

        public int alphas() {
            return logUpSum() + degree;
        }

        public int publicValuesFrom() {
            return alphas() + constraints * degree;
        }

        public int length() {
            return publicValuesFrom() + publicValues;
        }
    }

    private ConstraintSolidity(String library, List<Constraint> constraints, int first, int n, int degree, Layout layout) {
        this.library = library;
        this.program = ConstraintProgram.compile(constraints);
        this.constraints = List.copyOf(constraints);
        this.first = first;
        this.n = n;
        this.degree = degree;
        this.layout = layout;
        requireIndicesInLayout();
    }

    /**
     * Every value the program reads has its place in the input: a challenge beyond the table's own
     * count, say, would read the LogUp total or an alpha in its place, where the Java verifier,
     * which passes every challenge of the set, reads the challenge.
     */
    private void requireIndicesInLayout() {
        for (int i = 0; i < program.size(); i++) {
            int a = program.argA(i);
            int b = program.argB(i);
            boolean inside = switch (program.op(i)) {
                case MAIN -> a < layout.mainWidth() && b < layout.frameRows();
                case AUX -> a < layout.auxWidth() && b < layout.frameRows();
                case PRECOMMITTED -> a < layout.precommittedWidth();
                case PERIODIC -> a < layout.periodic();
                case CHALLENGE -> a < layout.challenges();
                case PUBLIC -> layout.publicValues() == 0 || a < layout.publicValues();
                default -> true;
            };
            if (!inside) {
                throw new IllegalArgumentException(library + ": instruction " + i + " (" + program.op(i) + " " + a + ", "
                        + b + ") reads outside the table's columns, periodic columns or challenges");
            }
        }
    }

    /** The generator for {@code air}'s constraints in the extension of {@code degree} (2 or 3). */
    public static ConstraintSolidity of(String library, Air air, int degree) {
        return of(library, air, degree, 0, air.constraints().size(), 0);
    }

    /**
     * The generator for constraints {@code [from, to)} of {@code air}: a library whose value,
     * added to those of the libraries of the other constraints, is the table's (each constraint's
     * term is divided by its own domain's zerofier, so the sum splits along any partition).
     */
    public static ConstraintSolidity of(String library, Air air, int degree, int from, int to) {
        return of(library, air, degree, from, to, 0);
    }

    /**
     * As {@link #of(String, Air, int, int, int)}, reading the statement's {@code publicValues}
     * values from the input (0: compiling them in).
     */
    public static ConstraintSolidity of(String library, Air air, int degree, int from, int to, int publicValues) {
        if (from < 0 || to > air.constraints().size() || from >= to) {
            throw new IllegalArgumentException("constraints [" + from + ", " + to + ") of " + air.constraints().size());
        }
        if (degree != 2 && degree != 3) {
            throw new IllegalArgumentException("extension degree 2 or 3, got " + degree);
        }
        if (!library.matches("[A-Z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("not a Solidity library name: " + library);
        }
        TraceInfo info = air.traceInfo();
        List<Constraint> constraints = air.constraints();
        int frameRows = 1;
        for (Constraint c : constraints) {
            frameRows = Math.max(frameRows, c.expr().maxRowOffset() + 1);
        }
        Layout layout = new Layout(degree, info.mainWidth(), info.auxWidth(), info.precommittedWidth(),
                air.periodicColumns().size(), info.numChallenges(), constraints.size(), frameRows, publicValues);
        return new ConstraintSolidity(library, constraints.subList(from, to), from, info.length(), degree, layout);
    }

    /**
     * {@code air}'s constraints in as many libraries as keep each within {@code maxCodeBytes} of
     * code by {@link #estimatedCodeBytes}, named {@code prefix0, prefix1, ...}: consecutive runs of
     * constraints, each library holding the instructions its constraints need.
     */
    public static List<ConstraintSolidity> split(String prefix, Air air, int degree, int maxCodeBytes) {
        return split(prefix, air, degree, maxCodeBytes, 0);
    }

    /** As {@link #split(String, Air, int, int)}, reading {@code publicValues} values from the input (0: none). */
    public static List<ConstraintSolidity> split(String prefix, Air air, int degree, int maxCodeBytes, int publicValues) {
        List<Constraint> all = air.constraints();
        List<int[]> runs = new ArrayList<>();
        int from = 0;
        while (from < all.size()) {
            int to = from + 1;
            while (to < all.size() && estimatedCodeBytes(all.subList(from, to + 1)) <= maxCodeBytes) {
                to++;
            }
            runs.add(new int[] {from, to});
            from = to;
        }
        List<ConstraintSolidity> out = new ArrayList<>();
        for (int k = 0; k < runs.size(); k++) {
            out.add(of(prefix + k, air, degree, runs.get(k)[0], runs.get(k)[1], publicValues));
        }
        return out;
    }

    /**
     * A library's code size as measured with solc 0.8.30 (optimizer on, 200 runs) over Comet's
     * tables: about 3,400 bytes of fixed code, 4 per instruction and 61 per constraint (the three
     * demo tables' libraries, 4,911 to 15,713 bytes, within 0.1%); an estimate, so callers leave
     * a margin below the 24,576-byte limit.
     */
    static int estimatedCodeBytes(List<Constraint> constraints) {
        return 3_414 + 4 * ConstraintProgram.compile(constraints).size() + 61 * constraints.size();
    }

    public Layout layout() {
        return layout;
    }

    public String libraryName() {
        return library;
    }

    /**
     * What the Java verifier computes from the same input words ({@link OodConstraints} of the
     * program's values): the value the library must return.
     */
    public long[] expected(long[] words) {
        if (words.length != layout.length()) {
            throw new IllegalArgumentException("need " + layout.length() + " input words, got " + words.length);
        }
        ExtensionField ext = degree == 2 ? QuadraticExtension.INSTANCE : CubicExtension.INSTANCE;
        long[][][] main = new long[layout.frameRows()][layout.mainWidth()][];
        long[][][] aux = new long[layout.frameRows()][layout.auxWidth()][];
        for (int off = 0; off < layout.frameRows(); off++) {
            for (int c = 0; c < layout.mainWidth(); c++) {
                main[off][c] = element(words, layout.main() + (off * layout.mainWidth() + c) * degree);
            }
            for (int c = 0; c < layout.auxWidth(); c++) {
                aux[off][c] = element(words, layout.aux() + (off * layout.auxWidth() + c) * degree);
            }
        }
        long[][] pre = new long[layout.precommittedWidth()][];
        for (int c = 0; c < pre.length; c++) {
            pre[c] = element(words, layout.precommitted() + c * degree);
        }
        long[][] periodic = new long[layout.periodic()][];
        for (int k = 0; k < periodic.length; k++) {
            periodic[k] = element(words, layout.periodicValues() + k * degree);
        }
        List<long[]> challenges = new ArrayList<>();
        for (int k = 0; k < layout.challenges(); k++) {
            challenges.add(element(words, layout.challengeValues() + k * degree));
        }
        List<long[]> alphas = new ArrayList<>();
        for (int c = 0; c < constraints.size(); c++) {
            alphas.add(element(words, layout.alphas() + (first + c) * degree));
        }
        long[] statement = layout.publicValues() == 0 ? null
                : java.util.Arrays.copyOfRange(words, layout.publicValuesFrom(), layout.length());
        long[][] values = program.evaluateAt(ext, main, aux, pre, periodic, challenges, element(words, layout.logUpSum()),
                statement);
        return OodConstraints.expected(ext, constraints, n, element(words, layout.z()), values, alphas);
    }

    private long[] element(long[] words, int from) {
        return java.util.Arrays.copyOfRange(words, from, from + degree);
    }

    /** ABI call data of {@code function(uint256[])} (a harness's {@code composition} or {@code measure}) on {@code words}. */
    public static String calldata(String function, long[] words) {
        StringBuilder s = new StringBuilder(Hash.sha3String(function + "(uint256[])").substring(2, 10));
        s.append(word(BigInteger.valueOf(32))).append(word(BigInteger.valueOf(words.length)));
        for (long v : words) {
            s.append(word(new BigInteger(Long.toUnsignedString(v))));
        }
        return "0x" + s;
    }

    private static String word(BigInteger v) {
        String hex = v.toString(16);
        return "0".repeat(64 - hex.length()) + hex;
    }

    /** The extension element a call returned (hex, {@code degree} words). */
    public long[] decode(String hex) {
        String h = hex.startsWith("0x") ? hex.substring(2) : hex;
        if (h.length() != 64 * degree) {
            throw new EvmException("expected " + degree + " return words, got " + h.length() / 64.0);
        }
        long[] out = new long[degree];
        for (int k = 0; k < degree; k++) {
            BigInteger v = new BigInteger(h.substring(64 * k, 64 * (k + 1)), 16);
            if (v.compareTo(FIELD_MODULUS) >= 0) {
                throw new EvmException("return word " + k + " is not a field element: " + v);
            }
            out[k] = v.longValue();
        }
        return out;
    }

    /** The library's Solidity source. */
    public String source() {
        StringBuilder s = new StringBuilder();
        s.append("// SPDX-License-Identifier: UNLICENSED\n");
        s.append("// Generated by Comet from the AIR's constraint program (").append(program.size())
                .append(" instructions, constraints ").append(first).append(" to ").append(first + constraints.size() - 1)
                .append("); do not edit.\n");
        s.append("pragma solidity 0.8.30;\n\n");
        s.append("library ").append(library).append(" {\n");
        s.append("    uint256 internal constant INPUT_LENGTH = ").append(layout.length()).append(";\n\n");
        s.append("    /// sum over the constraints of alpha_c C_c(z) / Z_c(z), from the layout's input.\n");
        // public: a library deployed once and linked, so that a verifier of several tables stays within 24 KB
        s.append("    function composition(uint256[] memory input) public view returns (")
                .append(words("uint256 e")).append(") {\n");
        s.append("        require(input.length == INPUT_LENGTH, \"input length\");\n");
        s.append("        assembly {\n");
        body(s);
        s.append("        }\n");
        s.append("    }\n");
        s.append("}\n");
        return s.toString();
    }

    /** A contract that exposes the library, for tests and gas measurements. */
    public String harness(String contract) {
        return "// SPDX-License-Identifier: UNLICENSED\npragma solidity 0.8.30;\n\nimport \"./" + library + ".sol\";\n\n"
                + "contract " + contract + " {\n"
                + "    function composition(uint256[] calldata input) external view returns (" + words("uint256 e") + ") {\n"
                + "        return " + library + ".composition(input);\n"
                + "    }\n"
                + "    /// The same in a transaction, so that its gas shows in a receipt.\n"
                + "    function measure(uint256[] calldata input) external returns (" + words("uint256 e") + ") {\n"
                + "        return " + library + ".composition(input);\n"
                + "    }\n"
                + "}\n";
    }

    private String words(String prefix) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < degree; k++) {
            out.add(prefix + k);
        }
        return String.join(", ", out);
    }

    // --- Yul --------------------------------------------------------------------------------------

    private void body(StringBuilder s) {
        String ind = "            ";
        s.append(ind).append("let P := ").append(P).append("\n");
        s.append(ind).append("let base := add(input, 32)\n");
        s.append(ind).append("for { let i := 0 } lt(i, ").append(layout.length()).append(") { i := add(i, 1) } {\n");
        s.append(ind).append("    if iszero(lt(mload(add(base, shl(5, i))), P)) { revert(0, 0) }\n");
        s.append(ind).append("}\n");
        // Registers from the free memory pointer, whose value the register functions read from
        // scratch slot 0; the pointer moves past them, so the code is memory-safe.
        s.append(ind).append("mstore(0, mload(0x40))\n");
        s.append(ind).append("mstore(0x20, base)\n");
        // the registers, four more for the combination, and MODEXP's 192 bytes of scratch
        s.append(ind).append("mstore(0x40, add(mload(0), ").append(32L * degree * (program.size() + 4) + 192).append("))\n");
        yulFunctions(s, ind);
        registerFunctions(s, ind);
        for (int i = 0; i < program.size(); i++) {
            instruction(s, ind, i);
        }
        combine(s, ind);
    }

    /**
     * Registers sit in memory allocated at the start ({@code degree} words each; the address of
     * the first is kept in scratch slot 0), and the code stays small because every instruction is
     * one call of a register function with constant indices.
     */
    private static final String MEMORY_BASE = "mload(0)";

    /** Memory address (as a Yul expression) of word {@code k} of register {@code r}. */
    private String reg(int r, int k) {
        return "add(" + MEMORY_BASE + ", " + 32L * ((long) r * degree + k) + ")";
    }

    /** Input word {@code w}. */
    private static String in(long w) {
        return "mload(add(base, " + (32 * w) + "))";
    }

    private void load(StringBuilder s, String ind, int r, long word) {
        s.append(ind).append("ldc(").append(r).append(", ").append(word).append(")\n");
    }

    private void instruction(StringBuilder s, String ind, int i) {
        int a = program.argA(i);
        int b = program.argB(i);
        switch (program.op(i)) {
            case CONST -> s.append(ind).append("cst(").append(i).append(", ").append(Long.toUnsignedString(program.constant(i)))
                    .append(")\n");
            case PUBLIC -> {
                if (layout.publicValues() == 0) {
                    s.append(ind).append("cst(").append(i).append(", ").append(Long.toUnsignedString(program.constant(i)))
                            .append(")\n");
                } else {
                    s.append(ind).append("cst(").append(i).append(", mload(add(mload(0x20), ")
                            .append(32L * (layout.publicValuesFrom() + a)).append(")))\n");
                }
            }
            case MAIN -> load(s, ind, i, layout.main() + ((long) b * layout.mainWidth() + a) * degree);
            case AUX -> load(s, ind, i, layout.aux() + ((long) b * layout.auxWidth() + a) * degree);
            case PRECOMMITTED -> load(s, ind, i, layout.precommitted() + (long) a * degree);
            case PERIODIC -> load(s, ind, i, layout.periodicValues() + (long) a * degree);
            case CHALLENGE -> load(s, ind, i, layout.challengeValues() + (long) a * degree);
            case SUM -> load(s, ind, i, layout.logUpSum());
            case ADD -> s.append(ind).append("radd(").append(i).append(", ").append(a).append(", ").append(b).append(")\n");
            case SUB -> s.append(ind).append("rsub(").append(i).append(", ").append(a).append(", ").append(b).append(")\n");
            case MUL -> {
                if (program.op(a) == ConstraintProgram.Op.CONST || program.op(b) == ConstraintProgram.Op.CONST) {
                    int c = program.op(a) == ConstraintProgram.Op.CONST ? a : b;
                    int x = c == a ? b : a;
                    s.append(ind).append("rscale(").append(i).append(", ").append(x).append(", ")
                            .append(Long.toUnsignedString(program.constant(c))).append(")\n");
                } else {
                    s.append(ind).append("rmul(").append(i).append(", ").append(a).append(", ").append(b).append(")\n");
                }
            }
            case NEG -> s.append(ind).append("rneg(").append(i).append(", ").append(a).append(")\n");
        }
    }

    /** Yul functions over register indices: load, store, and each instruction kind. */
    private void registerFunctions(StringBuilder s, String ind) {
        long stride = 32L * degree;
        String w = words("v");
        s.append(ind).append("function ld(i) -> ").append(w).append(" {\n");
        s.append(ind).append("    let q := add(").append(MEMORY_BASE).append(", mul(i, ").append(stride).append("))\n");
        for (int k = 0; k < degree; k++) {
            s.append(ind).append("    v").append(k).append(" := mload(").append(k == 0 ? "q" : "add(q, " + 32 * k + ")").append(")\n");
        }
        s.append(ind).append("}\n");
        s.append(ind).append("function st(i, ").append(w).append(") {\n");
        s.append(ind).append("    let q := add(").append(MEMORY_BASE).append(", mul(i, ").append(stride).append("))\n");
        for (int k = 0; k < degree; k++) {
            s.append(ind).append("    mstore(").append(k == 0 ? "q" : "add(q, " + 32 * k + ")").append(", v").append(k).append(")\n");
        }
        s.append(ind).append("}\n");
        // the input's first word's address is kept in scratch slot 0x20
        s.append(ind).append("function ldc(i, word) {\n");
        s.append(ind).append("    let q := add(mload(0x20), shl(5, word))\n");
        List<String> loads = new ArrayList<>();
        for (int k = 0; k < degree; k++) {
            loads.add("mload(" + (k == 0 ? "q" : "add(q, " + 32 * k + ")") + ")");
        }
        s.append(ind).append("    st(i, ").append(String.join(", ", loads)).append(")\n");
        s.append(ind).append("}\n");
        s.append(ind).append("function accum(acc, alphaWord, out) {\n");
        s.append(ind).append("    let q := add(mload(0x20), shl(5, alphaWord))\n");
        List<String> alpha = new ArrayList<>();
        for (int k = 0; k < degree; k++) {
            alpha.add("mload(" + (k == 0 ? "q" : "add(q, " + 32 * k + ")") + ")");
        }
        s.append(ind).append("    let ").append(words("o")).append(" := ld(out)\n");
        s.append(ind).append("    let ").append(words("t")).append(" := emul(").append(String.join(", ", alpha)).append(", ")
                .append(words("o")).append(")\n");
        s.append(ind).append("    let ").append(words("c")).append(" := ld(acc)\n");
        s.append(ind).append("    let ").append(words("r")).append(" := eadd(").append(words("c")).append(", ").append(words("t"))
                .append(")\n");
        s.append(ind).append("    st(acc, ").append(words("r")).append(")\n");
        s.append(ind).append("}\n");
        s.append(ind).append("function cst(i, c) {\n");
        s.append(ind).append("    st(i, c").append(", 0".repeat(degree - 1)).append(")\n");
        s.append(ind).append("}\n");
        for (String op : List.of("add", "sub", "mul")) {
            s.append(ind).append("function r").append(op).append("(i, a, b) {\n");
            s.append(ind).append("    let ").append(words("a")).append(" := ld(a)\n");
            s.append(ind).append("    let ").append(words("b")).append(" := ld(b)\n");
            s.append(ind).append("    let ").append(words("r")).append(" := e").append(op).append("(").append(words("a"))
                    .append(", ").append(words("b")).append(")\n");
            s.append(ind).append("    st(i, ").append(words("r")).append(")\n");
            s.append(ind).append("}\n");
        }
        s.append(ind).append("function rscale(i, a, c) {\n");
        s.append(ind).append("    let ").append(words("a")).append(" := ld(a)\n");
        List<String> scaled = new ArrayList<>();
        for (int k = 0; k < degree; k++) {
            scaled.add("mulmod(a" + k + ", c, " + P + ")");
        }
        s.append(ind).append("    st(i, ").append(String.join(", ", scaled)).append(")\n");
        s.append(ind).append("}\n");
        s.append(ind).append("function rneg(i, a) {\n");
        s.append(ind).append("    let ").append(words("a")).append(" := ld(a)\n");
        List<String> neg = new ArrayList<>();
        for (int k = 0; k < degree; k++) {
            neg.add("mod(sub(" + P + ", a" + k + "), " + P + ")");
        }
        s.append(ind).append("    st(i, ").append(String.join(", ", neg)).append(")\n");
        s.append(ind).append("}\n");
    }

    /**
     * The per-domain sums of {@code alpha_c C_c}, each times its zerofier's inverse, into
     * {@code e0..}. The running values live in memory slots after the registers (few stack
     * variables, whatever the degree): {@code z}, {@code z^n - 1}, the total, a domain's sum.
     */
    private void combine(StringBuilder s, String ind) {
        Map<ConstraintDomain, List<Integer>> byDomain = new LinkedHashMap<>();
        for (int c = 0; c < constraints.size(); c++) {
            byDomain.computeIfAbsent(constraints.get(c).domain(), d -> new ArrayList<>()).add(c);
        }
        int z = program.size();
        int zn = z + 1;
        int total = z + 2;
        int acc = z + 3;
        long g = Goldilocks.rootOfUnity(Integer.numberOfTrailingZeros(n));
        load(s, ind, z, layout.z());
        // z^n - 1, n = 2^k: k squarings.
        apply(s, ind, zn, "emul", z, z);
        for (int k = 1; k < Integer.numberOfTrailingZeros(n); k++) {
            apply(s, ind, zn, "emul", zn, zn);
        }
        s.append(ind).append("mstore(").append(reg(zn, 0)).append(", addmod(mload(").append(reg(zn, 0))
                .append("), sub(P, 1), P))\n");
        zero(s, ind, total);
        for (Map.Entry<ConstraintDomain, List<Integer>> group : byDomain.entrySet()) {
            zero(s, ind, acc);
            for (int c : group.getValue()) {
                s.append(ind).append("accum(").append(acc).append(", ").append(layout.alphas() + (long) (first + c) * degree).append(", ")
                        .append(program.outputRegister(c)).append(")\n");
            }
            String point = switch (group.getKey()) {
                case ConstraintDomain.AllRows all -> null;
                case ConstraintDomain.AllButLast butLast -> Long.toUnsignedString(Goldilocks.neg(Goldilocks.pow(g, n - 1)));
                case ConstraintDomain.SingleRow row -> Long.toUnsignedString(Goldilocks.neg(Goldilocks.pow(g, row.row())));
            };
            // z - point, with point = g^(n-1) or g^r
            String shifted = point == null ? null : "addmod(mload(" + reg(z, 0) + "), " + point + ", P)"
                    + (degree == 2 ? ", mload(" + reg(z, 1) + ")" : ", mload(" + reg(z, 1) + "), mload(" + reg(z, 2) + ")");
            s.append(ind).append("{\n");
            if (group.getKey() instanceof ConstraintDomain.SingleRow) {
                s.append(ind).append("    let ").append(words("f")).append(" := einv(").append(shifted).append(")\n");
            } else {
                s.append(ind).append("    let ").append(words("f")).append(" := einv(").append(loads(zn)).append(")\n");
                if (shifted != null) {
                    s.append(ind).append("    ").append(words("f")).append(" := emul(").append(words("f")).append(", ")
                            .append(shifted).append(")\n");
                }
            }
            s.append(ind).append("    ").append(words("f")).append(" := emul(").append(words("f")).append(", ")
                    .append(loads(acc)).append(")\n");
            s.append(ind).append("    ").append(words("f")).append(" := eadd(").append(words("f")).append(", ")
                    .append(loads(total)).append(")\n");
            store(s, ind + "    ", total, "f");
            s.append(ind).append("}\n");
        }
        for (int k = 0; k < degree; k++) {
            s.append(ind).append("e").append(k).append(" := mload(").append(reg(total, k)).append(")\n");
        }
    }

    /** {@code mload} of every word of register {@code r}, comma-separated. */
    private String loads(int r) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < degree; k++) {
            out.add("mload(" + reg(r, k) + ")");
        }
        return String.join(", ", out);
    }

    private void store(StringBuilder s, String ind, int r, String prefix) {
        for (int k = 0; k < degree; k++) {
            s.append(ind).append("mstore(").append(reg(r, k)).append(", ").append(prefix).append(k).append(")\n");
        }
    }

    private void zero(StringBuilder s, String ind, int r) {
        for (int k = 0; k < degree; k++) {
            s.append(ind).append("mstore(").append(reg(r, k)).append(", 0)\n");
        }
    }

    /** Register {@code r = f(a, b)}. */
    private void apply(StringBuilder s, String ind, int r, String f, int a, int b) {
        s.append(ind).append("{\n");
        s.append(ind).append("    let ").append(words("r")).append(" := ").append(f).append("(").append(loads(a))
                .append(", ").append(loads(b)).append(")\n");
        store(s, ind + "    ", r, "r");
        s.append(ind).append("}\n");
    }

    /** The extension's add, sub, mul and inverse, and the base field inverse by MODEXP ({@code x^(p-2)}). */
    private void yulFunctions(StringBuilder s, String ind) {
        String a = words("a");
        String b = words("b");
        String r = words("r");
        s.append(ind).append("function eadd(").append(a).append(", ").append(b).append(") -> ").append(r).append(" {\n");
        for (int k = 0; k < degree; k++) {
            s.append(ind).append("    r").append(k).append(" := addmod(a").append(k).append(", b").append(k)
                    .append(", ").append(P).append(")\n");
        }
        s.append(ind).append("}\n");
        s.append(ind).append("function esub(").append(a).append(", ").append(b).append(") -> ").append(r).append(" {\n");
        for (int k = 0; k < degree; k++) {
            s.append(ind).append("    r").append(k).append(" := addmod(a").append(k).append(", sub(").append(P)
                    .append(", b").append(k).append("), ").append(P).append(")\n");
        }
        s.append(ind).append("}\n");
        s.append(ind).append("function emul(").append(a).append(", ").append(b).append(") -> ").append(r).append(" {\n");
        String p = P;
        if (degree == 2) {
            s.append(ind).append("    r0 := addmod(mulmod(a0, b0, ").append(p).append("), mulmod(").append(W)
                    .append(", mulmod(a1, b1, ").append(p).append("), ").append(p).append("), ").append(p).append(")\n");
            s.append(ind).append("    r1 := addmod(mulmod(a0, b1, ").append(p).append("), mulmod(a1, b0, ").append(p)
                    .append("), ").append(p).append(")\n");
        } else {
            s.append(ind).append("    let c3 := addmod(mulmod(a1, b2, ").append(p).append("), mulmod(a2, b1, ").append(p)
                    .append("), ").append(p).append(")\n");
            s.append(ind).append("    let c4 := mulmod(a2, b2, ").append(p).append(")\n");
            s.append(ind).append("    r0 := addmod(mulmod(a0, b0, ").append(p).append("), mulmod(").append(W).append(", c3, ")
                    .append(p).append("), ").append(p).append(")\n");
            s.append(ind).append("    r1 := addmod(addmod(mulmod(a0, b1, ").append(p).append("), mulmod(a1, b0, ").append(p)
                    .append("), ").append(p).append("), mulmod(").append(W).append(", c4, ").append(p).append("), ").append(p)
                    .append(")\n");
            s.append(ind).append("    r2 := addmod(addmod(mulmod(a0, b2, ").append(p).append("), mulmod(a1, b1, ").append(p)
                    .append("), ").append(p).append("), mulmod(a2, b0, ").append(p).append("), ").append(p).append(")\n");
        }
        s.append(ind).append("}\n");
        // x^(p-2) by MODEXP; x = 0 gives 0, which a zerofier never is at a valid out-of-domain point.
        s.append(ind).append("function binv(x) -> y {\n");
        s.append(ind).append("    let f := add(").append(MEMORY_BASE).append(", ").append(32L * degree * (program.size() + 4))
                .append(")\n");
        s.append(ind).append("    mstore(f, 32) mstore(add(f, 32), 32) mstore(add(f, 64), 32)\n");
        s.append(ind).append("    mstore(add(f, 96), x) mstore(add(f, 128), sub(").append(p).append(", 2)) mstore(add(f, 160), ")
                .append(p).append(")\n");
        s.append(ind).append("    if iszero(staticcall(gas(), 0x05, f, 192, f, 32)) { revert(0, 0) }\n");
        s.append(ind).append("    y := mload(f)\n");
        s.append(ind).append("}\n");
        s.append(ind).append("function einv(").append(a).append(") -> ").append(r).append(" {\n");
        if (degree == 2) {
            // (a0 + a1 x)^-1 = (a0 - a1 x) / (a0^2 - 7 a1^2)
            s.append(ind).append("    let nrm := addmod(mulmod(a0, a0, ").append(p).append("), sub(").append(p)
                    .append(", mulmod(").append(W).append(", mulmod(a1, a1, ").append(p).append("), ").append(p).append(")), ")
                    .append(p).append(")\n");
            s.append(ind).append("    if iszero(nrm) { revert(0, 0) }\n");
            s.append(ind).append("    let v := binv(nrm)\n");
            s.append(ind).append("    r0 := mulmod(a0, v, ").append(p).append(")\n");
            s.append(ind).append("    r1 := mulmod(sub(").append(p).append(", a1), v, ").append(p).append(")\n");
        } else {
            // adjugate: N(a) = a0 A + 7 (a2 B + a1 C), a^-1 = (A + B x + C x^2) / N(a)
            s.append(ind).append("    let cA := addmod(mulmod(a0, a0, ").append(p).append("), sub(").append(p).append(", mulmod(")
                    .append(W).append(", mulmod(a1, a2, ").append(p).append("), ").append(p).append(")), ").append(p).append(")\n");
            s.append(ind).append("    let cB := addmod(mulmod(").append(W).append(", mulmod(a2, a2, ").append(p).append("), ")
                    .append(p).append("), sub(").append(p).append(", mulmod(a0, a1, ").append(p).append(")), ").append(p)
                    .append(")\n");
            s.append(ind).append("    let cC := addmod(mulmod(a1, a1, ").append(p).append("), sub(").append(p)
                    .append(", mulmod(a0, a2, ").append(p).append(")), ").append(p).append(")\n");
            s.append(ind).append("    let nrm := addmod(mulmod(a0, cA, ").append(p).append("), mulmod(").append(W)
                    .append(", addmod(mulmod(a2, cB, ").append(p).append("), mulmod(a1, cC, ").append(p).append("), ")
                    .append(p).append("), ").append(p).append("), ").append(p).append(")\n");
            s.append(ind).append("    if iszero(nrm) { revert(0, 0) }\n");
            s.append(ind).append("    let v := binv(nrm)\n");
            s.append(ind).append("    r0 := mulmod(cA, v, ").append(p).append(")\n");
            s.append(ind).append("    r1 := mulmod(cB, v, ").append(p).append(")\n");
            s.append(ind).append("    r2 := mulmod(cC, v, ").append(p).append(")\n");
        }
        s.append(ind).append("}\n");
    }
}
