package dev.comet.evm;

import dev.comet.air.Air;
import dev.comet.air.CompositionLayout;
import dev.comet.air.PublicFractions;
import dev.comet.air.StatementBinding;
import dev.comet.air.TableSet;
import dev.comet.air.TraceInfo;
import dev.comet.fri.FriLayout;
import dev.comet.proof.Precommitment;
import dev.comet.proof.ProofOptions;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.web3j.crypto.Hash;

/**
 * A whole on-chain verifier for one table set and one set of proof options: each table's
 * generated constraint library ({@link ConstraintSolidity}) and periodic-columns library, and a
 * contract that holds the set's and the options' constants and runs {@code CometStark.verify} on a
 * proof given as calldata ({@link ProofCalldata}). It covers proofs over the quadratic extension of
 * any number of tables of any heights, with or without auxiliary traces, LogUp totals (which must
 * cancel among the tables and the public fractions), periodic columns and precommitted segments
 * (a dataset) read by one or several tables.
 *
 * <p>Without a {@link StatementBinding}, the constraints' constants (a statement's weights,
 * hyperparameters, dataset root) are compiled into the generated libraries, so a contract verifies
 * the proofs of one statement: its {@code verify(bytes[], ...)} returns false unless the public
 * inputs it is given are that statement's, byte for byte (their keccak-256 digests are constants),
 * and absorbs them as the Java verifier does. With one, the contract verifies every statement of
 * the shape: {@code verify(bytes statement, ...)} reads the statement by the binding's fields
 * (a generated {@code <contract>Statement} library), requires its shape's bytes, assembles each
 * table's public inputs and roots from it, and gives its public values to the constraints and the
 * public fractions; {@code commitment(statement)} returns the commitment the statement names
 * ({@link StatementBinding#commitment}: a dataset's digest).
 */
public final class StarkSolidity {
    private final TableSet set;
    private final ProofOptions options;
    private final String contract;
    /** Each table's constraint libraries, as many as keep each within the code size limit. */
    private final List<List<ConstraintSolidity>> constraints = new ArrayList<>();
    private final int[] compositionColumns;
    private final int[] frameRows;
    private final FriLayout fri;
    private final int maxLogLength;
    /** How the statement is read, or null when its values are compiled in. */
    private final StatementBinding binding;
    private final List<StatementCheck> checks;

    /**
     * The estimated code size ({@link ConstraintSolidity#estimatedCodeBytes}) a constraint library
     * may reach: the estimate has been up to 13% low for the largest tables, so this stays well
     * below the 24,576-byte limit.
     */
    static final int CONSTRAINT_LIBRARY_BYTES = 18_000;

    private StarkSolidity(TableSet set, ProofOptions options, String contract, int libraryBytes,
                          ShapeStatement statement) {
        this.set = set;
        this.options = options;
        this.contract = contract;
        this.binding = statement == null ? null : statement.binding();
        this.checks = statement == null ? List.of() : statement.checks();
        int values = binding == null ? 0 : binding.numValues();
        int n = set.size();
        this.compositionColumns = new int[n];
        this.frameRows = new int[n];
        int[] logLdes = new int[n];
        for (int i = 0; i < n; i++) {
            Air air = set.table(i);
            constraints.add(ConstraintSolidity.split(tableName(i) + "Constraints", air, 2, libraryBytes, values));
            CompositionLayout layout = CompositionLayout.of(air.constraints(), air.traceInfo().length());
            compositionColumns[i] = layout.numColumns();
            frameRows[i] = layout.frameRows();
            logLdes[i] = air.traceInfo().logLength() + options.logBlowup();
        }
        this.maxLogLength = set.maxLogLength();
        this.fri = FriLayout.of(options.fri(), options.logBlowup(), logLdes);
    }

