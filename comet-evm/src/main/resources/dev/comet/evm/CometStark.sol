// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.30;

import "./CometField.sol";
import "./CometFri.sol";
import "./CometMerkle.sol";
import "./CometTranscript.sol";

/// The whole STARK verification of a one-table proof over the quadratic extension, step by step as
/// dev.comet.verifier.StarkVerifier and TableCheck do it: the protocol's transcript opening, the
/// trace and composition roots, the constraints at the out-of-domain point (through the AIR's
/// generated library), the DEEP challenges, FRI's commitments, the proof of work, the openings at
/// the query positions, their DEEP quotients and FRI's queries, then each precommitted segment's
/// openings at its own positions, its DEEP quotient over every reading and its own FRI. Tables may
/// have auxiliary traces, LogUp totals (which must cancel with the public fractions), periodic
/// columns and a precommitted segment (a dataset) that one or several tables read.
library CometStark {
    uint256 internal constant P = 0xffffffff00000001;
    uint256 internal constant DEGREE = 2;
    uint256 internal constant GENERATOR = 7;
    /// Precommitment.LOG_BLOWUP and segmentShift(): a segment's LDE is 16 times its height, on 7^(2^32) <w>.
    uint256 internal constant SEGMENT_LOG_BLOWUP = 4;
    uint256 internal constant SEGMENT_SHIFT = 0xaa5b2509f86bb4d4;

    /// What the verifier knows of a table and the options, from the generator (each table's
    /// generated library returns it, so that the verifier's own code does not grow with the
    /// tables): the exact bytes the transcript absorbs for them, and the shape.
    struct TableShape {
        bytes options;
        string name;
        bytes trace;
        uint256 shift;
        uint256 logLength;
        uint256 mainWidth;
        uint256 auxWidth;
        uint256 numChallenges;
        bool hasLogUpSum;
        uint256 compositionColumns;
        uint256 numConstraints;
        uint256 frameRows;
        uint256 logBlowup;
        uint256 numQueries;
        uint256 grindingBits;
        /// whether the table has public LogUp fractions
        bool hasPublicFractions;
        /// whether the table has periodic columns, and PeriodicColumn.digest of them
        bool hasPeriodic;
        bytes32 periodicDigest;
        /// the precommitted segment this table reads (width 0: none), its root, the number of
        /// positions it is opened at and its own FRI's layout; segmentReaders lists the tables
        /// reading it (this one first) when this table opens it, and is empty otherwise
        uint256 precommittedWidth;
        uint256 logPrecommittedHeight;
        bytes32 precommittedRoot;
        uint256 segmentQueries;
        uint256[] segmentReaders;
        CometFri.Layout segmentFri;
        /// the shape as CometDeep reads it (CometDeep.Shape's words: logLength, logBlowup,
        /// mainWidth, auxWidth, compositionColumns, frameRows, shift), a constant of the table's
        /// library rather than code here
        uint256[] deep;
    }

    /// A table: its shape and its generated library, called by address (so that the verifier's
    /// code does not grow with the tables), whose shape(), constraints(input) (the sum over its
    /// constraint libraries), periodic(z) and total(challenges) give what the table's
    /// verification needs.
    struct Air {
        TableShape s;
        address lib;
    }

    /// The table whose generated library is at lib.
    function table(address lib) internal view returns (Air memory a) {
        a.lib = lib;
        a.s = abi.decode(libraryCall(lib, abi.encodeWithSignature("shape()")), (TableShape));
    }

    function libraryCall(address lib, bytes memory data) private view returns (bytes memory) {
        (bool ok, bytes memory out) = lib.staticcall(data);
        require(ok, TableLibraryFailed());
        return out;
    }

    /// The table library's constraints(input): the input (ConstraintSolidity.Layout, CometDeep.ConstraintInput's
    /// pieces in their order) written straight into the call's data past the free memory pointer, with
    /// no array built and no encoding pass (a frame is hundreds of words).
    function constraintsAt(Air memory air, CometDeep.ConstraintInput memory c) private view returns (uint256 e0, uint256 e1) {
        require(c.frameWords <= c.ood.length && c.precommittedFrom + c.precommittedWords <= c.ood.length
            && c.z.length == DEGREE && c.logUpSum.length == DEGREE, "constraint input");
        bytes4 selector = bytes4(keccak256("constraints(uint256[])"));
        address lib = air.lib;
        bool ok;
        assembly {
            function put(to, array, from, n) -> end {
                mcopy(to, add(add(array, 0x20), shl(5, from)), shl(5, n))
                end := add(to, shl(5, n))
            }
            function field(struct_, k) -> v {
                v := mload(add(struct_, shl(5, k)))
            }
            let data := mload(0x40)
            mstore(data, selector)
            mstore(add(data, 4), 0x20)
            let w := add(data, 0x44)
            // z, ood, periodic, challenges, logUpSum, alphas, values, frameWords, precommittedFrom, precommittedWords
            w := put(w, field(c, 0), 0, 2)
            w := put(w, field(c, 1), 0, field(c, 7))
            w := put(w, field(c, 1), field(c, 8), field(c, 9))
            w := put(w, field(c, 2), 0, mload(field(c, 2)))
            w := put(w, field(c, 3), 0, mload(field(c, 3)))
            w := put(w, field(c, 4), 0, 2)
            w := put(w, field(c, 5), 0, mload(field(c, 5)))
            w := put(w, field(c, 6), 0, mload(field(c, 6)))
            mstore(add(data, 0x24), shr(5, sub(w, add(data, 0x44))))
            ok := staticcall(gas(), lib, data, sub(w, data), 0x00, 0x40)
            ok := and(ok, eq(returndatasize(), 0x40)) // on its own line: Yul evaluates arguments right to left
            e0 := mload(0x00)
            e1 := mload(0x20)
        }
        require(ok, TableLibraryFailed());
    }

    function periodicAt(Air memory air, uint256[] memory z) private view returns (uint256[] memory) {
        return abi.decode(libraryCall(air.lib, abi.encodeWithSignature("periodic(uint256[])", z)), (uint256[]));
    }

    function publicTotalAt(Air memory air, uint256[] memory challenges, uint256[] memory values) private view
        returns (uint256, uint256)
    {
        return abi.decode(libraryCall(air.lib, abi.encodeWithSignature("total(uint256[],uint256[])", challenges, values)),
            (uint256, uint256));
    }

    /// A table's part of a proof: the stated LogUp total (2 words, or none), the out-of-domain frame
    /// (the main frame's rows, the auxiliary frame's, the composition columns, then the precommitted
    /// columns, 2 words each), its rows of the main, auxiliary and composition rounds
    /// (RoundLayout.tableRows of the opened leaves, row-major), and, in the table that opens a
    /// precommitted segment, that segment's openings and FRI (empty in the others).
    struct Proof {
        uint256[] logUpSum;
        uint256[] ood;
        CometFri.Proof segmentFri;
        uint64[] segmentValues;
        bytes32[] segmentSiblings;
        uint64[] mainValues;
        uint64[] auxValues;
        uint64[] compositionValues;
    }

    /// A commitment round's root over every table's columns (RoundLayout) and the siblings of its
    /// opened leaves; the opened values are in the tables' parts.
    struct Round {
        bytes32 root;
        bytes32[] siblings;
    }

    /// The proof's tables, in the set's order, with the table set's name and its options (those of
    /// tables[0], shared), the challenges the set draws, its FRI layout over every table's domain,
    /// and the statement's public values the constraints and fractions read (none when they are
    /// compiled in).
    struct Set {
        string name;
        Air[] tables;
        uint256 numChallenges;
        uint256 maxLogLength;
        CometFri.Layout fri;
        uint256[] values;
    }

    /// A proof of a set: the main, auxiliary and composition rounds (the auxiliary one only when
    /// some table has an auxiliary trace, hasAuxRoot saying whether the calldata gives it), each
    /// table's part, FRI's and the nonce.
    struct SetProof {
        Round[] rounds;
        bool hasAuxRoot;
        Proof[] tables;
        CometFri.Proof fri;
        uint64 powNonce;
    }

    /// The verifier's running state: the transcript and the challenges drawn so far.
    struct Run {
        CometTranscript.T t;
        uint256[] values;
        uint256[] challenges;
        uint256[] alphas;
        uint256[] z;
        uint256[] gammas;
    }

    /// The verification of a table set's proof, step by step as StarkVerifier.check: the transcript
    /// takes each table's part of a step before the next step.
    function verify(Set memory set, bytes[] memory publicInputs, SetProof memory proof) internal view returns (bool) {
        uint256 n = set.tables.length;
        if (proof.tables.length != n || publicInputs.length != n) {
            return false;
        }
        bool hasAux;
        for (uint256 i = 0; i < n; i++) {
            if (!shaped(set.tables[i], proof.tables[i])) {
                return false;
            }
            hasAux = hasAux || set.tables[i].s.auxWidth > 0;
        }
        if (proof.hasAuxRoot != hasAux) {
            return false;
        }
        Run memory run;
        run.values = set.values;
        run.t = CometTranscript.start("comet-stark-v7");
        openTranscript(run.t, set, publicInputs);
        CometTranscript.absorbDigest(run.t, "main-root", proof.rounds[0].root);
        run.challenges = drawMany(run.t, "aux-challenge", set.numChallenges);
        if (hasAux) {
            CometTranscript.absorbDigest(run.t, "aux-root", proof.rounds[1].root);
        }
        if (!logUpTotalsCancel(set, proof, run.challenges)) {
            return false;
        }
        for (uint256 i = 0; i < n; i++) {
            if (set.tables[i].s.hasLogUpSum) {
                CometTranscript.absorbLongs(run.t, "logup-sum", longs(proof.tables[i].logUpSum));
            }
        }
        uint256[][] memory alphas = new uint256[][](n);
        for (uint256 i = 0; i < n; i++) {
            alphas[i] = drawMany(run.t, "constraint-alpha", set.tables[i].s.numConstraints);
        }
        CometTranscript.absorbDigest(run.t, "composition-root", proof.rounds[2].root);
        run.z = draw(run.t, "ood-point");
        return afterOodPoint(set, proof, run, alphas);
    }

    /// From the out-of-domain frames on: their constraints, DEEP, FRI, the proof of work, the queries.
    function afterOodPoint(Set memory set, SetProof memory proof, Run memory run, uint256[][] memory alphas)
        private view returns (bool)
    {
        uint256 n = set.tables.length;
        for (uint256 i = 0; i < n; i++) {
            Air memory air = set.tables[i];
            absorbOod(run.t, proof.tables[i].ood, air.s.frameRows * air.s.mainWidth, air.s.frameRows * air.s.auxWidth,
                air.s.compositionColumns);
        }
        for (uint256 i = 0; i < n; i++) {
            if (!oodConstraintsHold(set.tables[i], proof.tables[i], tableRun(run, set.tables[i], alphas[i], new uint256[](0)))) {
                return false;
            }
        }
        uint256[][] memory gammas = new uint256[][](n);
        for (uint256 i = 0; i < n; i++) {
            Air memory air = set.tables[i];
            gammas[i] = drawMany(run.t, "deep-gamma", air.s.mainWidth + air.s.auxWidth + air.s.compositionColumns);
        }
        uint256[][] memory betas = CometFri.readCommitments(run.t, proof.fri, set.fri);
        Segments memory segments = readSegmentCommitments(set, proof, run);
        Air memory first = set.tables[0];
        if (!CometTranscript.acceptProofOfWork(run.t, proof.powNonce, uint32(first.s.grindingBits))) {
            return false;
        }
        uint256 logTop = set.maxLogLength + first.s.logBlowup;
        uint256[] memory positions = CometFri.uniqueSortedMod(
            CometTranscript.drawIndices(run.t, "query-positions", uint32(first.s.numQueries), uint32(1 << logTop)), 1 << logTop);
        return queries(set, proof, run, gammas, positions, betas) && segmentQueries(set, proof, run, segments);
    }

    /// Per table that opens a precommitted segment: each reading's DEEP coefficients and point, and
    /// the segment FRI's folding challenges (empty entries for the other tables).
    struct Segments {
        uint256[][][] gammas;
        uint256[][][] zetas;
        uint256[][][] betas;
    }

    /// As TableCheck.readSegmentCommitments, table by table: each reading's DEEP challenges (the
    /// opener's reading first), then the segment FRI's commit phase.
    function readSegmentCommitments(Set memory set, SetProof memory proof, Run memory run)
        private view returns (Segments memory g)
    {
        uint256 n = set.tables.length;
        g.gammas = new uint256[][][](n);
        g.zetas = new uint256[][][](n);
        g.betas = new uint256[][][](n);
        for (uint256 i = 0; i < n; i++) {
            Air memory air = set.tables[i];
            uint256 readings = air.s.segmentReaders.length;
            if (readings == 0) {
                continue;
            }
            g.gammas[i] = new uint256[][](readings);
            g.zetas[i] = new uint256[][](readings);
            for (uint256 r = 0; r < readings; r++) {
                Air memory reader = set.tables[air.s.segmentReaders[r]];
                g.gammas[i][r] = drawMany(run.t, "segment-gamma", air.s.precommittedWidth);
                g.zetas[i][r] = power(run.z, reader.s.logLength - reader.s.logPrecommittedHeight);
            }
            g.betas[i] = CometFri.readCommitments(run.t, proof.tables[i].segmentFri, air.s.segmentFri);
        }
    }

    /// As TableCheck.checkSegmentQueries, table by table: the segment's positions drawn after the
    /// trace's, its opening there, its DEEP quotient over every reading and its own FRI.
    function segmentQueries(Set memory set, SetProof memory proof, Run memory run, Segments memory g)
        private view returns (bool)
    {
        for (uint256 i = 0; i < set.tables.length; i++) {
            if (set.tables[i].s.segmentReaders.length > 0 && !segmentHolds(set, proof, run, g, i)) {
                return false;
            }
        }
        return true;
    }

    /// Table i's segment at positions drawn now: its opening, its DEEP quotient, its FRI.
    function segmentHolds(Set memory set, SetProof memory proof, Run memory run, Segments memory g, uint256 i)
        private view returns (bool)
    {
        CometDeep.SegmentQuery memory q = segmentQuery(set, proof, g, i, segmentPositions(run.t, set.tables[i]));
        (bool ok, uint256[][] memory values) = abi.decode(CometBlob.call(address(CometDeep),
            CometDeep.segmentDeep.selector, segmentParts(q)), (bool, uint256[][]));
        return ok && segmentFriHolds(set.tables[i], proof.tables[i], g.betas[i], q, values);
    }

    /// The arrays of CometDeep.segmentDeep's blob: the head (root, LDE size, width, shift), the
    /// positions, the opening's values and siblings, then each reading's gammas, values and point.
    function segmentParts(CometDeep.SegmentQuery memory q) private pure returns (uint256[] memory parts) {
        uint256 readings = q.readings.gammas.length;
        parts = new uint256[](4 + 3 * readings);
        uint256[] memory head = new uint256[](4);
        (head[0], head[1], head[2], head[3]) = (uint256(q.segment.root), q.segment.logLde, q.segment.width, q.segment.shift);
        parts[0] = CometBlob.pointer(head);
        parts[1] = CometBlob.pointer(q.positions);
        parts[2] = CometBlob.pointer(q.opening.values);
        parts[3] = CometBlob.pointer(q.opening.siblings);
        for (uint256 r = 0; r < readings; r++) {
            parts[4 + 3 * r] = CometBlob.pointer(q.readings.gammas[r]);
            parts[5 + 3 * r] = CometBlob.pointer(q.readings.values[r]);
            parts[6 + 3 * r] = CometBlob.pointer(q.readings.zetas[r]);
        }
    }

    function segmentPositions(CometTranscript.T memory t, Air memory air) private view returns (uint256[] memory) {
        uint256 size = 1 << (air.s.logPrecommittedHeight + SEGMENT_LOG_BLOWUP);
        return CometFri.uniqueSortedMod(CometTranscript.drawIndices(t, "segment-query-positions",
            uint32(air.s.segmentQueries), uint32(size)), size);
    }

    function segmentFriHolds(Air memory air, Proof memory proof, uint256[][] memory betas,
                             CometDeep.SegmentQuery memory q, uint256[][] memory values) private view returns (bool) {
        uint256[] memory joinLogs = new uint256[](1);
        joinLogs[0] = q.segment.logLde;
        uint256[][][] memory joinValues = new uint256[][][](1);
        joinValues[0] = values;
        return CometFri.verifyQueries(proof.segmentFri, air.s.segmentFri, SEGMENT_SHIFT, q.positions, joinLogs, joinValues,
            betas);
    }

    /// What CometDeep needs of table i's segment: its shape, the positions, its opening, its readings.
    function segmentQuery(Set memory set, SetProof memory proof, Segments memory g, uint256 i, uint256[] memory positions)
        private pure returns (CometDeep.SegmentQuery memory q)
    {
        Air memory air = set.tables[i];
        uint256[][] memory readValues = new uint256[][](air.s.segmentReaders.length);
        for (uint256 r = 0; r < readValues.length; r++) {
            readValues[r] = precommittedOod(set.tables[air.s.segmentReaders[r]], proof.tables[air.s.segmentReaders[r]]);
        }
        q.segment = CometDeep.Segment(air.s.precommittedRoot, air.s.logPrecommittedHeight + SEGMENT_LOG_BLOWUP,
            air.s.precommittedWidth, SEGMENT_SHIFT);
        q.positions = positions;
        q.opening = CometDeep.Opening(air.s.precommittedRoot, proof.tables[i].segmentValues, proof.tables[i].segmentSiblings);
        q.readings = CometDeep.Readings(g.gammas[i], readValues, g.zetas[i]);
    }

    /// A table's reading of its precommitted segment at its point: the frame's last 2 * width words.
    function precommittedOod(Air memory air, Proof memory proof) private pure returns (uint256[] memory v) {
        uint256 words = DEGREE * air.s.precommittedWidth;
        v = new uint256[](words);
        for (uint256 i = 0; i < words; i++) {
            v[i] = proof.ood[proof.ood.length - words + i];
        }
    }

    /// The three rounds' openings at the positions, each once over every table, then each table's
    /// DEEP quotient at its own domain's positions from its checked rows, joining FRI at that domain.
    function queries(Set memory set, SetProof memory proof, Run memory run, uint256[][] memory gammas,
                     uint256[] memory positions, uint256[][] memory betas) private view returns (bool) {
        uint256[] memory rowsPerLeaf = new uint256[](3);
        for (uint256 k = 0; k < 3; k++) {
            // without an auxiliary round the tables' auxiliary rows are empty (shaped)
            if (k != 1 || proof.hasAuxRoot) {
                bool ok;
                (ok, rowsPerLeaf[k]) = roundHolds(set, proof, positions, k);
                if (!ok) {
                    return false;
                }
            }
        }
        uint256 n = set.tables.length;
        uint256[] memory joinLogs = new uint256[](n);
        uint256[][][] memory joinValues = new uint256[][][](n);
        for (uint256 i = 0; i < n; i++) {
            joinLogs[i] = set.tables[i].s.logLength + set.tables[i].s.logBlowup;
            bool ok;
            (ok, joinValues[i]) = tableDeep(set.tables[i].s.deep, proof.tables[i], run, gammas[i], positions, rowsPerLeaf);
            if (!ok) {
                return false;
            }
        }
        return CometFri.verifyQueries(proof.fri, set.fri, GENERATOR, positions, joinLogs, joinValues, betas);
    }

    /// Round k (0 main, 1 auxiliary, 2 composition) opened at the top positions, as RoundCheck.rows:
    /// CometDeep.roundHolds on a blob of the head (the top LDE's log size, the root, k), the
    /// positions, the siblings, then each table's shape and rows of the round. Returns the round's
    /// rows per leaf too, by which the DEEP quotients read the rows.
    function roundHolds(Set memory set, SetProof memory proof, uint256[] memory positions, uint256 k)
        private view returns (bool, uint256 r)
    {
        Round memory round = proof.rounds[k];
        uint256[] memory head = new uint256[](3);
        (head[0], head[1], head[2]) = (set.maxLogLength + set.tables[0].s.logBlowup, uint256(round.root), k);
        uint256 n = set.tables.length;
        uint256[] memory parts = new uint256[](3 + 2 * n);
        parts[0] = CometBlob.pointer(head);
        parts[1] = CometBlob.pointer(positions);
        parts[2] = CometBlob.pointer(round.siblings);
        for (uint256 i = 0; i < n; i++) {
            parts[3 + 2 * i] = CometBlob.pointer(set.tables[i].s.deep);
            Proof memory p = proof.tables[i];
            assembly {
                // its rows of round k: its Proof's field 5 + k (in memory a struct is its fields' words in
                // declaration order: mainValues, auxValues, compositionValues)
                mstore(add(parts, shl(5, add(5, shl(1, i)))), mload(add(p, shl(5, add(k, 5)))))
            }
        }
        bytes memory out = CometBlob.call(address(CometDeep), CometDeep.roundHolds.selector, parts);
        uint256 ok;
        assembly {
            // (bool, uint256) decoded in place: smaller code than abi.decode's checks, in a verifier near the limit
            ok := mload(add(out, 0x20))
            r := mload(add(out, 0x40))
        }
        return (out.length == 64 && ok == 1, r);
    }

    /// A table's DEEP quotient at the distinct positions of its own domain (the top positions mod
    /// its LDE's size), from its rows of the rounds (already checked), which the rounds' leaves hold
    /// rowsPerLeaf[k] to a leaf.
    function tableDeep(uint256[] memory head, Proof memory p, Run memory run, uint256[] memory gammas,
                       uint256[] memory positions, uint256[] memory rowsPerLeaf)
        private view returns (bool, uint256[][] memory)
    {
        // only what the quotient reads goes into the call (not the segment's opening and FRI), as one blob
        uint256[] memory parts = new uint256[](CometDeep.PARTS);
        parts[0] = CometBlob.pointer(head);
        parts[1] = CometBlob.pointer(rowsPerLeaf);
        parts[2] = CometBlob.pointer(p.ood);
        // the main, auxiliary and composition rows: Proof's fields 5 to 7
        assembly {
            for { let k := 0 } lt(k, 3) { k := add(k, 1) } {
                mstore(add(parts, shl(5, add(k, 4))), mload(add(p, shl(5, add(k, 5)))))
            }
        }
        parts[6] = CometBlob.pointer(run.z);
        parts[7] = CometBlob.pointer(gammas);
        parts[8] = CometBlob.pointer(positions);
        return abi.decode(CometBlob.call(address(CometDeep), CometDeep.deepValues.selector, parts), (bool, uint256[][]));
    }

    /// One table's view of the run: its own challenges (the first it uses), alphas and gammas.
    function tableRun(Run memory run, Air memory air, uint256[] memory alphas, uint256[] memory gammas)
        private pure returns (Run memory r)
    {
        r.t = run.t;
        r.values = run.values;
        r.z = run.z;
        r.alphas = alphas;
        r.gammas = gammas;
        r.challenges = new uint256[](DEGREE * air.s.numChallenges);
        for (uint256 i = 0; i < r.challenges.length; i++) {
            r.challenges[i] = run.challenges[i];
        }
    }

    /// The stated LogUp totals of the tables that state one and the public fractions cancel.
    function logUpTotalsCancel(Set memory set, SetProof memory proof, uint256[] memory challenges)
        private view returns (bool)
    {
        uint256 t0;
        uint256 t1;
        for (uint256 i = 0; i < set.tables.length; i++) {
            if (set.tables[i].s.hasLogUpSum) {
                t0 = addmod(t0, proof.tables[i].logUpSum[0], P);
                t1 = addmod(t1, proof.tables[i].logUpSum[1], P);
            }
            if (set.tables[i].s.hasPublicFractions) {
                (uint256 p0, uint256 p1) = publicTotalAt(set.tables[i], challenges, set.values);
                t0 = addmod(t0, p0, P);
                t1 = addmod(t1, p1, P);
            }
        }
        return t0 == 0 && t1 == 0;
    }

    function longs(uint256[] memory words) private pure returns (uint64[] memory out) {
        out = new uint64[](words.length);
        for (uint256 i = 0; i < words.length; i++) {
            out[i] = uint64(words[i]);
        }
    }

    /// m sum_k 1 / (alpha - t_k) over tuples of `arity` components (flattened in `components`),
    /// each compressed as c_0 + beta c_1 + beta^2 c_2 + ..., as PublicFractions.sum.
    function fractionSum(uint256[] memory challenges, uint256 alphaIndex, uint256 betaIndex, uint256 multiplicity,
                         uint256 arity, uint256[] memory components) internal view returns (uint256, uint256) {
        uint256[] memory alpha = new uint256[](DEGREE);
        uint256[] memory beta = new uint256[](DEGREE);
        for (uint256 d = 0; d < DEGREE; d++) {
            alpha[d] = challenges[DEGREE * alphaIndex + d];
            beta[d] = challenges[DEGREE * betaIndex + d];
        }
        uint256[] memory sum = CometField.zero(DEGREE);
        for (uint256 k = 0; k < components.length / arity; k++) {
            uint256[] memory value = CometField.zero(DEGREE);
            for (uint256 i = arity; i > 0; i--) {
                value = CometField.mul(beta, value);
                value[0] = addmod(value[0], components[k * arity + i - 1], P);
            }
            value[0] = addmod(alpha[0], P - value[0], P);
            value[1] = addmod(alpha[1], P - value[1], P);
            sum = CometField.add(sum, inverse(value));
        }
        sum = CometField.mulBase(sum, multiplicity);
        return (sum[0], sum[1]);
    }

    /// An indicator of the row whose point is wk, of period 2^logPeriod, at y = z^(n/m):
    /// wk (y^m - 1) / (m (y - wk)), as PeriodicValues.
    function indicator(uint256[] memory y, uint256 logPeriod, uint256 wk) internal view returns (uint256[] memory) {
        uint256[] memory vanishing = power(y, logPeriod);
        vanishing[0] = addmod(vanishing[0], P - 1, P);
        uint256[] memory denominator = new uint256[](DEGREE);
        denominator[0] = addmod(y[0], P - wk, P);
        denominator[1] = y[1];
        denominator = CometField.mulBase(denominator, (1 << logPeriod) % P);
        return CometField.mulBase(CometField.mul(vanishing, inverse(denominator)), wk);
    }

    /// A column of values of period 2^logPeriod at y: c + (y^m - 1) / m sum_i weights[i] / (y - points[i])
    /// over the entries other than the most common value c, as PeriodicValues.
    function periodicValues(uint256[] memory y, uint256 logPeriod, uint256 c, uint256[] memory points,
                            uint256[] memory weights) internal view returns (uint256[] memory) {
        uint256[] memory sum = CometField.zero(DEGREE);
        for (uint256 i = 0; i < points.length; i++) {
            uint256[] memory denominator = new uint256[](DEGREE);
            denominator[0] = addmod(y[0], P - points[i], P);
            denominator[1] = y[1];
            sum = CometField.add(sum, CometField.mulBase(inverse(denominator), weights[i]));
        }
        uint256[] memory scale = power(y, logPeriod);
        scale[0] = addmod(scale[0], P - 1, P);
        scale = CometField.mulBase(scale, CometField.inv((1 << logPeriod) % P));
        uint256[] memory out = CometField.mul(scale, sum);
        out[0] = addmod(out[0], c, P);
        return out;
    }

    /// y^(2^k) by k squarings, always a new array (callers change it: y^(2^0) must not be y itself).
    function power(uint256[] memory y, uint256 k) private pure returns (uint256[] memory r) {
        r = new uint256[](y.length);
        for (uint256 i = 0; i < y.length; i++) {
            r[i] = y[i];
        }
        for (uint256 i = 0; i < k; i++) {
            r = CometField.mul(r, r);
        }
    }

    /// The proof's sections have the AIR's sizes: the frame, the LogUp total, the auxiliary parts.
    function shaped(Air memory air, Proof memory proof) private pure returns (bool) {
        return proof.ood.length == DEGREE * (air.s.frameRows * (air.s.mainWidth + air.s.auxWidth) + air.s.compositionColumns
                + air.s.precommittedWidth)
            && proof.logUpSum.length == (air.s.hasLogUpSum ? DEGREE : 0)
            && (air.s.auxWidth > 0 || proof.auxValues.length == 0)
            && (air.s.segmentReaders.length > 0 || (proof.segmentValues.length == 0 && proof.segmentSiblings.length == 0
                && proof.segmentFri.valueStarts.length == 1 && proof.segmentFri.values.length == 0
                && proof.segmentFri.siblings.length == 0 && proof.segmentFri.remainder.length == 0));
    }

    /// ProtocolTranscript.start: options, the set's name, and each table's name, shape, periodic
    /// columns' digest and public inputs.
    function openTranscript(CometTranscript.T memory t, Set memory set, bytes[] memory publicInputs) private pure {
        CometTranscript.absorb(t, "options", set.tables[0].s.options);
        CometTranscript.absorb(t, "table-set", bytes(set.name));
        CometTranscript.absorb(t, "tables", abi.encodePacked(uint32(set.tables.length)));
        for (uint256 i = 0; i < set.tables.length; i++) {
            CometTranscript.absorb(t, "air", bytes(set.tables[i].s.name));
            CometTranscript.absorb(t, "trace", set.tables[i].s.trace);
            if (set.tables[i].s.hasPeriodic) {
                CometTranscript.absorbDigest(t, "periodic-columns", set.tables[i].s.periodicDigest);
            }
            if (set.tables[i].s.precommittedWidth > 0) {
                CometTranscript.absorbDigest(t, "precommitted-root", set.tables[i].s.precommittedRoot);
            }
            CometTranscript.absorb(t, "public-inputs", publicInputs[i]);
        }
    }

    /// ProtocolTranscript.absorbOod: the main frame's values, the auxiliary frame's, the composition
    /// columns', then the precommitted columns'.
    function absorbOod(CometTranscript.T memory t, uint256[] memory ood, uint256 mainValues, uint256 auxValues,
                       uint256 compositionValues) private pure
    {
        uint256 frame = mainValues + auxValues;
        CometTranscript.absorbPairs(t, "ood-main", ood, 0, mainValues);
        CometTranscript.absorbPairs(t, "ood-aux", ood, DEGREE * mainValues, auxValues);
        CometTranscript.absorbPairs(t, "ood-composition", ood, DEGREE * frame, compositionValues);
        uint256 precommitted = ood.length / DEGREE - frame - compositionValues;
        CometTranscript.absorbPairs(t, "ood-precommitted", ood, DEGREE * (frame + compositionValues), precommitted);
    }

    function draw(CometTranscript.T memory t, string memory label) private view returns (uint256[] memory) {
        return CometTranscript.drawExtensions(t, label, uint32(DEGREE), 1);
    }

    /// count extension challenges, 2 words each, one after the other.
    function drawMany(CometTranscript.T memory t, string memory label, uint256 count) private view
        returns (uint256[] memory)
    {
        return CometTranscript.drawExtensions(t, label, uint32(DEGREE), count);
    }

    /// The generated library's sum_c alpha_c C_c(z) / Z_c(z) against sum_j H_j(z) z^(n j).
    function oodConstraintsHold(Air memory air, Proof memory proof, Run memory run) private view returns (bool) {
        uint256 frameWords = DEGREE * air.s.frameRows * (air.s.mainWidth + air.s.auxWidth);
        CometDeep.ConstraintInput memory c = CometDeep.ConstraintInput(run.z, proof.ood, periodicAt(air, run.z),
            run.challenges, air.s.hasLogUpSum ? proof.logUpSum : CometField.zero(DEGREE), run.alphas, run.values, frameWords,
            frameWords + DEGREE * air.s.compositionColumns, DEGREE * air.s.precommittedWidth);
        (uint256 e0, uint256 e1) = constraintsAt(air, c);
        return CometDeep.compositionAtZ(air.s.logLength, air.s.compositionColumns, proof.ood, run.z, frameWords, e0, e1);
    }

    /// (a0 + a1 x)^-1 = (a0 - a1 x) / (a0^2 - 7 a1^2).
    function inverse(uint256[] memory a) private view returns (uint256[] memory r) {
        uint256 norm = addmod(mulmod(a[0], a[0], P), P - mulmod(7, mulmod(a[1], a[1], P), P), P);
        require(norm != 0, "zero divisor");
        uint256 v = CometField.inv(norm);
        r = new uint256[](DEGREE);
        r[0] = mulmod(a[0], v, P);
        r[1] = mulmod((P - a[1]) % P, v, P);
    }
}

