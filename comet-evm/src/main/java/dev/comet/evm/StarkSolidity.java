package dev.comet.evm;

import dev.comet.air.Air;
import dev.comet.air.CompositionLayout;
import dev.comet.air.TableSet;
import dev.comet.air.TraceInfo;
import dev.comet.fri.FriLayout;
import dev.comet.fri.FriProof;
import dev.comet.proof.ProofOptions;
import dev.comet.proof.StarkProof;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole on-chain verifier for one table set and one set of proof options: each table's
 * generated constraint library ({@link ConstraintSolidity}) and periodic-columns library, and a
 * contract that holds the set's and the options' constants and runs {@code CometStark.verify} on a
 * proof given as calldata ({@link #calldata}). It covers proofs over the quadratic extension of
 * any number of tables of any heights, with or without auxiliary traces, LogUp totals (which must
 * cancel among the tables) and periodic columns; not yet public LogUp contributions or
 * precommitted segments.
 */
public final class StarkSolidity {
    private final TableSet set;
    private final ProofOptions options;
    private final String contract;
    private final List<ConstraintSolidity> constraints = new ArrayList<>();
    private final int[] compositionColumns;
    private final int[] frameRows;
    private final FriLayout fri;
    private final int maxLogLength;

    private StarkSolidity(TableSet set, ProofOptions options, String contract) {
        this.set = set;
        this.options = options;
        this.contract = contract;
        int n = set.size();
        this.compositionColumns = new int[n];
        this.frameRows = new int[n];
        int[] logLdes = new int[n];
        for (int i = 0; i < n; i++) {
            Air air = set.table(i);
            constraints.add(ConstraintSolidity.of(tableName(i) + "Constraints", air, 2));
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
        if (options.extensionDegree() != 2) {
            throw new IllegalArgumentException("the on-chain verifier covers the quadratic extension, not degree "
                    + options.extensionDegree());
        }
        for (int i = 0; i < set.size(); i++) {
            if (set.table(i).traceInfo().hasPrecommitted()) {
                throw new IllegalArgumentException(set.table(i).name() + ": the on-chain verifier does not cover"
                        + " precommitted segments yet");
            }
        }
        if (!contract.matches("[A-Z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("not a contract name: " + contract);
        }
        return new StarkSolidity(set, options, contract);
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
            out.put(tableName(i) + "Constraints.sol", constraints.get(i).source());
            out.put(tableName(i) + "Periodic.sol", periodicLibrary(i));
        }
        out.put(contract + ".sol", verifier());
        return out;
    }

    public String contractName() {
        return contract;
    }

    private String verifier() {
        ByteBuffer o = ByteBuffer.allocate(32);
        o.putInt(options.logBlowup()).putInt(options.numQueries()).putInt(options.dataQueries())
                .putInt(options.grindingBits()).putInt(options.extensionDegree()).putInt(options.foldingFactor())
                .putInt(options.remainderSize()).putInt(options.hash().code());
        StringBuilder s = new StringBuilder();
        s.append("// SPDX-License-Identifier: UNLICENSED\n");
        s.append("// Generated by Comet: the verifier of ").append(set.name()).append(" proofs under the options ")
                .append(options.presetName().orElse("given")).append("; do not edit.\n");
        s.append("pragma solidity 0.8.30;\n\nimport \"./CometStark.sol\";\n");
        for (int i = 0; i < set.size(); i++) {
            s.append("import \"./").append(tableName(i)).append("Constraints.sol\";\n");
            s.append("import \"./").append(tableName(i)).append("Periodic.sol\";\n");
        }
        s.append("\ncontract ").append(contract).append(" {\n");
        s.append("    /// publicInputs: each table's, in the set's order.\n");
        s.append("    function verify(bytes[] calldata publicInputs, uint256[] calldata w, bytes32[] calldata digests)\n");
        s.append("        external view returns (bool)\n    {\n");
        s.append("        return CometStark.verify(tableSet(), publicInputs, StarkCalldata.decode(w, digests));\n    }\n\n");
        s.append("    function tableSet() private pure returns (CometStark.Set memory s) {\n");
        s.append("        s.name = unicode\"").append(quoted(set.name())).append("\";\n");
        s.append("        s.numChallenges = ").append(set.numChallenges()).append(";\n");
        s.append("        s.maxLogLength = ").append(maxLogLength).append(";\n");
        s.append("        s.fri.logDomains = new uint256[](").append(fri.numLayers()).append(");\n");
        s.append("        s.fri.logFolds = new uint256[](").append(fri.numLayers()).append(");\n");
        for (int i = 0; i < fri.numLayers(); i++) {
            s.append("        s.fri.logDomains[").append(i).append("] = ").append(fri.logDomains()[i]).append(";\n");
            s.append("        s.fri.logFolds[").append(i).append("] = ").append(fri.logFolds()[i]).append(";\n");
        }
        s.append("        s.fri.logFinal = ").append(fri.logFinal()).append(";\n");
        s.append("        s.fri.remainderBound = ").append(fri.remainderDegreeBound()).append(";\n");
        s.append("        s.fri.degree = 2;\n");
        s.append("        s.tables = new CometStark.Air[](").append(set.size()).append(");\n");
        for (int i = 0; i < set.size(); i++) {
            s.append("        s.tables[").append(i).append("] = table").append(i).append("();\n");
        }
        s.append("    }\n\n");
        for (int i = 0; i < set.size(); i++) {
            table(s, i, o.array());
        }
        s.append("}\n");
        return s.toString();
    }

    /** The constants of table {@code i}, and its periodic function's wrapper. */
    private void table(StringBuilder s, int i, byte[] optionBytes) {
        Air air = set.table(i);
        TraceInfo info = air.traceInfo();
        ByteBuffer t = ByteBuffer.allocate(36);
        t.putInt(info.logLength()).putInt(info.mainWidth()).putInt(info.auxWidth()).putInt(info.numChallenges())
                .putInt(compositionColumns[i]).putInt(info.precommittedWidth()).putInt(info.logPrecommittedHeight())
                .putInt(air.logUpSumColumn() >= 0 ? 1 : 0).putInt(air.precommittedIsFixed() ? 1 : 0);
        long shift = dev.comet.field.Goldilocks.pow(dev.comet.field.Goldilocks.GENERATOR, 1L << (maxLogLength - info.logLength()));
        s.append("    function table").append(i).append("() private pure returns (CometStark.Air memory a) {\n");
        s.append("        a.options = hex\"").append(HexFormat.of().formatHex(optionBytes)).append("\";\n");
        s.append("        a.name = unicode\"").append(quoted(air.name())).append("\";\n");
        s.append("        a.trace = hex\"").append(HexFormat.of().formatHex(t.array())).append("\";\n");
        s.append("        a.shift = ").append(Long.toUnsignedString(shift)).append(";\n");
        s.append("        a.constraints = constraints").append(i).append(";\n");
        s.append("        a.periodic = periodic").append(i).append(";\n");
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
        s.append("    }\n\n");
        s.append("    function constraints").append(i).append("(uint256[] memory input) private view returns (uint256, uint256) {\n");
        s.append("        return ").append(tableName(i)).append("Constraints.composition(input);\n    }\n\n");
        s.append("    function periodic").append(i).append("(uint256[] memory z) private view returns (uint256[] memory) {\n");
        s.append("        return ").append(tableName(i)).append("Periodic.values(z);\n    }\n\n");
    }

    private static String quoted(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /**
     * {@code periodic(z)}: each periodic column's polynomial at {@code y = z^(n/m)}, 2 words each,
     * as {@code PeriodicValues} computes it: an indicator of row {@code k} as
     * {@code w^k (y^m - 1) / (m (y - w^k))}; a column of values as
     * {@code c + (y^m - 1) / m sum_(v_i != c) (v_i - c) w^i / (y - w^i)}, {@code c} its most common
     * value, the terms' constants computed here.
     */
    private String periodicLibrary(int i) {
        Air air = set.table(i);
        StringBuilder s = new StringBuilder();
        s.append("// SPDX-License-Identifier: UNLICENSED\n");
        s.append("// Generated by Comet: the periodic columns of ").append(air.name()).append(" at the out-of-domain point;")
                .append(" a library deployed once and linked, so that its constants stay out of the verifier's code.\n");
        s.append("pragma solidity 0.8.30;\n\nimport \"./CometStark.sol\";\n\n");
        s.append("library ").append(tableName(i)).append("Periodic {\n");
        periodic(s, air);
        s.append("}\n");
        return s.toString();
    }

    private void periodic(StringBuilder s, Air air) {
        List<dev.comet.air.PeriodicColumn> columns = air.periodicColumns();
        int logLength = air.traceInfo().logLength();
        StringBuilder arrays = new StringBuilder();
        s.append("    function values(uint256[] memory z) public view returns (uint256[] memory out) {\n");
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
                case dev.comet.air.PeriodicColumn.Values values -> {
                    long[] entries = values.entries();
                    long c = mostCommon(entries);
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

    /** As PeriodicValues: the majority value if there is one (Boyer-Moore vote), else whichever the vote ends on. */
    private static long mostCommon(long[] values) {
        long candidate = 0;
        int votes = 0;
        for (long v : values) {
            if (votes == 0) {
                candidate = v;
                votes = 1;
            } else {
                votes += v == candidate ? 1 : -1;
            }
        }
        return candidate;
    }

    /** The proof as the contract's {@code w} words and {@code digests} (see {@code StarkCalldata} in CometStark.sol). */
    public record Calldata(List<BigInteger> words, List<byte[]> digests) {}

    public Calldata calldata(StarkProof proof) {
        List<BigInteger> w = new ArrayList<>();
        List<byte[]> digests = new ArrayList<>();
        w.add(BigInteger.valueOf(proof.tables().size()));
        for (StarkProof.TableProof table : proof.tables()) {
            List<BigInteger> ood = new ArrayList<>();
            for (long[][] row : table.ood().main()) {
                for (long[] v : row) {
                    Arrays.stream(v).forEach(x -> ood.add(unsigned(x)));
                }
            }
            for (long[][] row : table.ood().aux()) {
                for (long[] v : row) {
                    Arrays.stream(v).forEach(x -> ood.add(unsigned(x)));
                }
            }
            for (long[] v : table.ood().composition()) {
                Arrays.stream(v).forEach(x -> ood.add(unsigned(x)));
            }
            w.add(BigInteger.valueOf(ood.size()));
            w.addAll(ood);
            w.add(BigInteger.valueOf(table.logUpSum().length));
            Arrays.stream(table.logUpSum()).forEach(x -> w.add(unsigned(x)));
            queries(w, table.mainQueries());
            queries(w, table.auxQueries());
            queries(w, table.compositionQueries());
            boolean aux = table.auxRoot().length > 0;
            w.add(BigInteger.valueOf(aux ? 1 : 0));
            digests.add(table.mainRoot());
            if (aux) {
                digests.add(table.auxRoot());
            }
            digests.add(table.compositionRoot());
            siblingsOf(digests, table.mainQueries());
            siblingsOf(digests, table.auxQueries());
            siblingsOf(digests, table.compositionQueries());
        }
        FriProof f = proof.fri();
        w.add(BigInteger.valueOf(f.layers().size()));
        long offset = 0;
        for (FriProof.LayerOpening layer : f.layers()) {
            w.add(BigInteger.valueOf(offset));
            offset += layer.values().length;
        }
        w.add(BigInteger.valueOf(offset));
        for (FriProof.LayerOpening layer : f.layers()) {
            Arrays.stream(layer.values()).forEach(x -> w.add(unsigned(x)));
        }
        long siblings = 0;
        List<byte[]> friSiblings = new ArrayList<>();
        for (FriProof.LayerOpening layer : f.layers()) {
            w.add(BigInteger.valueOf(siblings));
            siblings += layer.proof().siblingCount();
            for (int k = 0; k < layer.proof().siblingCount(); k++) {
                friSiblings.add(layer.proof().sibling(k));
            }
        }
        w.add(BigInteger.valueOf(siblings));
        w.add(BigInteger.valueOf(f.remainder().length == 0 ? 0 : f.remainder()[0].length));
        for (long[] coordinate : f.remainder()) {
            Arrays.stream(coordinate).forEach(x -> w.add(unsigned(x)));
        }
        w.add(unsigned(proof.powNonce()));
        digests.addAll(f.layerRoots());
        digests.addAll(friSiblings);
        return new Calldata(w, digests);
    }

    /**
     * The Java verifier's verdict on {@code calldata} read back as a proof with the same layout as
     * the contract's decoder: a malformed or non-canonical word is a rejection, as the contract's
     * revert is. For tests that compare the two verifiers on mutated proofs.
     */
    public boolean javaVerdict(ProofOptions verifiedOptions, Calldata calldata) {
        StarkProof proof;
        try {
            proof = decode(calldata, verifiedOptions);
        } catch (RuntimeException e) {
            return false;
        }
        return new dev.comet.verifier.StarkVerifier(0).verify(set, proof).valid();
    }

    /** What one table's section of the calldata declares, read in the contract's order. */
    private record TableSection(long[] ood, long[] logUpSum, long[] mainValues, int mainSiblings, long[] auxValues,
                                int auxSiblings, long[] compositionValues, int compositionSiblings, boolean auxRoot) {}

    private StarkProof decode(Calldata calldata, ProofOptions proofOptions) {
        WordReader w = new WordReader(calldata.words());
        List<byte[]> d = calldata.digests();
        int n = w.count();
        if (n != set.size()) {
            throw new IllegalArgumentException(n + " tables");
        }
        List<TableSection> sections = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long[] ood = w.fieldElements(w.count());
            long[] logUpSum = w.fieldElements(w.count());
            long[] mainValues = w.fieldElements(w.count());
            int mainSiblings = w.count();
            long[] auxValues = w.fieldElements(w.count());
            int auxSiblings = w.count();
            long[] compositionValues = w.fieldElements(w.count());
            int compositionSiblings = w.count();
            int auxRoots = w.count();
            if (auxRoots > 1) {
                throw new IllegalArgumentException("aux roots");
            }
            sections.add(new TableSection(ood, logUpSum, mainValues, mainSiblings, auxValues, auxSiblings,
                    compositionValues, compositionSiblings, auxRoots == 1));
        }
        int layers = w.count();
        int[] valueStarts = w.counts(layers + 1);
        long[] friValues = w.fieldElements(valueStarts[layers]);
        int[] siblingStarts = w.counts(layers + 1);
        int bound = w.count();
        long[][] remainder = new long[2][];
        remainder[0] = w.fieldElements(bound);
        remainder[1] = w.fieldElements(bound);
        long nonce = w.u64();
        if (!w.done()) {
            throw new IllegalArgumentException("trailing words");
        }
        int at = 0;
        List<StarkProof.TableProof> tables = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            TableSection t = sections.get(i);
            byte[] mainRoot = d.get(at++);
            byte[] auxRoot = t.auxRoot() ? d.get(at++) : new byte[0];
            byte[] compositionRoot = d.get(at++);
            dev.comet.merkle.BatchOpening mainOpening = opening(d.subList(at, at + t.mainSiblings()));
            at += t.mainSiblings();
            dev.comet.merkle.BatchOpening auxOpening = opening(d.subList(at, at + t.auxSiblings()));
            at += t.auxSiblings();
            dev.comet.merkle.BatchOpening compositionOpening = opening(d.subList(at, at + t.compositionSiblings()));
            at += t.compositionSiblings();
            tables.add(tableProof(i, t, mainRoot, auxRoot, compositionRoot, mainOpening, auxOpening, compositionOpening));
        }
        List<byte[]> roots = new ArrayList<>(d.subList(at, at + layers));
        at += layers;
        List<byte[]> friSiblings = d.subList(at, at + siblingStarts[layers]);
        at += siblingStarts[layers];
        if (at != d.size()) {
            throw new IllegalArgumentException("trailing digests");
        }
        List<FriProof.LayerOpening> openings = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            openings.add(new FriProof.LayerOpening(Arrays.copyOfRange(friValues, valueStarts[i], valueStarts[i + 1]),
                    opening(friSiblings.subList(siblingStarts[i], siblingStarts[i + 1]))));
        }
        return new StarkProof(proofOptions, tables, new FriProof(roots, remainder, openings), nonce);
    }

    /** Table {@code i}'s proof from its section: the frame cut into main, auxiliary and composition values. */
    private StarkProof.TableProof tableProof(int i, TableSection t, byte[] mainRoot, byte[] auxRoot, byte[] compositionRoot,
                                             dev.comet.merkle.BatchOpening mainOpening,
                                             dev.comet.merkle.BatchOpening auxOpening,
                                             dev.comet.merkle.BatchOpening compositionOpening) {
        TraceInfo info = set.table(i).traceInfo();
        int rows = frameRows[i];
        int mainPairs = rows * info.mainWidth();
        int auxPairs = rows * info.auxWidth();
        long[] ood = t.ood();
        if (ood.length != 2 * (mainPairs + auxPairs + compositionColumns[i])) {
            throw new IllegalArgumentException("out-of-domain frame of " + ood.length + " words");
        }
        long[][][] main = new long[rows][info.mainWidth()][];
        long[][][] aux = new long[rows][info.auxWidth()][];
        for (int o = 0; o < rows; o++) {
            for (int c = 0; c < info.mainWidth(); c++) {
                int at = 2 * (o * info.mainWidth() + c);
                main[o][c] = new long[] {ood[at], ood[at + 1]};
            }
            for (int c = 0; c < info.auxWidth(); c++) {
                int at = 2 * (mainPairs + o * info.auxWidth() + c);
                aux[o][c] = new long[] {ood[at], ood[at + 1]};
            }
        }
        long[][] composition = new long[compositionColumns[i]][];
        for (int j = 0; j < compositionColumns[i]; j++) {
            int at = 2 * (mainPairs + auxPairs + j);
            composition[j] = new long[] {ood[at], ood[at + 1]};
        }
        StarkProof.Queries none = new StarkProof.Queries(new long[0], new dev.comet.merkle.BatchOpening(new byte[0]));
        return new StarkProof.TableProof(info, compositionColumns[i], mainRoot, auxRoot, compositionRoot, t.logUpSum(),
                new StarkProof.OodFrame(main, aux, composition, new long[0][]), new StarkProof.Queries(t.mainValues(),
                mainOpening), new StarkProof.Queries(t.auxValues(), auxOpening),
                new StarkProof.Queries(t.compositionValues(), compositionOpening), none, FriProof.NONE);
    }

    private static dev.comet.merkle.BatchOpening opening(List<byte[]> siblings) {
        byte[] bytes = new byte[32 * siblings.size()];
        for (int i = 0; i < siblings.size(); i++) {
            System.arraycopy(siblings.get(i), 0, bytes, 32 * i, 32);
        }
        return new dev.comet.merkle.BatchOpening(bytes);
    }

    /** Reads calldata words as the contract's decoder does: counts, field elements below p, u64s. */
    private static final class WordReader {
        private static final BigInteger P = new BigInteger(Long.toUnsignedString(dev.comet.field.Goldilocks.P));
        private final List<BigInteger> words;
        private int at;

        WordReader(List<BigInteger> words) {
            this.words = words;
        }

        int count() {
            return words.get(at++).intValueExact();
        }

        int[] counts(int n) {
            int[] out = new int[n];
            for (int i = 0; i < n; i++) {
                out[i] = count();
            }
            return out;
        }

        long u64() {
            BigInteger v = words.get(at++);
            if (v.bitLength() > 64) {
                throw new IllegalArgumentException("not a 64-bit word");
            }
            return v.longValue();
        }

        long[] fieldElements(int n) {
            long[] out = new long[n];
            for (int i = 0; i < n; i++) {
                BigInteger v = words.get(at++);
                if (v.signum() < 0 || v.compareTo(P) >= 0) {
                    throw new IllegalArgumentException("not a field element");
                }
                out[i] = v.longValue();
            }
            return out;
        }

        boolean done() {
            return at == words.size();
        }
    }

    private static void queries(List<BigInteger> w, StarkProof.Queries q) {
        w.add(BigInteger.valueOf(q.values().length));
        Arrays.stream(q.values()).forEach(x -> w.add(unsigned(x)));
        w.add(BigInteger.valueOf(q.proof().siblingCount()));
    }

    private static void siblingsOf(List<byte[]> digests, StarkProof.Queries q) {
        for (int k = 0; k < q.proof().siblingCount(); k++) {
            digests.add(q.proof().sibling(k));
        }
    }

    private static BigInteger unsigned(long v) {
        return new BigInteger(Long.toUnsignedString(v));
    }
}