    /** The verifier of {@code air}'s one-table proofs under {@code options}, as a contract named {@code contract}. */
    public static StarkSolidity of(Air air, ProofOptions options, String contract) {
        return of(TableSet.of(air), options, contract);
    }

    /** The verifier of {@code set}'s proofs under {@code options}, as a contract named {@code contract}. */
    public static StarkSolidity of(TableSet set, ProofOptions options, String contract) {
        return of(set, options, contract, CONSTRAINT_LIBRARY_BYTES);
    }

    /**
     * As {@link #of(TableSet, ProofOptions, String)}, with constraint libraries of at most
     * {@code libraryBytes} of estimated code each ({@link ConstraintSolidity#estimatedCodeBytes}).
     */
    public static StarkSolidity of(TableSet set, ProofOptions options, String contract, int libraryBytes) {
        return of(set, options, contract, libraryBytes, null);
    }

    /**
     * As {@link #of(TableSet, ProofOptions, String, int)}, reading the statement as {@code statement}
     * says (null: compiling it in), whose binding must read {@code set} ({@link StatementBinding#check}).
     */
    public static StarkSolidity of(TableSet set, ProofOptions options, String contract, int libraryBytes,
                                   ShapeStatement statement) {
        if (statement != null) {
            statement.binding().check(set);
        }
        if (options.extensionDegree() != 2) {
            throw new IllegalArgumentException("the on-chain verifier covers the quadratic extension, not degree "
                    + options.extensionDegree());
        }
        for (int i = 0; i < set.size(); i++) {
            if (set.table(i).traceInfo().hasPrecommitted() && options.logBlowup() > Precommitment.LOG_BLOWUP) {
                throw new IllegalArgumentException(set.table(i).name() + ": blowup 2^" + options.logBlowup()
                        + " exceeds the precommitted segment's 2^" + Precommitment.LOG_BLOWUP);
            }
        }
        if (options.hash() != dev.comet.hash.HashId.SHA256) {
            throw new IllegalArgumentException("the on-chain verifier hashes with SHA-256, not " + options.hash());
        }
        if (!contract.matches("[A-Z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("not a contract name: " + contract);
        }
        return new StarkSolidity(set, options, contract, libraryBytes, statement);
    }

    private String tableName(int i) {
        return contract + "T" + i;
    }

    /** Every source file the contract needs, by file name. */
    public Map<String, String> sources() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("CometField.sol", SolidityLibraries.field());
        out.put("CometMerkle.sol", SolidityLibraries.merkle());
        out.put("CometTranscript.sol", SolidityLibraries.transcript());
        out.put("CometFri.sol", SolidityLibraries.fri());
        out.put("CometStark.sol", SolidityLibraries.stark());
        for (int i = 0; i < set.size(); i++) {
            for (ConstraintSolidity part : constraints.get(i)) {
                out.put(part.libraryName() + ".sol", part.source());
            }
            out.put(tableName(i) + "Public.sol", publicLibrary(i));
            for (DensePeriodic.Part part : denseParts(i)) {
                out.put(part.library() + ".sol", part.source());
            }
        }
        if (binding != null) {
            out.put(contract + "Statement.sol", StatementSolidity.source(contract + "Statement", binding, checks));
            for (StatementCheck check : checks) {
                out.put(check.library() + ".sol", check.source());
            }
        }
        out.put(contract + ".sol", verifier());
        return out;
    }

    public String contractName() {
        return contract;
    }

    /** The table set this verifier is generated for. */
    public TableSet tableSet() {
        return set;
    }