/// Arrays of one-word elements (uint256[], uint64[], bytes32[]: a length word, then one word per
/// element in memory) carried into a library call as one `bytes`: the memory images one after the
/// other. The ABI copies a `bytes` in one pass each way, where it encodes and decodes an array of
/// structs of arrays element by element (about a quarter of a table's DEEP gas before); the library
/// reads the arrays in place in the blob.
library CometBlob {
    function pointer(uint256[] memory a) internal pure returns (uint256 p) {
        assembly {
            p := a
        }
    }

    function pointer(uint64[] memory a) internal pure returns (uint256 p) {
        assembly {
            p := a
        }
    }

    function pointer(bytes32[] memory a) internal pure returns (uint256 p) {
        assembly {
            p := a
        }
    }

    /// The return data of lib's view function selector(bytes blob), the blob being the arrays at these
    /// memory addresses, in order (their count first). The call's data is written past the free memory
    /// pointer and not kept: an allocated blob (hundreds of kilobytes for a wide table) would raise
    /// the price of every later word of memory, which grows with the square of its size.
    function call(address lib, bytes4 selector, uint256[] memory arrays) internal view returns (bytes memory out) {
        bool ok;
        assembly {
            let data := mload(0x40)
            mstore(data, selector)
            mstore(add(data, 4), 0x20)
            let body := add(data, 0x44)
            let n := mload(arrays)
            mstore(body, n)
            let o := add(body, 0x20)
            for { let i := 0 } lt(i, n) { i := add(i, 1) } {
                let a := mload(add(arrays, shl(5, add(i, 1))))
                let size := shl(5, add(1, mload(a)))
                mcopy(o, a, size)
                o := add(o, size)
            }
            mstore(add(data, 0x24), sub(o, body))
            ok := staticcall(gas(), lib, data, sub(o, data), 0, 0)
            out := data
            mstore(out, returndatasize())
            returndatacopy(add(out, 0x20), 0, returndatasize())
            mstore(0x40, add(add(out, 0x20), and(add(returndatasize(), 31), not(31))))
        }
        if (!ok) {
            assembly {
                revert(add(out, 0x20), mload(out))
            }
        }
    }

    /// How many arrays the blob holds.
    function count(bytes memory b) internal pure returns (uint256 n) {
        require(b.length >= 32, "blob");
        assembly {
            n := mload(add(b, 0x20))
        }
    }

    /// The address of the k-th array in the blob (a view: the blob's own words), checked to lie within it.
    function at(bytes memory b, uint256 k) private pure returns (uint256 p) {
        require(k < count(b), "blob");
        uint256 end;
        assembly {
            end := add(add(b, 0x20), mload(b))
            p := add(b, 0x40)
            for { let i := 0 } lt(i, k) { i := add(i, 1) } {
                p := add(p, shl(5, add(1, mload(p))))
                if gt(add(p, 0x20), end) { revert(0, 0) }
            }
        }
        uint256 n;
        assembly {
            n := mload(p)
        }
        require(p + 32 <= end && n <= (end - p - 32) / 32, "blob");
    }

    function words(bytes memory b, uint256 k) internal pure returns (uint256[] memory a) {
        uint256 p = at(b, k);
        assembly {
            a := p
        }
    }

    function longs(bytes memory b, uint256 k) internal pure returns (uint64[] memory a) {
        uint256 p = at(b, k);
        assembly {
            a := p
        }
    }

    function digests(bytes memory b, uint256 k) internal pure returns (bytes32[] memory a) {
        uint256 p = at(b, k);
        assembly {
            a := p
        }
    }
}

