// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.30;

import "./CometFri.sol";

/// Runs CometFri on one function for tests: w = [L, logFinal, bound, degree, shift, queries, nSeed,
/// seed (nSeed longs), logDomains (L), logFolds (L), valueStarts (L + 1), values, siblingStarts
/// (L + 1), remainder (degree * bound), J, then per join: log2 of its domain, T, values (T * degree)];
/// digests = roots then siblings.
contract FriHarness {
    struct Case {
        CometFri.Layout layout;
        CometFri.Proof proof;
        uint256 shift;
        uint256 queries;
        uint64[] seed;
        uint256 at;
    }

    function verify(uint256[] calldata w, bytes32[] calldata digests) external view returns (bool) {
        Case memory c = parse(w, digests);
        CometTranscript.T memory t = CometTranscript.start("fri-test");
        CometTranscript.absorbLongs(t, "seed", c.seed);
        uint256[][] memory betas = CometFri.readCommitments(t, c.proof, c.layout);
        uint256 logTop = c.layout.logDomains.length == 0 ? c.layout.logFinal : c.layout.logDomains[0];
        uint256[] memory positions = CometFri.uniqueSortedMod(
            CometTranscript.drawIndices(t, "query-positions", uint32(c.queries), uint32(1 << logTop)), 1 << logTop);
        (uint256[] memory joinLogs, uint256[][][] memory joinValues) = joins(w, c.at, c.layout.degree);
        return CometFri.verifyQueries(c.proof, c.layout, c.shift, positions, joinLogs, joinValues, betas);
    }

    function joins(uint256[] calldata w, uint256 at, uint256 degree)
        private pure returns (uint256[] memory joinLogs, uint256[][][] memory joinValues)
    {
        uint256 count = w[at++];
        joinLogs = new uint256[](count);
        joinValues = new uint256[][][](count);
        for (uint256 j = 0; j < count; j++) {
            joinLogs[j] = w[at++];
            uint256 t = w[at++];
            joinValues[j] = new uint256[][](t);
            for (uint256 q = 0; q < t; q++) {
                joinValues[j][q] = new uint256[](degree);
                for (uint256 d = 0; d < degree; d++) {
                    joinValues[j][q][d] = w[at++];
                }
            }
        }
    }

    function parse(uint256[] calldata w, bytes32[] calldata digests) private pure returns (Case memory c) {
        uint256 layers = w[0];
        c.layout.logFinal = w[1];
        c.layout.remainderBound = w[2];
        c.layout.degree = w[3];
        c.shift = w[4];
        c.queries = w[5];
        c.at = 7;
        c.seed = new uint64[](w[6]);
        for (uint256 i = 0; i < c.seed.length; i++) {
            c.seed[i] = uint64(w[c.at++]);
        }
        c.layout.logDomains = take(w, c, layers);
        c.layout.logFolds = take(w, c, layers);
        c.proof.valueStarts = take(w, c, layers + 1);
        c.proof.values = new uint64[](c.proof.valueStarts[layers]);
        for (uint256 i = 0; i < c.proof.values.length; i++) {
            c.proof.values[i] = uint64(w[c.at++]);
        }
        c.proof.siblingStarts = take(w, c, layers + 1);
        c.proof.remainder = new uint64[](c.layout.degree * c.layout.remainderBound);
        for (uint256 i = 0; i < c.proof.remainder.length; i++) {
            c.proof.remainder[i] = uint64(w[c.at++]);
        }
        c.proof.roots = new bytes32[](layers);
        for (uint256 i = 0; i < layers; i++) {
            c.proof.roots[i] = digests[i];
        }
        c.proof.siblings = new bytes32[](digests.length - layers);
        for (uint256 i = layers; i < digests.length; i++) {
            c.proof.siblings[i - layers] = digests[i];
        }
    }

    function take(uint256[] calldata w, Case memory c, uint256 n) private pure returns (uint256[] memory out) {
        out = new uint256[](n);
        for (uint256 i = 0; i < n; i++) {
            out[i] = w[c.at++];
        }
    }
}