    private String verifier() {
        StringBuilder s = new StringBuilder();
        s.append("// SPDX-License-Identifier: UNLICENSED\n");
        s.append("// Generated by Comet: the verifier of ").append(set.name()).append(" proofs under the options ")
                .append(options.presetName().orElse("given")).append("; do not edit.\n");
        s.append("pragma solidity 0.8.30;\n\nimport \"./CometStark.sol\";\n");
        for (int i = 0; i < set.size(); i++) {
            s.append("import \"./").append(tableName(i)).append("Public.sol\";\n");
        }
        if (binding != null) {
            s.append("import \"./").append(contract).append("Statement.sol\";\n");
        }
        s.append("\ncontract ").append(contract).append(" {\n");
        if (binding != null) {
            boundVerify(s);
        } else {
            fixedVerify(s);
        }
        s.append("    function tableSet() private view returns (CometStark.Set memory s) {\n");
        s.append("        s.name = unicode\"").append(quoted(set.name())).append("\";\n");
        s.append("        s.numChallenges = ").append(set.numChallenges()).append(";\n");
        s.append("        s.maxLogLength = ").append(maxLogLength).append(";\n");
        friLayout(s, "s.fri", fri);
        s.append("        s.tables = new CometStark.Air[](").append(set.size()).append(");\n");
        for (int i = 0; i < set.size(); i++) {
            s.append("        s.tables[").append(i).append("] = CometStark.table(address(").append(tableName(i))
                    .append("Public));\n");
        }
        s.append("    }\n\n");
        s.append("}\n");
        return s.toString();
    }

    /**
     * {@code verify(statement, w, digests)}: the statement read by the binding (false if it is not
     * of the shape or breaks a rule), the roots it gives set in, its public values passed on;
     * {@code securityBits()}; and {@code commitment(statement)}, the commitment it names.
     */
    private void boundVerify(StringBuilder s) {
        String lib = contract + "Statement";
        int[] roots = binding.rootFields();
        s.append("    /// statement: the bytes of a statement of this contract's shape (any other is refused).\n");
        s.append("    function verify(bytes calldata statement, uint256[] calldata w, bytes32[] calldata digests)\n");
        s.append("        external view returns (bool)\n    {\n");
        s.append("        (bool ok, bytes[] memory inputs, uint256[] memory values, bytes32[] memory roots, ) = ")
                .append(lib).append(".read(statement);\n");
        s.append("        if (!ok) {\n            return false;\n        }\n");
        s.append("        CometStark.Set memory s = tableSet();\n");
        s.append("        s.values = values;\n");
        for (int i = 0; i < roots.length; i++) {
            if (roots[i] >= 0) {
                s.append("        s.tables[").append(i).append("].s.precommittedRoot = roots[").append(i).append("];\n");
            }
        }
        s.append("        return CometStark.verify(s, inputs, StarkCalldata.decode(w, digests));\n    }\n\n");
        int bits = dev.comet.proof.SecurityReport.of(options, dev.comet.proof.AirShape.of(set)).bits();
        s.append("    /// The conjectured security of this contract's proof options for its shape, in bits (as the Java verifier reports it).\n");
        s.append("    function securityBits() external pure returns (uint256) {\n        return ").append(bits)
                .append(";\n    }\n\n");
        s.append("    /// The commitment the statement names (a dataset's digest); zero if it is not a statement of the shape.\n");
        s.append("    function commitment(bytes calldata statement) external view returns (bytes32) {\n");
        s.append("        (bool ok, , , , bytes32 c) = ").append(lib).append(".read(statement);\n");
        s.append("        return ok ? c : bytes32(0);\n    }\n\n");
    }

    /** {@code verify(publicInputs, w, digests)} and {@code isStatement}: the one statement compiled in. */
    private void fixedVerify(StringBuilder s) {
        s.append("    /// publicInputs: each table's, in the set's order; false unless they are the statement's.\n");
        s.append("    function verify(bytes[] calldata publicInputs, uint256[] calldata w, bytes32[] calldata digests)\n");
        s.append("        external view returns (bool)\n    {\n");
        s.append("        if (!isStatement(publicInputs)) {\n            return false;\n        }\n");
        s.append("        return CometStark.verify(tableSet(), publicInputs, StarkCalldata.decode(w, digests));\n    }\n\n");
        s.append("    /// Whether publicInputs are, byte for byte, those this contract's constraints were generated for.\n");
        s.append("    function isStatement(bytes[] calldata publicInputs) public pure returns (bool) {\n");
        s.append("        return publicInputs.length == ").append(set.size());
        for (int i = 0; i < set.size(); i++) {
            s.append("\n            && keccak256(publicInputs[").append(i).append("]) == 0x")
                    .append(HexFormat.of().formatHex(Hash.sha3(set.table(i).publicInputs())));
        }
        s.append(";\n    }\n\n");
    }