/// The DEEP part of the verification, a library deployed once and linked (the 24 KB code limit):
/// the openings of the main, auxiliary and composition rounds (one tree each over every table),
/// and a table's DEEP quotient at the query positions of its domain from its rows there.
library CometDeep {
    uint256 internal constant P = 0xffffffff00000001;
    uint256 internal constant DEGREE = 2;

    /// A table's shape as the quotient needs it (CometStark.Air without its function pointers).
    struct Shape {
        uint256 logLength;
        uint256 logBlowup;
        uint256 mainWidth;
        uint256 auxWidth;
        uint256 compositionColumns;
        uint256 frameRows;
        uint256 shift;
    }

    /// The out-of-domain point and the table's DEEP coefficients.
    struct Challenges {
        uint256[] z;
        uint256[] gammas;
    }

    /// The opened rows at the query positions: main trace, auxiliary trace and composition (2
    /// coordinates per extension column).
    struct Rows {
        uint64[] main;
        uint64[] aux;
        uint64[] composition;
    }
    /// The blob's head: the Shape's seven words.
    uint256 internal constant HEAD_WORDS = 7;
    /// The blob's arrays: the head, the rounds' rows per leaf, the frame, the three rounds' rows of
    /// the table, z, the gammas, the positions.
    uint256 internal constant PARTS = 9;

    /// Whether a round's opening holds (CometStark.roundHolds lays out the blob), as RoundCheck.rows:
    /// each opened leaf of the round's tree (the distinct top positions / r, r rows a leaf) rebuilt
    /// from the tables' rows (RoundLayout.leafValues) and hashed, and the leaves checked against the
    /// root. Returns r too.
    function roundHolds(bytes memory blob) public view returns (bool, uint256) {
        uint256[] memory h = CometBlob.words(blob, 0);
        uint256 parts = CometBlob.count(blob);
        require(h.length == 3 && h[2] < 3 && parts >= 3 && parts % 2 == 1, "blob");
        uint256 n = (parts - 3) / 2;
        Tree memory tree = Tree(h[0], 0, 0, new uint256[](0), new Part[](n));
        for (uint256 i = 0; i < n; i++) {
            uint256[] memory shape = CometBlob.words(blob, 3 + 2 * i);
            require(shape.length == HEAD_WORDS && shape[0] + shape[1] <= tree.logTop, "blob head");
            // the table's width in the round: its main columns, or its auxiliary or composition ones (2 words each)
            uint256 width = h[2] == 0 ? shape[2] : DEGREE * shape[2 + h[2]];
            tree.parts[i] = Part(width, tree.width, shape[0] + shape[1], new uint256[](0), CometBlob.longs(blob, 4 + 2 * i));
            tree.width += width;
        }
        tree.r = rowsPerLeaf(tree.width);
        uint256 logR = log2(tree.r);
        uint256[] memory positions = CometBlob.words(blob, 1);
        if (logR > tree.logTop || positions.length == 0) {
            return (false, tree.r);
        }
        tree.leaves = leavesOf(positions, tree.r);
        return (treeHolds(tree, bytes32(h[1]), logR, CometBlob.digests(blob, 2)), tree.r);
    }

    /// Whether the tree's rebuilt leaves are in the tree of this root, with these siblings.
    function treeHolds(Tree memory tree, bytes32 root, uint256 logR, bytes32[] memory siblings)
        private view returns (bool)
    {
        (bool ok, bytes32[] memory digests) = leafDigests(tree);
        return ok && CometMerkle.verify(root, tree.logTop - logR, tree.leaves, digests, siblings);
    }

    /// A round's tree: its top LDE's log size, its width, its rows per leaf, its opened leaves and
    /// its tables.
    struct Tree {
        uint256 logTop;
        uint256 width;
        uint256 r;
        uint256[] leaves;
        Part[] parts;
    }

    /// One table in a round's leaves: its width, its first column in a leaf's row, its LDE's log
    /// size N, its blocks (the opened leaves mod N / r, distinct, ascending) and its rows: a block's
    /// min(r, N) rows each (RoundLayout.tableRows: rows (leaf r + j) mod N).
    struct Part {
        uint256 width;
        uint256 column;
        uint256 logLde;
        uint256[] blocks;
        uint64[] values;
    }

    /// The distinct p / r of ascending positions, ascending.
    function leavesOf(uint256[] memory positions, uint256 r) private pure returns (uint256[] memory leaves) {
        uint256 m = positions.length;
        leaves = new uint256[](m);
        assembly {
            let n := 0
            let last := not(0)
            for { let q := 0 } lt(q, m) { q := add(q, 1) } {
                let l := div(mload(add(positions, shl(5, add(q, 1)))), r)
                if iszero(eq(l, last)) {
                    n := add(n, 1)
                    mstore(add(leaves, shl(5, n)), l)
                    last := l
                }
            }
            mstore(leaves, n) // the words past the new length stay allocated, unused
        }
    }

    /// The digests of the round's opened leaves, each rebuilt in one buffer from the tables' rows;
    /// false if a table does not give exactly its rows.
    function leafDigests(Tree memory tree) private view returns (bool, bytes32[] memory digests) {
        uint256 n = tree.parts.length;
        for (uint256 i = 0; i < n; i++) {
            Part memory t = tree.parts[i];
            if (t.width > 0) {
                // a table of the top size has a block per leaf; a smaller one's leaves repeat its blocks
                t.blocks = t.logLde == tree.logTop ? tree.leaves : CometFri.uniqueSortedMod(tree.leaves, modulus(t, tree.r));
            }
            if (t.values.length != t.blocks.length * blockRows(tree.r, t.logLde) * t.width) {
                return (false, digests);
            }
        }
        uint256 leaves = tree.leaves.length;
        Part memory only = onlyPart(tree);
        if (only.width > 0 && only.logLde == tree.logTop) {
            // one table of the top size: its blocks are the leaves, as they are (a one-table proof's)
            return (true, CometMerkle.leafDigests(only.values, 0, leaves, tree.r * only.width));
        }
        digests = new bytes32[](leaves);
        uint64[] memory leaf = new uint64[](tree.r * tree.width);
        for (uint256 k = 0; k < leaves; k++) {
            for (uint256 i = 0; i < n; i++) {
                Part memory t = tree.parts[i];
                if (t.width > 0) {
                    uint256 b = t.logLde == tree.logTop ? k : indexOf(t.blocks, tree.leaves[k] % modulus(t, tree.r));
                    copyBlock(leaf, t, b, tree.r, tree.width);
                }
            }
            digests[k] = CometMerkle.leafDigest(leaf, 0, leaf.length);
        }
        return (true, digests);
    }

    /// The round's one table with columns in it, if it has one (an empty part otherwise).
    function onlyPart(Tree memory tree) private pure returns (Part memory only) {
        for (uint256 i = 0; i < tree.parts.length; i++) {
            if (tree.parts[i].width > 0) {
                if (only.width > 0) {
                    Part memory none;
                    return none;
                }
                only = tree.parts[i];
            }
        }
    }

    /// Table t's block b into every row of a leaf of r rows of width words: row j's columns are the
    /// block's row j mod blockRows.
    function copyBlock(uint64[] memory leaf, Part memory t, uint256 b, uint256 r, uint256 width) private pure {
        uint256 rows = blockRows(r, t.logLde);
        uint256 w = t.width;
        uint64[] memory values = t.values;
        uint256 column = t.column;
        assembly {
            let rowBytes := shl(5, w)
            let src := add(values, add(0x20, mul(mul(b, rows), rowBytes)))
            let dst := add(leaf, shl(5, add(column, 1)))
            let stride := shl(5, width)
            let mask := sub(rows, 1)
            for { let j := 0 } lt(j, r) { j := add(j, 1) } {
                mcopy(dst, add(src, mul(and(j, mask), rowBytes)), rowBytes)
                dst := add(dst, stride)
            }
        }
    }

    /// A table's rows in a block: r, or all N of a table shorter than a leaf (as RoundLayout allows,
    /// though TraceInfo's 8 rows and a blowup of 2 at least make N 16 or more, r at most 8).
    function blockRows(uint256 r, uint256 logLde) private pure returns (uint256) {
        return r < (1 << logLde) ? r : 1 << logLde;
    }

    /// N / r, the number of the table's blocks (1 for a table shorter than a leaf).
    function modulus(Part memory t, uint256 r) private pure returns (uint256) {
        return (1 << t.logLde) / blockRows(r, t.logLde);
    }

    /// The index of v in the ascending array, which holds it (the blocks of the leaves it was taken from).
    function indexOf(uint256[] memory sorted, uint256 v) private pure returns (uint256 lo) {
        assembly {
            let hi := mload(sorted)
            for { } lt(lo, hi) { } {
                let mid := shr(1, add(lo, hi))
                switch lt(mload(add(sorted, shl(5, add(mid, 1)))), v)
                case 1 { lo := add(mid, 1) }
                default { hi := mid }
            }
        }
    }

    /// quotients of a table's blob (CometBlob.call, laid out as CometStark.tableDeep writes it), at
    /// the table's distinct positions under the top positions the blob gives.
    function deepValues(bytes memory blob) public view returns (bool, uint256[][] memory) {
        require(CometBlob.count(blob) == PARTS, "blob");
        uint256[] memory h = CometBlob.words(blob, 0);
        require(h.length == HEAD_WORDS, "blob head");
        Shape memory air = Shape(h[0], h[1], h[2], h[3], h[4], h[5], h[6]);
        uint256[] memory r = CometBlob.words(blob, 1);
        require(r.length == 3, "blob");
        TraceOpenings memory proof = TraceOpenings(CometBlob.words(blob, 2), CometBlob.longs(blob, 3),
            CometBlob.longs(blob, 4), CometBlob.longs(blob, 5));
        return quotients(air, proof, r, Challenges(CometBlob.words(blob, 6), CometBlob.words(blob, 7)),
            CometFri.uniqueSortedMod(CometBlob.words(blob, 8), 1 << (air.logLength + air.logBlowup)));
    }

    /// The DEEP quotient at each position, from the table's rows there.
    function quotients(Shape memory air, TraceOpenings memory proof, uint256[] memory r, Challenges memory run,
                       uint256[] memory positions) private view returns (bool, uint256[][] memory values)
    {
        (bool ok, Rows memory rows) = openings(air, proof, r, positions);
        if (!ok) {
            return (false, values);
        }
        uint256[][] memory constants = deepConstants(air, proof, run);
        values = new uint256[][](positions.length);
        uint256 omega = CometField.rootOfUnity(air.logLength + air.logBlowup);
        for (uint256 q = 0; q < positions.length; q++) {
            uint256 x = mulmod(air.shift, CometField.pow(omega, positions[q]), P);
            values[q] = deepValueAt(air, run, constants, rows, q, x);
        }
        return (true, values);
    }
    /// The rows at the positions of the main, auxiliary and composition LDEs, from the table's rows
    /// of each round (their openings checked by roundHolds).
    function openings(Shape memory air, TraceOpenings memory proof, uint256[] memory r, uint256[] memory positions)
        private pure returns (bool, Rows memory rows)
    {
        uint256 logLde = air.logLength + air.logBlowup;
        bool okMain;
        bool okAux = true;
        bool okComp;
        (okMain, rows.main) = rowsAt(proof.main, logLde, positions, air.mainWidth, r[0]);
        if (air.auxWidth > 0) {
            (okAux, rows.aux) = rowsAt(proof.aux, logLde, positions, DEGREE * air.auxWidth, r[1]);
        }
        (okComp, rows.composition) = rowsAt(proof.composition, logLde, positions, DEGREE * air.compositionColumns, r[2]);
        return (okMain && okAux && okComp, rows);
    }
    /// The rows at the table's ascending, distinct positions of its rows of a round of r rows a leaf
    /// (RoundLayout.tableRows: blocks of blockRows rows at the distinct positions / r).
    function rowsAt(uint64[] memory values, uint256 logLde, uint256[] memory positions, uint256 width, uint256 r)
        private pure returns (bool, uint64[] memory rows)
    {
        uint256[] memory blocks = leavesOf(positions, r);
        uint256 rows_ = blockRows(r, logLde);
        if (values.length != blocks.length * rows_ * width) {
            return (false, rows);
        }
        return (true, copyRows(values, positions, blocks, r, rows_, width));
    }
    /// (A + B - constants[0]) / (x - z) + sum_(o >= 1) (A - constants[o]) / (x - z g^o) at one position.
    function deepValueAt(Shape memory air, Challenges memory run, uint256[][] memory constants, Rows memory rows, uint256 q,
                         uint256 x) private view returns (uint256[] memory value) {
        // A (trace) and B (composition) on the stack, then the quotient: no array per operation
        Combination memory ab;
        (ab.a0, ab.a1) = combineBase(run.gammas, rows.main, q * air.mainWidth, air.mainWidth);
        (uint256 x0, uint256 x1) = combineExtension(run.gammas, air.mainWidth, rows.aux, q * DEGREE * air.auxWidth,
            air.auxWidth);
        ab.a0 = addmod(ab.a0, x0, P);
        ab.a1 = addmod(ab.a1, x1, P);
        (ab.b0, ab.b1) = combineExtension(run.gammas, air.mainWidth + air.auxWidth, rows.composition,
            q * DEGREE * air.compositionColumns, air.compositionColumns);
        return quotient(air, run.z, constants, ab, x);
    }
    /// Whether sum_j H_j(z) z^(n j) is (e0, e1).
    function compositionAtZ(uint256 logLength, uint256 columns, uint256[] memory ood, uint256[] memory z,
                            uint256 frameWords, uint256 e0, uint256 e1) public pure returns (bool) {
        uint256[] memory zn = z;
        for (uint256 i = 0; i < logLength; i++) {
            zn = CometField.mul(zn, zn);
        }
        uint256[] memory actual = CometField.zero(DEGREE);
        uint256[] memory power = CometField.zero(DEGREE);
        power[0] = 1;
        for (uint256 j = 0; j < columns; j++) {
            uint256[] memory h = new uint256[](DEGREE);
            h[0] = ood[frameWords + DEGREE * j];
            h[1] = ood[frameWords + DEGREE * j + 1];
            actual = CometField.add(actual, CometField.mul(power, h));
            power = CometField.mul(power, zn);
        }
        return actual[0] == e0 && actual[1] == e1;
    }

    /// What a table's generated constraint library reads, in pieces: the point, the out-of-domain
    /// frame (its main and auxiliary rows in the first frameWords words, its precommitted values
    /// from precommittedFrom), the periodic values, the challenges, the LogUp total (zero when the
    /// table states none), the alphas and the statement's public values; CometStark.constraintsAt
    /// reads the fields by position, so their order is the layout's (ConstraintSolidity.Layout).
    struct ConstraintInput {
        uint256[] z;
        uint256[] ood;
        uint256[] periodic;
        uint256[] challenges;
        uint256[] logUpSum;
        uint256[] alphas;
        uint256[] values;
        uint256 frameWords;
        uint256 precommittedFrom;
        uint256 precommittedWords;
    }

    /// What a table's DEEP quotient reads of its part of the proof: its out-of-domain frame and its
    /// rows of the main, auxiliary (empty without an auxiliary trace) and composition rounds.
    struct TraceOpenings {
        uint256[] ood;
        uint64[] main;
        uint64[] aux;
        uint64[] composition;
    }

    /// A commitment's root and an opening of it: the values of the leaves opened and the siblings.
    struct Opening {
        bytes32 root;
        uint64[] values;
        bytes32[] siblings;
    }

    /// A precommitted segment: its root, its LDE's size, its width and its coset's shift.
    struct Segment {
        bytes32 root;
        uint256 logLde;
        uint256 width;
        uint256 shift;
    }

    /// The readings of a segment: per reading its DEEP coefficients (2 words per column), the values
    /// the reader's frame claims at its point (2 words per column) and that point zeta.
    struct Readings {
        uint256[][] gammas;
        uint256[][] values;
        uint256[][] zetas;
    }

    /// The segment's DEEP quotient at its distinct, ascending positions after checking its opening
    /// (one row to a leaf): sum_r (sum_c gamma_rc row_c - sum_c gamma_rc v_rc) / (x - zeta_r), as
    /// TableCheck's SegmentCheck.
    function segmentDeep(bytes memory blob) public view returns (bool, uint256[][] memory) {
        uint256 parts = CometBlob.count(blob);
        require(parts >= 4 && (parts - 4) % 3 == 0, "blob");
        uint256[] memory h = CometBlob.words(blob, 0);
        require(h.length == 4, "blob head");
        SegmentQuery memory q;
        q.segment = Segment(bytes32(h[0]), h[1], h[2], h[3]);
        q.positions = CometBlob.words(blob, 1);
        q.opening = Opening(bytes32(h[0]), CometBlob.longs(blob, 2), CometBlob.digests(blob, 3));
        uint256 readings = (parts - 4) / 3;
        q.readings = Readings(new uint256[][](readings), new uint256[][](readings), new uint256[][](readings));
        for (uint256 r = 0; r < readings; r++) {
            q.readings.gammas[r] = CometBlob.words(blob, 4 + 3 * r);
            q.readings.values[r] = CometBlob.words(blob, 5 + 3 * r);
            q.readings.zetas[r] = CometBlob.words(blob, 6 + 3 * r);
        }
        return segmentQuotients(q);
    }

    function segmentQuotients(SegmentQuery memory q) private view returns (bool, uint256[][] memory values) {
        (bool ok, uint64[] memory rows) = openedRows(q.opening, q.segment.logLde, q.positions, q.segment.width, 1);
        if (!ok) {
            return (false, values);
        }
        return (true, segmentValues(q.segment, q.positions, rows, q.readings));
    }

    /// A segment's check at its positions: its shape, the positions, its opening there, its readings.
    struct SegmentQuery {
        Segment segment;
        uint256[] positions;
        Opening opening;
        Readings readings;
    }

    function segmentValues(Segment memory segment, uint256[] memory positions, uint64[] memory rows,
                           Readings memory readings) private view returns (uint256[][] memory values) {
        uint256[][] memory constants = segmentConstants(readings, segment.width);
        values = new uint256[][](positions.length);
        uint256 omega = CometField.rootOfUnity(segment.logLde);
        for (uint256 q = 0; q < positions.length; q++) {
            At memory at = At(q * segment.width, segment.width, mulmod(segment.shift, CometField.pow(omega, positions[q]), P));
            values[q] = segmentValueAt(readings, constants, rows, at);
        }
    }

    /// Per reading, sum_c gamma_rc v_rc.
    function segmentConstants(Readings memory readings, uint256 width) private pure returns (uint256[][] memory constants) {
        constants = new uint256[][](readings.gammas.length);
        for (uint256 r = 0; r < constants.length; r++) {
            (uint256 c0, uint256 c1) = combineExtension(readings.gammas[r], 0, asLongs(readings.values[r]), 0, width);
            constants[r] = new uint256[](DEGREE);
            constants[r][0] = c0;
            constants[r][1] = c1;
        }
    }

    /// An opened row of a segment (its first word and width) and its point x.
    struct At {
        uint256 from;
        uint256 width;
        uint256 x;
    }

    /// sum_r (sum_c gamma_rc row_c - constants[r]) / (x - zeta_r) for one opened row.
    function segmentValueAt(Readings memory readings, uint256[][] memory constants, uint64[] memory rows, At memory at)
        private view returns (uint256[] memory value)
    {
        value = new uint256[](DEGREE);
        for (uint256 r = 0; r < constants.length; r++) {
            (uint256 n0, uint256 n1) = segmentNumerator(readings.gammas[r], constants[r], rows, at);
            (uint256 i0, uint256 i1) = denominatorInverse(at.x, readings.zetas[r], 1);
            addProduct(value, n0, n1, i0, i1);
        }
    }

    /// sum_c gamma_c row_c - constant for one reading.
    function segmentNumerator(uint256[] memory gammas, uint256[] memory constant_, uint64[] memory rows, At memory at)
        private pure returns (uint256 n0, uint256 n1)
    {
        (n0, n1) = combineBase(gammas, rows, at.from, at.width);
        n0 = addmod(n0, P - constant_[0], P);
        n1 = addmod(n1, P - constant_[1], P);
    }

    /// A and B at one position.
    struct Combination {
        uint256 a0;
        uint256 a1;
        uint256 b0;
        uint256 b1;
    }
    /// (A + B - constants[0]) / (x - z) + sum_(o >= 1) (A - constants[o]) / (x - z g^o).
    function quotient(Shape memory air, uint256[] memory z, uint256[][] memory constants, Combination memory ab,
                      uint256 x) private view returns (uint256[] memory value) {
        uint256 g = CometField.rootOfUnity(air.logLength);
        value = new uint256[](DEGREE);
        uint256 gPower = 1;
        for (uint256 o = 0; o < air.frameRows; o++) {
            (uint256 n0, uint256 n1) = numerator(ab, constants[o], o == 0);
            (uint256 i0, uint256 i1) = denominatorInverse(x, z, gPower);
            addProduct(value, n0, n1, i0, i1);
            gPower = mulmod(gPower, g, P);
        }
    }
    /// 1 / (x - z g^o) for g^o = gPower.
    function denominatorInverse(uint256 x, uint256[] memory z, uint256 gPower) private view returns (uint256, uint256) {
        return inverse2(addmod(x, P - mulmod(z[0], gPower, P), P), (P - mulmod(z[1], gPower, P)) % P);
    }
    /// A (+ B at the first frame row) minus the row's constant.
    function numerator(Combination memory ab, uint256[] memory constant_, bool first)
        private pure returns (uint256, uint256)
    {
        uint256 n0 = first ? addmod(ab.a0, ab.b0, P) : ab.a0;
        uint256 n1 = first ? addmod(ab.a1, ab.b1, P) : ab.a1;
        return (addmod(n0, P - constant_[0], P), addmod(n1, P - constant_[1], P));
    }
    /// value += (n0 + n1 t)(i0 + i1 t), t^2 = 7.
    function addProduct(uint256[] memory value, uint256 n0, uint256 n1, uint256 i0, uint256 i1) private pure {
        value[0] = addmod(value[0], addmod(mulmod(n0, i0, P), mulmod(7, mulmod(n1, i1, P), P), P), P);
        value[1] = addmod(value[1], addmod(mulmod(n0, i1, P), mulmod(n1, i0, P), P), P);
    }
    /// sum_c gamma_c row[from + c] for base-field columns, gammas from index 0.
    function combineBase(uint256[] memory gammas, uint64[] memory rows, uint256 from, uint256 count)
        private pure returns (uint256 s0, uint256 s1)
    {
        require(from + count <= rows.length && DEGREE * count <= gammas.length, "combination");
        // the hottest loop of the verification: one term per opened value, so in assembly, reduced
        // once at the end: the values and gammas are canonical (below p < 2^64), so each product is
        // below 2^128 and a sum of fewer than 2^64 of them cannot wrap
        assembly {
            let p := 0xffffffff00000001
            let v := add(rows, shl(5, add(from, 1)))
            let g := add(gammas, 0x20)
            let end := add(v, shl(5, count))
            for { } lt(v, end) { v := add(v, 0x20) } {
                let x := mload(v)
                s0 := add(s0, mul(mload(g), x))
                s1 := add(s1, mul(mload(add(g, 0x20)), x))
                g := add(g, 0x40)
            }
            s0 := mod(s0, p)
            s1 := mod(s1, p)
        }
    }
    /// sum_j gamma_(first + j) E_j for extension columns E_j = (e0, e1) of a row (gamma t = (7 g1, g0)).
    function combineExtension(uint256[] memory gammas, uint256 first, uint64[] memory rows, uint256 from,
                              uint256 count) private pure returns (uint256 s0, uint256 s1) {
        require(from + DEGREE * count <= rows.length && DEGREE * (first + count) <= gammas.length, "combination");
        // reduced once at the end, as combineBase: a column's terms are below 2^131
        assembly {
            let p := 0xffffffff00000001
            let e := add(rows, shl(5, add(from, 1)))
            let g := add(gammas, shl(5, add(shl(1, first), 1)))
            let end := add(e, shl(6, count))
            for { } lt(e, end) { e := add(e, 0x40) } {
                let g0 := mload(g)
                let g1 := mload(add(g, 0x20))
                let e0 := mload(e)
                let e1 := mload(add(e, 0x20))
                s0 := add(s0, add(mul(g0, e0), mul(7, mul(g1, e1))))
                s1 := add(s1, add(mul(g1, e0), mul(g0, e1)))
                g := add(g, 0x40)
            }
            s0 := mod(s0, p)
            s1 := mod(s1, p)
        }
    }
    /// (a0 + a1 t)^-1 = (a0 - a1 t) / (a0^2 - 7 a1^2), on the stack.
    function inverse2(uint256 a0, uint256 a1) private view returns (uint256, uint256) {
        uint256 norm = addmod(mulmod(a0, a0, P), P - mulmod(7, mulmod(a1, a1, P), P), P);
        require(norm != 0, "zero divisor");
        uint256 v = CometField.inv(norm);
        return (mulmod(a0, v, P), mulmod((P - a1) % P, v, P));
    }
    /// constants[o] = sum_c gamma_c main_c(z g^o), plus sum_j gamma_j H_j(z) for o = 0.
    function deepConstants(Shape memory air, TraceOpenings memory proof, Challenges memory run)
        private pure returns (uint256[][] memory constants)
    {
        uint64[] memory ood = asLongs(proof.ood);
        constants = new uint256[][](air.frameRows);
        for (uint256 o = 0; o < air.frameRows; o++) {
            constants[o] = frameConstant(air, run.gammas, ood, o);
        }
        uint256 traceColumns = air.mainWidth + air.auxWidth;
        (uint256 h0, uint256 h1) = combineExtension(run.gammas, traceColumns, ood, DEGREE * air.frameRows * traceColumns,
            air.compositionColumns);
        constants[0][0] = addmod(constants[0][0], h0, P);
        constants[0][1] = addmod(constants[0][1], h1, P);
    }
    /// sum_c gamma_c T_c(z g^o) over the main frame's row o, then the auxiliary frame's.
    function frameConstant(Shape memory air, uint256[] memory gammas, uint64[] memory ood, uint256 o)
        private pure returns (uint256[] memory c)
    {
        (uint256 m0, uint256 m1) = combineExtension(gammas, 0, ood, DEGREE * o * air.mainWidth, air.mainWidth);
        (uint256 a0, uint256 a1) = combineExtension(gammas, air.mainWidth, ood,
            DEGREE * (air.frameRows * air.mainWidth + o * air.auxWidth), air.auxWidth);
        c = new uint256[](DEGREE);
        c[0] = addmod(m0, a0, P);
        c[1] = addmod(m1, a1, P);
    }
    /// Field elements (below p) seen as a uint64[]: the same layout in memory, one 32-byte slot each.
    function asLongs(uint256[] memory words) private pure returns (uint64[] memory longs) {
        assembly {
            longs := words
        }
    }
    /// The rows at the ascending, distinct positions of an LDE committed alone r rows to a leaf (a
    /// precommitted segment's), after checking the opening: every row of each leaf holding a
    /// position, in leaf order.
    function openedRows(Opening memory opening, uint256 logLde, uint256[] memory positions, uint256 width, uint256 r)
        private view returns (bool, uint64[] memory rows)
    {
        uint64[] memory values = opening.values;
        uint256[] memory leaves = leavesOf(positions, r);
        uint256 leafWidth = r * width;
        if (values.length != leaves.length * leafWidth) {
            return (false, rows);
        }
        bytes32[] memory digests = CometMerkle.leafDigests(values, 0, leaves.length, leafWidth);
        if (!CometMerkle.verify(opening.root, logLde - log2(r), leaves, digests, opening.siblings)) {
            return (false, rows);
        }
        return (true, copyRows(values, positions, leaves, r, r, width));
    }
    /// The rows at the ascending positions out of blocks of blockRows_ rows, one block per distinct
    /// position / r (the ascending blocks), each row width values.
    function copyRows(uint64[] memory values, uint256[] memory positions, uint256[] memory blocks, uint256 r,
                      uint256 blockRows_, uint256 width) private pure returns (uint64[] memory rows)
    {
        rows = new uint64[](positions.length * width);
        uint256 blockWidth = blockRows_ * width;
        uint256 b = 0;
        for (uint256 q = 0; q < positions.length; q++) {
            while (blocks[b] != positions[q] / r) {
                b++;
            }
            uint256 from = b * blockWidth + (positions[q] % blockRows_) * width;
            assembly {
                mcopy(add(rows, shl(5, add(mul(q, width), 1))), add(values, shl(5, add(from, 1))), shl(5, width))
            }
        }
    }
    function rowsPerLeaf(uint256 width) private pure returns (uint256) {
        if (width >= 8) {
            return 1;
        }
        uint256 target = 8 / (width == 0 ? 1 : width);
        uint256 r = 1;
        while (r * 2 <= target) {
            r *= 2;
        }
        return r;
    }
    function log2(uint256 k) private pure returns (uint256 l) {
        while ((1 << l) < k) {
            l++;
        }
    }
}

