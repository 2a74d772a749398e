package dev.comet.evm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.comet.field.CubicExtension;
import dev.comet.field.ExtensionField;
import dev.comet.field.QuadraticExtension;
import dev.comet.hash.HashFunction;
import dev.comet.hash.HashId;
import dev.comet.hash.Transcript;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.web3j.crypto.Hash;

/**
 * The on-chain transcript against {@link Transcript}: a random sequence of absorbs, draws and
 * proofs of work, run by both, gives the same challenges in anvil as in Java.
 */
class TranscriptSolidityTest {
    private static LocalChain local;
    private static EvmTools tools;
    private static EvmChain chain;

    @BeforeAll
    static void start() {
        local = LocalChain.start();
        tools = local.tools;
        chain = local.chain;
    }

    @AfterAll
    static void stop() {
        if (local != null) {
            local.close();
        }
    }

    /** A random script, run on the Java transcript as it is written out as Solidity. */
    private record Script(String solidity, List<Long> expected) {
        static Script random(long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            Transcript t = new Transcript(HashFunction.of(HashId.SHA256), "comet-stark-v7");
            StringBuilder s = new StringBuilder();
            List<Long> out = new ArrayList<>();
            s.append("        CometTranscript.T memory t = CometTranscript.start(\"comet-stark-v7\");\n");
            int steps = 12 + r.nextInt(12);
            for (int i = 0; i < steps; i++) {
                String label = "label-" + r.nextInt(1000) + (r.nextBoolean() ? "-é" : "");
                switch (r.nextInt(7)) {
                    case 0 -> {
                        byte[] data = new byte[r.nextInt(300)];
                        r.nextBytes(data);
                        t.absorb(label, data);
                        s.append("        CometTranscript.absorb(t, unicode\"").append(label).append("\", hex\"")
                                .append(HexFormat.of().formatHex(data)).append("\");\n");
                    }
                    case 1 -> {
                        long[] values = new long[r.nextInt(20)];
                        s.append("        {\n            uint64[] memory v = new uint64[](").append(values.length).append(");\n");
                        for (int k = 0; k < values.length; k++) {
                            values[k] = r.nextLong();
                            s.append("            v[").append(k).append("] = ").append(Long.toUnsignedString(values[k])).append(";\n");
                        }
                        t.absorbLongs(label, values);
                        s.append("            CometTranscript.absorbLongs(t, unicode\"").append(label).append("\", v);\n        }\n");
                    }
                    case 2 -> {
                        byte[] digest = new byte[32];
                        r.nextBytes(digest);
                        t.absorbDigest(label, digest);
                        s.append("        CometTranscript.absorbDigest(t, unicode\"").append(label).append("\", hex\"")
                                .append(HexFormat.of().formatHex(digest)).append("\");\n");
                    }
                    case 3 -> {
                        out.add(t.drawBase(label));
                        s.append("        out[k++] = CometTranscript.drawBase(t, unicode\"").append(label).append("\");\n");
                    }
                    case 4 -> {
                        ExtensionField ext = r.nextBoolean() ? QuadraticExtension.INSTANCE : CubicExtension.INSTANCE;
                        for (long v : t.drawExtension(label, ext)) {
                            out.add(v);
                        }
                        s.append("        {\n            uint64[] memory e = CometTranscript.drawExtension(t, unicode\"").append(label)
                                .append("\", ").append(ext.degree()).append(");\n");
                        s.append("            for (uint256 j = 0; j < e.length; j++) { out[k++] = e[j]; }\n        }\n");
                    }
                    case 5 -> {
                        int count = r.nextInt(40);
                        int size = 1 << r.nextInt(1, 25);
                        for (int v : t.drawIndices(label, count, size)) {
                            out.add((long) v);
                        }
                        s.append("        {\n            uint256[] memory q = CometTranscript.drawIndices(t, unicode\"").append(label)
                                .append("\", ").append(count).append(", ").append(size).append(");\n");
                        s.append("            for (uint256 j = 0; j < q.length; j++) { out[k++] = q[j]; }\n        }\n");
                    }
                    default -> {
                        int bits = r.nextInt(10);
                        long wrong = r.nextLong(1 << 20);
                        boolean accepted = t.acceptProofOfWork(wrong, bits);
                        out.add(accepted ? 1L : 0L);
                        s.append("        out[k++] = CometTranscript.acceptProofOfWork(t, ").append(wrong).append(", ")
                                .append(bits).append(") ? 1 : 0;\n");
                        if (!accepted) {
                            long nonce = t.grind(bits);
                            out.add(1L);
                            s.append("        out[k++] = CometTranscript.acceptProofOfWork(t, ").append(nonce).append(", ")
                                    .append(bits).append(") ? 1 : 0;\n");
                        }
                    }
                }
            }
            out.add(t.drawBase("final"));
            s.append("        out[k++] = CometTranscript.drawBase(t, \"final\");\n");
            String contract = "// SPDX-License-Identifier: UNLICENSED\npragma solidity 0.8.30;\n\nimport \"./CometTranscript.sol\";\n\n"
                    + "contract Script {\n    function run() external view returns (uint256[] memory out) {\n"
                    + "        out = new uint256[](" + out.size() + ");\n        uint256 k = 0;\n" + s + "    }\n}\n";
            return new Script(contract, out);
        }
    }

    @ParameterizedTest(name = "script {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void theOnChainTranscriptDrawsWhatTheJavaOneDraws(long seed) {
        Script script = Script.random(seed);
        Solc.Compiled c = new Solc(tools).compile(Map.of("CometTranscript.sol", SolidityLibraries.transcript(),
                "Script.sol", script.solidity()), "Script");
        String address = chain.deploy(c.bytecode());
        String result = chain.call(address, "0x" + Hash.sha3String("run()").substring(2, 10));
        assertNotNull(result, "the script ran");
        assertArrayEquals(script.expected().stream().mapToLong(Long::longValue).toArray(), decodeArray(result));
    }

    /** An ABI-encoded {@code uint256[]} whose elements fit 64 bits. */
    private static long[] decodeArray(String hex) {
        String h = hex.substring(2);
        int length = new BigInteger(h.substring(64, 128), 16).intValueExact();
        long[] out = new long[length];
        for (int i = 0; i < length; i++) {
            out[i] = new BigInteger(h.substring(128 + 64 * i, 192 + 64 * i), 16).longValue();
        }
        return out;
    }
}