    /** The options' bytes as the transcript absorbs them ({@code ProtocolTranscript.start}). */
    private byte[] optionBytes() {
        ByteBuffer o = ByteBuffer.allocate(32);
        o.putInt(options.logBlowup()).putInt(options.numQueries()).putInt(options.dataQueries())
                .putInt(options.grindingBits()).putInt(options.extensionDegree()).putInt(options.foldingFactor())
                .putInt(options.remainderSize()).putInt(options.hash().code());
        return o.array();
    }

    /** {@code shape()}: table {@code i}'s constants, the exact bytes the transcript absorbs for it and its shape. */
    private void shape(StringBuilder s, int i, byte[] optionBytes) {
        Air air = set.table(i);
        TraceInfo info = air.traceInfo();
        ByteBuffer t = ByteBuffer.allocate(32);
        t.putInt(info.logLength()).putInt(info.mainWidth()).putInt(info.auxWidth()).putInt(info.numChallenges())
                .putInt(compositionColumns[i]).putInt(info.precommittedWidth()).putInt(info.logPrecommittedHeight())
                .putInt(air.logUpSumColumn() >= 0 ? 1 : 0);
        long shift = dev.comet.field.Goldilocks.pow(dev.comet.field.Goldilocks.GENERATOR, 1L << (maxLogLength - info.logLength()));
        s.append("    function shape() public pure returns (CometStark.TableShape memory a) {\n");
        s.append("        a.options = hex\"").append(HexFormat.of().formatHex(optionBytes)).append("\";\n");
        s.append("        a.name = unicode\"").append(quoted(air.name())).append("\";\n");
        s.append("        a.trace = hex\"").append(HexFormat.of().formatHex(t.array())).append("\";\n");
        s.append("        a.shift = ").append(Long.toUnsignedString(shift)).append(";\n");
        s.append("        a.logLength = ").append(info.logLength()).append(";\n");
        s.append("        a.mainWidth = ").append(info.mainWidth()).append(";\n");
        s.append("        a.auxWidth = ").append(info.auxWidth()).append(";\n");
        s.append("        a.numChallenges = ").append(info.numChallenges()).append(";\n");
        s.append("        a.hasLogUpSum = ").append(air.logUpSumColumn() >= 0).append(";\n");
        s.append("        a.compositionColumns = ").append(compositionColumns[i]).append(";\n");
        s.append("        a.numConstraints = ").append(air.constraints().size()).append(";\n");
        s.append("        a.frameRows = ").append(frameRows[i]).append(";\n");
        s.append("        a.logBlowup = ").append(options.logBlowup()).append(";\n");
        s.append("        a.numQueries = ").append(options.numQueries()).append(";\n");
        s.append("        a.grindingBits = ").append(options.grindingBits()).append(";\n");
        s.append("        a.hasPublicFractions = ").append(!air.publicFractions().isEmpty()).append(";\n");
        if (!air.periodicColumns().isEmpty()) {
            s.append("        a.hasPeriodic = true;\n");
            s.append("        a.periodicDigest = 0x").append(HexFormat.of().formatHex(
                    dev.comet.air.PeriodicColumn.digest(air.periodicColumns()))).append(";\n");
        }
        // CometDeep's shape words, read off the fields above so that the two cannot differ
        s.append("        a.deep = new uint256[](7);\n");
        s.append("        (a.deep[0], a.deep[1], a.deep[2], a.deep[3], a.deep[4], a.deep[5], a.deep[6]) = (a.logLength,"
                + " a.logBlowup, a.mainWidth, a.auxWidth, a.compositionColumns, a.frameRows, a.shift);\n");
        segment(s, i);
        s.append("    }\n\n");
    }