/// A call to a table's generated library reverted, or its constraints answered other than two words.
error TableLibraryFailed();

/// The proof's calldata is not laid out as StarkCalldata reads it (a custom error: smaller code than
/// a message, in a verifier near the code-size limit).
error MalformedCalldata();

/// A proof from calldata (each run of field elements after its count packed four to a word,
/// lowest lane first): w = [T, nAuxRoots (0 or 1), nMainSiblings, nAuxSiblings,
/// nCompositionSiblings, then per table: nOod, ood, nLogUp, LogUp total, nMain, main values, nAux,
/// aux values, nComposition, composition values, nSegment, segment values, nSegmentSiblings, then
/// the segment's FRI; then FRI; then the nonce], where a FRI is: L, valueStarts (L + 1), values,
/// siblingStarts (L + 1), remainder bound, remainder (2 * bound); digests = [the main root, the aux
/// root if any, the composition root, the main, aux and composition siblings; per table: segment
/// siblings, the segment FRI's roots (L) and siblings; then FRI's roots and siblings]. The rounds'
/// roots and siblings are the set's (one tree a round over every table), the values each table's
/// rows. Counts are checked against the lengths, and every word is below p (field elements as the
/// Java decoder requires them, counts as any real proof has them); a malformed proof reverts.
library StarkCalldata {
    struct Cursor {
        uint256 w;
        uint256 d;
    }

    function decode(uint256[] calldata w, bytes32[] calldata digests)
        internal pure returns (CometStark.SetProof memory p)
    {
        Cursor memory c;
        uint256 n = w[c.w++];
        uint256 auxRoots = w[c.w++];
        p.hasAuxRoot = auxRoots == 1;
        // the rounds' digests now (the words and the digests have a cursor each): roots, then siblings
        p.rounds = new CometStark.Round[](3);
        for (uint256 k = 0; k < 3; k++) {
            if (k != 1 || p.hasAuxRoot) {
                p.rounds[k].root = digests[c.d++];
            }
        }
        for (uint256 k = 0; k < 3; k++) {
            p.rounds[k].siblings = digestsOf(digests, c, w[c.w++]);
        }
        // no auxiliary round, no auxiliary siblings: one encoding a proof
        require(auxRoots <= 1 && (p.hasAuxRoot || p.rounds[1].siblings.length == 0), MalformedCalldata());
        p.tables = new CometStark.Proof[](n);
        for (uint256 i = 0; i < n; i++) {
            section(w, digests, c, p.tables[i]);
        }
        friWords(w, c, p.fri);
        friDigests(digests, c, p.fri);
        p.powNonce = uint64(w[c.w++]);
        require(p.powNonce == w[c.w - 1] && c.w == w.length && c.d == digests.length, MalformedCalldata());
    }

    /// A table's section: its words and its digests (each in its order, by its cursor).
    function section(uint256[] calldata w, bytes32[] calldata digests, Cursor memory c, CometStark.Proof memory t)
        private pure
    {
        t.ood = words(w, c, w[c.w++]);
        t.logUpSum = words(w, c, w[c.w++]);
        t.mainValues = longs(w, c, w[c.w++]);
        t.auxValues = longs(w, c, w[c.w++]);
        t.compositionValues = longs(w, c, w[c.w++]);
        t.segmentValues = longs(w, c, w[c.w++]);
        t.segmentSiblings = digestsOf(digests, c, w[c.w++]);
        friWords(w, c, t.segmentFri);
        friDigests(digests, c, t.segmentFri);
    }

    function friWords(uint256[] calldata w, Cursor memory c, CometFri.Proof memory f) private pure {
        uint256 layers = w[c.w++];
        f.valueStarts = counts(w, c, layers + 1);
        f.values = longs(w, c, f.valueStarts[layers]);
        f.siblingStarts = counts(w, c, layers + 1);
        f.remainder = longs(w, c, 2 * w[c.w++]);
    }

    function friDigests(bytes32[] calldata digests, Cursor memory c, CometFri.Proof memory f) private pure {
        uint256 layers = f.valueStarts.length - 1;
        f.roots = digestsOf(digests, c, layers);
        f.siblings = digestsOf(digests, c, f.siblingStarts[layers]);
    }

    // Field elements come four to a word (lowest lane first, the unused lanes of a section's last
    // word zero), which divides their calldata by four; they are unpacked and checked below p in
    // one pass in assembly (word by word in Solidity, the copy cost about 250 gas a word).

    /// n words as they are (offsets into other sections).
    function counts(uint256[] calldata w, Cursor memory c, uint256 n) private pure returns (uint256[] memory out) {
        uint256 from = c.w;
        require(from + n <= w.length, MalformedCalldata());
        c.w = from + n;
        out = new uint256[](n);
        assembly {
            calldatacopy(add(out, 0x20), add(w.offset, shl(5, from)), shl(5, n))
        }
    }

    function words(uint256[] calldata w, Cursor memory c, uint256 n) private pure returns (uint256[] memory out) {
        out = new uint256[](n);
        unpackFieldElements(w, c, n, out);
    }

    function longs(uint256[] calldata w, Cursor memory c, uint256 n) private pure returns (uint64[] memory out) {
        out = new uint64[](n);
        uint256[] memory asWords;
        assembly {
            asWords := out // the same layout in memory: a length, then one 32-byte slot per element
        }
        unpackFieldElements(w, c, n, asWords);
    }

    /// n field elements from the next ceil(n / 4) words into out; reverts if there are fewer words,
    /// if an element is not below p or if an unused lane is not zero.
    function unpackFieldElements(uint256[] calldata w, Cursor memory c, uint256 n, uint256[] memory out)
        private pure
    {
        uint256 from = c.w;
        uint256 packed = (n + 3) / 4;
        require(from + packed <= w.length, MalformedCalldata());
        c.w = from + packed;
        bool bad;
        assembly {
            let p := 0xffffffff00000001
            let mask := 0xffffffffffffffff
            let src := add(w.offset, shl(5, from))
            let dst := add(out, 0x20)
            // whole words first, their four lanes from one load
            let full := shr(2, n)
            for { let k := 0 } lt(k, full) { k := add(k, 1) } {
                let word := calldataload(add(src, shl(5, k)))
                let v0 := and(word, mask)
                let v1 := and(shr(64, word), mask)
                let v2 := and(shr(128, word), mask)
                let v3 := shr(192, word)
                bad := or(bad, iszero(and(and(lt(v0, p), lt(v1, p)), and(lt(v2, p), lt(v3, p)))))
                let d := add(dst, shl(7, k))
                mstore(d, v0)
                mstore(add(d, 0x20), v1)
                mstore(add(d, 0x40), v2)
                mstore(add(d, 0x60), v3)
            }
            for { let i := shl(2, full) } lt(i, n) { i := add(i, 1) } {
                let v := and(shr(shl(6, and(i, 3)), calldataload(add(src, shl(5, shr(2, i))))), mask)
                bad := or(bad, iszero(lt(v, p)))
                mstore(add(dst, shl(5, i)), v)
            }
            let lanes := and(n, 3)
            if lanes {
                // the last word's lanes past the section must be zero, so that a proof has one encoding
                bad := or(bad, iszero(iszero(shr(shl(6, lanes), calldataload(add(src, shl(5, sub(packed, 1))))))))
            }
        }
        require(!bad, MalformedCalldata());
    }

    function digestsOf(bytes32[] calldata digests, Cursor memory c, uint256 n) private pure returns (bytes32[] memory out) {
        uint256 from = c.d;
        require(from + n <= digests.length, MalformedCalldata());
        c.d = from + n;
        out = new bytes32[](n);
        assembly {
            calldatacopy(add(out, 0x20), add(digests.offset, shl(5, from)), shl(5, n))
        }
    }
}