    /** Table {@code i}'s precommitted segment: its shape and root, and, if it opens it, its readers and FRI. */
    private void segment(StringBuilder s, int i) {
        Air air = set.table(i);
        TraceInfo info = air.traceInfo();
        if (!info.hasPrecommitted()) {
            return;
        }
        s.append("        a.precommittedWidth = ").append(info.precommittedWidth()).append(";\n");
        s.append("        a.logPrecommittedHeight = ").append(info.logPrecommittedHeight()).append(";\n");
        s.append("        a.precommittedRoot = 0x").append(HexFormat.of().formatHex(air.precommittedRoot())).append(";\n");
        if (set.segmentOwner(i) != i) {
            return;
        }
        List<Integer> readers = set.segmentReaders(i);
        s.append("        a.segmentQueries = ").append(options.dataQueries()).append(";\n");
        s.append("        a.segmentReaders = new uint256[](").append(readers.size()).append(");\n");
        for (int r = 0; r < readers.size(); r++) {
            s.append("        a.segmentReaders[").append(r).append("] = ").append(readers.get(r)).append(";\n");
        }
        int logLde = info.logPrecommittedHeight() + Precommitment.LOG_BLOWUP;
        friLayout(s, "a.segmentFri", FriLayout.of(Precommitment.FRI, Precommitment.LOG_BLOWUP, logLde));
    }

    private static void friLayout(StringBuilder s, String name, FriLayout layout) {
        s.append("        ").append(name).append(".logDomains = new uint256[](").append(layout.numLayers()).append(");\n");
        s.append("        ").append(name).append(".logFolds = new uint256[](").append(layout.numLayers()).append(");\n");
        for (int i = 0; i < layout.numLayers(); i++) {
            s.append("        ").append(name).append(".logDomains[").append(i).append("] = ")
                    .append(layout.logDomains()[i]).append(";\n");
            s.append("        ").append(name).append(".logFolds[").append(i).append("] = ")
                    .append(layout.logFolds()[i]).append(";\n");
        }
        s.append("        ").append(name).append(".logFinal = ").append(layout.logFinal()).append(";\n");
        s.append("        ").append(name).append(".remainderBound = ").append(layout.remainderDegreeBound()).append(";\n");
        s.append("        ").append(name).append(".degree = 2;\n");
    }

    private static String quoted(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /**
     * Table {@code i}'s public values: {@code shape()}, its constants; {@code periodic(z)}, its
     * periodic columns at the point; {@code total(challenges)}, its public LogUp fractions
     * ({@link #publicTotal}).
     */
    private String publicLibrary(int i) {
        Air air = set.table(i);
        StringBuilder s = new StringBuilder();
        s.append("// SPDX-License-Identifier: UNLICENSED\n");
        s.append("// Generated by Comet: the public values of ").append(air.name()).append(" (its periodic columns at the")
                .append(" out-of-domain point, its public LogUp fractions); a library deployed once and linked, so that")
                .append(" its constants stay out of the verifier's code.\n");
        s.append("pragma solidity 0.8.30;\n\nimport \"./CometStark.sol\";\n");
        for (ConstraintSolidity part : constraints.get(i)) {
            s.append("import \"./").append(part.libraryName()).append(".sol\";\n");
        }
        for (DensePeriodic.Part part : denseParts(i)) {
            s.append("import \"./").append(part.library()).append(".sol\";\n");
        }
        s.append("\nlibrary ").append(tableName(i)).append("Public {\n");
        shape(s, i, optionBytes());
        constraintSum(s, i);
        periodic(s, i, air);
        publicTotal(s, air, binding != null);
        s.append("}\n");
        return s.toString();
    }

    /** {@code constraints(input)}: the sum of the table's constraint libraries' values. */
    private void constraintSum(StringBuilder s, int i) {
        List<ConstraintSolidity> parts = constraints.get(i);
        s.append("    function constraints(uint256[] memory input) public view returns (uint256 e0, uint256 e1) {\n");
        s.append("        (e0, e1) = ").append(parts.get(0).libraryName()).append(".composition(input);\n");
        for (int k = 1; k < parts.size(); k++) {
            s.append("        {\n            (uint256 f0, uint256 f1) = ").append(parts.get(k).libraryName())
                    .append(".composition(input);\n");
            s.append("            (e0, e1) = (addmod(e0, f0, CometStark.P), addmod(e1, f1, CometStark.P));\n        }\n");
        }
        s.append("    }\n\n");
    }

    /**
     * {@code total(challenges)}: the sum of the table's {@link PublicFractions}, each as
     * {@code CometStark.fractionSum} over its tuples, given as constants.
     */
    private static void publicTotal(StringBuilder s, Air air, boolean readsValues) {
        List<PublicFractions> all = air.publicFractions();
        StringBuilder arrays = new StringBuilder();
        s.append("    function total(uint256[] memory challenges, uint256[] memory").append(readsValues ? " values" : "")
                .append(") public view returns (uint256 t0, uint256 t1) {\n");
        for (int k = 0; k < all.size(); k++) {
            PublicFractions f = all.get(k);
            List<String> components = new ArrayList<>();
            List<String> fromStatement = new ArrayList<>();
            int arity = 1;
            List<int[]> indices = f.publicIndices();
            List<long[]> tuples = f.tuples();
            for (int t = 0; t < tuples.size(); t++) {
                arity = tuples.get(t).length;
                for (int c = 0; c < arity; c++) {
                    if (readsValues && indices.get(t)[c] >= 0) {
                        fromStatement.add("            c[" + components.size() + "] = values[" + indices.get(t)[c] + "];\n");
                        components.add("0");
                    } else {
                        components.add(Long.toUnsignedString(tuples.get(t)[c]));
                    }
                }
            }
            s.append("        {\n");
            s.append("            uint256[] memory c = fractions").append(k).append("();\n");
            fromStatement.forEach(s::append);
            s.append("            (uint256 f0, uint256 f1) = CometStark.fractionSum(challenges, ").append(f.alphaIndex())
                    .append(", ").append(f.betaIndex()).append(", ").append(Long.toUnsignedString(f.multiplicity()))
                    .append(", ").append(arity).append(", c);\n");
            s.append("            t0 = addmod(t0, f0, CometStark.P);\n");
            s.append("            t1 = addmod(t1, f1, CometStark.P);\n");
            s.append("        }\n");
            arrays.append(array("fractions" + k, components));
        }
        s.append("    }\n\n");
        s.append(arrays);
    }

    /**
     * {@code periodic(z)}: each periodic column's polynomial at {@code y = z^(n/m)}, 2 words each,
     * as {@code PeriodicValues} computes it: an indicator of row {@code k} as
     * {@code w^k (y^m - 1) / (m (y - w^k))}; a column of values as
     * {@code c + (y^m - 1) / m sum_(v_i != c) (v_i - c) w^i / (y - w^i)}, {@code c} its most common
     * value, the terms' constants computed here; a dense column of values (a fixed table's) by
     * its coefficients, in linked libraries ({@link DensePeriodic}).
     */
    private void periodic(StringBuilder s, int table, Air air) {
        List<dev.comet.air.PeriodicColumn> columns = air.periodicColumns();
        int logLength = air.traceInfo().logLength();
        StringBuilder arrays = new StringBuilder();
        s.append("    function periodic(uint256[] memory z) public view returns (uint256[] memory out) {\n");
        s.append("        out = new uint256[](").append(2 * columns.size()).append(");\n");
        for (int k = 0; k < columns.size(); k++) {
            dev.comet.air.PeriodicColumn column = columns.get(k);
            int logPeriod = switch (column) {
                case dev.comet.air.PeriodicColumn.Indicator(int lp, int row) -> lp;
                case dev.comet.air.PeriodicColumn.Values v -> Integer.numberOfTrailingZeros(v.entries().length);
            };
            s.append("        {\n");
            s.append("            uint256[] memory y = z;\n");
            s.append("            for (uint256 i = 0; i < ").append(logLength - logPeriod).append("; i++) {\n");
            s.append("                y = CometField.mul(y, y);\n            }\n");
            s.append("            uint256[] memory v = ");
            switch (column) {
                case dev.comet.air.PeriodicColumn.Indicator(int lp, int row) -> {
                    long wk = dev.comet.field.Goldilocks.pow(dev.comet.field.Goldilocks.rootOfUnity(lp), row);
                    s.append("CometStark.indicator(y, ").append(lp).append(", ").append(Long.toUnsignedString(wk)).append(");\n");
                }
                case dev.comet.air.PeriodicColumn.Values values when DensePeriodic.isDense(values) ->
                    s.append(dense(table, k, values.entries()).call("y"));
                case dev.comet.air.PeriodicColumn.Values values -> {
                    long[] entries = values.entries();
                    long c = values.mostCommon();
                    long omega = dev.comet.field.Goldilocks.rootOfUnity(logPeriod);
                    List<String> points = new ArrayList<>();
                    List<String> weights = new ArrayList<>();
                    long w = 1;
                    for (long e : entries) {
                        if (e != c) {
                            points.add(Long.toUnsignedString(w));
                            weights.add(Long.toUnsignedString(dev.comet.field.Goldilocks.mul(
                                    dev.comet.field.Goldilocks.sub(e, c), w)));
                        }
                        w = dev.comet.field.Goldilocks.mul(w, omega);
                    }
                    s.append("CometStark.periodicValues(y, ").append(logPeriod).append(", ").append(Long.toUnsignedString(c))
                            .append(", points").append(k).append("(), weights").append(k).append("());\n");
                    arrays.append(array("points" + k, points)).append(array("weights" + k, weights));
                }
            }
            s.append("            out[").append(2 * k).append("] = v[0];\n");
            s.append("            out[").append(2 * k + 1).append("] = v[1];\n");
            s.append("        }\n");
        }
        s.append("    }\n\n");
        s.append(arrays);
    }

    /** A function returning the constants {@code values} as a memory array. */
    private static String array(String name, List<String> values) {
        StringBuilder s = new StringBuilder("    function ").append(name)
                .append("() private pure returns (uint256[] memory a) {\n        a = new uint256[](").append(values.size())
                .append(");\n");
        for (int i = 0; i < values.size(); i++) {
            s.append("        a[").append(i).append("] = ").append(values.get(i)).append(";\n");
        }
        return s.append("    }\n\n").toString();
    }

    /** Table {@code i}'s dense periodic columns' coefficient libraries, column by column. */
    private List<DensePeriodic.Part> denseParts(int i) {
        List<DensePeriodic.Part> out = new ArrayList<>();
        List<dev.comet.air.PeriodicColumn> periodic = set.table(i).periodicColumns();
        for (int k = 0; k < periodic.size(); k++) {
            if (periodic.get(k) instanceof dev.comet.air.PeriodicColumn.Values v && DensePeriodic.isDense(v)) {
                out.addAll(dense(i, k, v.entries()).parts());
            }
        }
        return out;
    }

    private DensePeriodic dense(int table, int column, long[] entries) {
        return DensePeriodic.of(tableName(table) + "Periodic" + column, entries);
    }
}
