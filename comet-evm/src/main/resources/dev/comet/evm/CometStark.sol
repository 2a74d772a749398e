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
/// the query positions, their DEEP quotients and FRI's queries. It covers one table, with or
/// without an auxiliary trace and a LogUp total (which, alone in its proof, must be zero) and
/// periodic columns (whose values at z the AIR's generated contract computes), without a
/// precommitted segment.
library CometStark {
    uint256 internal constant P = 0xffffffff00000001;
    uint256 internal constant DEGREE = 2;
    uint256 internal constant GENERATOR = 7;

    /// What the verifier knows of the AIR and the options, from the generator: the exact bytes the
    /// transcript absorbs for them, and the shape.
    struct Air {
        bytes options;
        string name;
        bytes trace;
        uint256 shift;
        function (uint256[] memory) internal view returns (uint256, uint256) constraints;
        function (uint256[] memory) internal view returns (uint256[] memory) periodic;
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
        CometFri.Layout fri;
    }

    /// A proof's parts: roots (the auxiliary one only with an auxiliary trace), the stated LogUp
    /// total (2 words, or none), the out-of-domain frame (the main frame's rows, the auxiliary
    /// frame's, then the composition columns, 2 words each), FRI, the nonce, and the openings of the
    /// main, auxiliary and composition LDEs.
    struct Proof {
        bytes32 mainRoot;
        bytes32 auxRoot;
        bytes32 compositionRoot;
        uint256[] logUpSum;
        uint256[] ood;
        CometFri.Proof fri;
        uint64 powNonce;
        uint64[] mainValues;
        bytes32[] mainSiblings;
        uint64[] auxValues;
        bytes32[] auxSiblings;
        uint64[] compositionValues;
        bytes32[] compositionSiblings;
    }

    /// The proof's tables, in the set's order, with the table set's name and its options (those of
    /// tables[0], shared), the challenges the set draws, its FRI layout over every table's domain.
    struct Set {
        string name;
        Air[] tables;
        uint256 numChallenges;
        uint256 maxLogLength;
        CometFri.Layout fri;
    }

    /// A proof of a set: each table's part (its fri and powNonce fields unused), FRI's and the nonce.
    struct SetProof {
        Proof[] tables;
        CometFri.Proof fri;
        uint64 powNonce;
    }

    /// The verifier's running state: the transcript and the challenges drawn so far.
    struct Run {
        CometTranscript.T t;
        uint256[] challenges;
        uint256[] alphas;
        uint256[] z;
        uint256[] gammas;
    }

    /// The verification of a table set's proof, step by step as StarkVerifier.check: the transcript
    /// takes each table's part of a step before the next step.
    function verify(Set memory set, bytes[] memory publicInputs, SetProof memory proof) internal view returns (bool) {
        uint256 n = set.tables.length;
        if (proof.tables.length != n || publicInputs.length != n || !below(proof.fri.values)
            || !below(proof.fri.remainder)) {
            return false;
        }
        for (uint256 i = 0; i < n; i++) {
            if (!canonical(proof.tables[i]) || !shaped(set.tables[i], proof.tables[i])) {
                return false;
            }
        }
        Run memory run;
        run.t = CometTranscript.start("comet-stark-v5");
        openTranscript(run.t, set, publicInputs);
        for (uint256 i = 0; i < n; i++) {
            CometTranscript.absorbDigest(run.t, "main-root", proof.tables[i].mainRoot);
        }
        run.challenges = drawMany(run.t, "aux-challenge", set.numChallenges);
        for (uint256 i = 0; i < n; i++) {
            if (set.tables[i].auxWidth > 0) {
                CometTranscript.absorbDigest(run.t, "aux-root", proof.tables[i].auxRoot);
            }
        }
        if (!logUpTotalsCancel(set, proof)) {
            return false;
        }
        for (uint256 i = 0; i < n; i++) {
            if (set.tables[i].hasLogUpSum) {
                CometTranscript.absorbLongs(run.t, "logup-sum", longs(proof.tables[i].logUpSum));
            }
        }
        uint256[][] memory alphas = new uint256[][](n);
        for (uint256 i = 0; i < n; i++) {
            alphas[i] = drawMany(run.t, "constraint-alpha", set.tables[i].numConstraints);
        }
        for (uint256 i = 0; i < n; i++) {
            CometTranscript.absorbDigest(run.t, "composition-root", proof.tables[i].compositionRoot);
        }
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
            absorbOod(run.t, proof.tables[i].ood, air.frameRows * air.mainWidth, air.frameRows * air.auxWidth);
        }
        for (uint256 i = 0; i < n; i++) {
            if (!oodConstraintsHold(set.tables[i], proof.tables[i], tableRun(run, set.tables[i], alphas[i], new uint256[](0)))) {
                return false;
            }
        }
        uint256[][] memory gammas = new uint256[][](n);
        for (uint256 i = 0; i < n; i++) {
            Air memory air = set.tables[i];
            gammas[i] = drawMany(run.t, "deep-gamma", air.mainWidth + air.auxWidth + air.compositionColumns);
        }
        uint256[][] memory betas = CometFri.readCommitments(run.t, proof.fri, set.fri);
        Air memory first = set.tables[0];
        if (!CometTranscript.acceptProofOfWork(run.t, proof.powNonce, uint32(first.grindingBits))) {
            return false;
        }
        uint256 logTop = set.maxLogLength + first.logBlowup;
        uint256[] memory positions = CometFri.uniqueSortedMod(
            CometTranscript.drawIndices(run.t, "query-positions", uint32(first.numQueries), uint32(1 << logTop)), 1 << logTop);
        return queries(set, proof, run, gammas, positions, betas);
    }

    /// Each table's DEEP quotient at its own domain's positions, joining FRI at that domain.
    function queries(Set memory set, SetProof memory proof, Run memory run, uint256[][] memory gammas,
                     uint256[] memory positions, uint256[][] memory betas) private view returns (bool) {
        uint256 n = set.tables.length;
        uint256[] memory joinLogs = new uint256[](n);
        uint256[][][] memory joinValues = new uint256[][][](n);
        for (uint256 i = 0; i < n; i++) {
            joinLogs[i] = set.tables[i].logLength + set.tables[i].logBlowup;
            bool ok;
            (ok, joinValues[i]) = tableDeep(set, proof, run, gammas[i], positions, i);
            if (!ok) {
                return false;
            }
        }
        return CometFri.verifyQueries(proof.fri, set.fri, GENERATOR, positions, joinLogs, joinValues, betas);
    }

    /// Table i's DEEP quotient at the distinct positions of its own domain.
    function tableDeep(Set memory set, SetProof memory proof, Run memory run, uint256[] memory gammas,
                       uint256[] memory positions, uint256 i) private view returns (bool, uint256[][] memory) {
        Air memory air = set.tables[i];
        return CometDeep.deepValues(CometDeep.Shape(air.logLength, air.logBlowup, air.mainWidth, air.auxWidth,
            air.compositionColumns, air.frameRows, air.shift), proof.tables[i], CometDeep.Challenges(run.z, gammas),
            CometFri.uniqueSortedMod(positions, 1 << (air.logLength + air.logBlowup)));
    }

    /// One table's view of the run: its own challenges (the first it uses), alphas and gammas.
    function tableRun(Run memory run, Air memory air, uint256[] memory alphas, uint256[] memory gammas)
        private pure returns (Run memory r)
    {
        r.t = run.t;
        r.z = run.z;
        r.alphas = alphas;
        r.gammas = gammas;
        r.challenges = new uint256[](DEGREE * air.numChallenges);
        for (uint256 i = 0; i < r.challenges.length; i++) {
            r.challenges[i] = run.challenges[i];
        }
    }

    /// The stated LogUp totals of the tables that state one cancel (no table has a public total here).
    function logUpTotalsCancel(Set memory set, SetProof memory proof) private pure returns (bool) {
        uint256 t0;
        uint256 t1;
        for (uint256 i = 0; i < set.tables.length; i++) {
            if (set.tables[i].hasLogUpSum) {
                t0 = addmod(t0, proof.tables[i].logUpSum[0], P);
                t1 = addmod(t1, proof.tables[i].logUpSum[1], P);
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

    /// y^(2^k) by k squarings.
    function power(uint256[] memory y, uint256 k) private pure returns (uint256[] memory r) {
        r = y;
        for (uint256 i = 0; i < k; i++) {
            r = CometField.mul(r, r);
        }
    }

    /// The proof's sections have the AIR's sizes: the frame, the LogUp total, the auxiliary parts.
    function shaped(Air memory air, Proof memory proof) private pure returns (bool) {
        return proof.ood.length == DEGREE * (air.frameRows * (air.mainWidth + air.auxWidth) + air.compositionColumns)
            && proof.logUpSum.length == (air.hasLogUpSum ? DEGREE : 0)
            && (air.auxWidth > 0 || (proof.auxValues.length == 0 && proof.auxSiblings.length == 0));
    }



    /// Every field element of the proof below p, as the Java decoder requires.
    function canonical(Proof memory proof) private pure returns (bool) {
        for (uint256 i = 0; i < proof.ood.length; i++) {
            if (proof.ood[i] >= P) {
                return false;
            }
        }
        for (uint256 i = 0; i < proof.logUpSum.length; i++) {
            if (proof.logUpSum[i] >= P) {
                return false;
            }
        }
        return below(proof.mainValues) && below(proof.auxValues) && below(proof.compositionValues)
            && below(proof.fri.values) && below(proof.fri.remainder);
    }

    function below(uint64[] memory values) private pure returns (bool) {
        for (uint256 i = 0; i < values.length; i++) {
            if (values[i] >= P) {
                return false;
            }
        }
        return true;
    }

    /// ProtocolTranscript.start: options, the set's name, and each table's name, shape and public inputs.
    function openTranscript(CometTranscript.T memory t, Set memory set, bytes[] memory publicInputs) private pure {
        CometTranscript.absorb(t, "options", set.tables[0].options);
        CometTranscript.absorb(t, "table-set", bytes(set.name));
        CometTranscript.absorb(t, "tables", abi.encodePacked(uint32(set.tables.length)));
        for (uint256 i = 0; i < set.tables.length; i++) {
            CometTranscript.absorb(t, "air", bytes(set.tables[i].name));
            CometTranscript.absorb(t, "trace", set.tables[i].trace);
            CometTranscript.absorb(t, "public-inputs", publicInputs[i]);
        }
    }

    /// ProtocolTranscript.absorbOod: the main frame's values, the auxiliary frame's, then the composition columns'.
    function absorbOod(CometTranscript.T memory t, uint256[] memory ood, uint256 mainValues, uint256 auxValues)
        private pure
    {
        for (uint256 i = 0; i < ood.length / DEGREE; i++) {
            uint64[] memory v = new uint64[](DEGREE);
            v[0] = uint64(ood[DEGREE * i]);
            v[1] = uint64(ood[DEGREE * i + 1]);
            CometTranscript.absorbLongs(t, i < mainValues ? "ood-main" : i < mainValues + auxValues ? "ood-aux"
                : "ood-composition", v);
        }
    }

    function draw(CometTranscript.T memory t, string memory label) private view returns (uint256[] memory e) {
        uint64[] memory d = CometTranscript.drawExtension(t, label, uint32(DEGREE));
        e = new uint256[](DEGREE);
        e[0] = d[0];
        e[1] = d[1];
    }

    /// count extension challenges, 2 words each, one after the other.
    function drawMany(CometTranscript.T memory t, string memory label, uint256 count) private view
        returns (uint256[] memory out)
    {
        out = new uint256[](DEGREE * count);
        for (uint256 i = 0; i < count; i++) {
            uint64[] memory d = CometTranscript.drawExtension(t, label, uint32(DEGREE));
            out[DEGREE * i] = d[0];
            out[DEGREE * i + 1] = d[1];
        }
    }

    /// The generated library's sum_c alpha_c C_c(z) / Z_c(z) against sum_j H_j(z) z^(n j).
    function oodConstraintsHold(Air memory air, Proof memory proof, Run memory run) private view returns (bool) {
        uint256[] memory periodicValues = air.periodic(run.z);
        // the library's layout: z, main and auxiliary frame, (no precommitted values), the periodic
        // values, the challenges, the LogUp total, the alphas
        uint256 frameWords = DEGREE * air.frameRows * (air.mainWidth + air.auxWidth);
        uint256[] memory input = new uint256[](DEGREE + frameWords + periodicValues.length + run.challenges.length
            + DEGREE + run.alphas.length);
        input[0] = run.z[0];
        input[1] = run.z[1];
        uint256 at = DEGREE;
        for (uint256 i = 0; i < frameWords; i++) {
            input[at++] = proof.ood[i];
        }
        for (uint256 i = 0; i < periodicValues.length; i++) {
            input[at++] = periodicValues[i];
        }
        for (uint256 i = 0; i < run.challenges.length; i++) {
            input[at++] = run.challenges[i];
        }
        if (air.hasLogUpSum) { // the table's stated total, which its last row's constraint reads
            input[at] = proof.logUpSum[0];
            input[at + 1] = proof.logUpSum[1];
        }
        at += DEGREE;
        for (uint256 i = 0; i < run.alphas.length; i++) {
            input[at++] = run.alphas[i];
        }
        (uint256 e0, uint256 e1) = air.constraints(input);
        return compositionAtZ(air, proof, run.z, frameWords, e0, e1);
    }

    /// Whether sum_j H_j(z) z^(n j) is (e0, e1).
    function compositionAtZ(Air memory air, Proof memory proof, uint256[] memory z, uint256 frameWords, uint256 e0,
                            uint256 e1) private pure returns (bool) {
        uint256[] memory zn = z;
        for (uint256 i = 0; i < air.logLength; i++) {
            zn = CometField.mul(zn, zn);
        }
        uint256[] memory actual = CometField.zero(DEGREE);
        uint256[] memory power = CometField.zero(DEGREE);
        power[0] = 1;
        for (uint256 j = 0; j < air.compositionColumns; j++) {
            uint256[] memory h = new uint256[](DEGREE);
            h[0] = proof.ood[frameWords + DEGREE * j];
            h[1] = proof.ood[frameWords + DEGREE * j + 1];
            actual = CometField.add(actual, CometField.mul(power, h));
            power = CometField.mul(power, zn);
        }
        return actual[0] == e0 && actual[1] == e1;
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

/// The DEEP part of the verification, a library deployed once and linked (the 24 KB code limit):
/// a table's openings of its main, auxiliary and composition LDEs at the query positions of its
/// domain, and its DEEP quotient there.
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
    /// The DEEP quotient at each position, after checking the main and composition openings.
    function deepValues(Shape memory air, CometStark.Proof memory proof, Challenges memory run, uint256[] memory positions)
        public view returns (bool, uint256[][] memory values)
    {
        (bool ok, Rows memory rows) = openings(air, proof, positions);
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
    /// The rows at the positions of the main, auxiliary and composition LDEs, each opening checked.
    function openings(Shape memory air, CometStark.Proof memory proof, uint256[] memory positions)
        private view returns (bool, Rows memory rows)
    {
        uint256 logLde = air.logLength + air.logBlowup;
        bool okMain;
        bool okAux = true;
        bool okComp;
        (okMain, rows.main) = openedRows(proof.mainRoot, logLde, positions, proof.mainValues, proof.mainSiblings,
            air.mainWidth);
        if (air.auxWidth > 0) {
            (okAux, rows.aux) = openedRows(proof.auxRoot, logLde, positions, proof.auxValues, proof.auxSiblings,
                DEGREE * air.auxWidth);
        }
        (okComp, rows.composition) = openedRows(proof.compositionRoot, logLde, positions, proof.compositionValues,
            proof.compositionSiblings, DEGREE * air.compositionColumns);
        return (okMain && okAux && okComp, rows);
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
        for (uint256 c = 0; c < count; c++) {
            uint256 v = rows[from + c];
            s0 = addmod(s0, mulmod(gammas[DEGREE * c], v, P), P);
            s1 = addmod(s1, mulmod(gammas[DEGREE * c + 1], v, P), P);
        }
    }
    /// sum_j gamma_(first + j) E_j for extension columns E_j = (e0, e1) of a row (gamma t = (7 g1, g0)).
    function combineExtension(uint256[] memory gammas, uint256 first, uint64[] memory rows, uint256 from,
                              uint256 count) private pure returns (uint256 s0, uint256 s1) {
        for (uint256 j = 0; j < count; j++) {
            uint256 g0 = gammas[DEGREE * (first + j)];
            uint256 g1 = gammas[DEGREE * (first + j) + 1];
            uint256 e0 = rows[from + DEGREE * j];
            uint256 e1 = rows[from + DEGREE * j + 1];
            s0 = addmod(s0, addmod(mulmod(g0, e0, P), mulmod(7, mulmod(g1, e1, P), P), P), P);
            s1 = addmod(s1, addmod(mulmod(g1, e0, P), mulmod(g0, e1, P), P), P);
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
    function deepConstants(Shape memory air, CometStark.Proof memory proof, Challenges memory run)
        private pure returns (uint256[][] memory constants)
    {
        uint256 traceColumns = air.mainWidth + air.auxWidth;
        constants = new uint256[][](air.frameRows);
        for (uint256 o = 0; o < air.frameRows; o++) {
            uint256[] memory acc = CometField.zero(DEGREE);
            for (uint256 c = 0; c < traceColumns; c++) {
                // main frame rows first, then the auxiliary frame's
                uint256 at = c < air.mainWidth ? DEGREE * (o * air.mainWidth + c)
                    : DEGREE * (air.frameRows * air.mainWidth + o * air.auxWidth + (c - air.mainWidth));
                acc = CometField.add(acc, CometField.mul(gamma(run, c), pair(proof.ood, at)));
            }
            constants[o] = acc;
        }
        uint256 frameWords = DEGREE * air.frameRows * traceColumns;
        for (uint256 j = 0; j < air.compositionColumns; j++) {
            constants[0] = CometField.add(constants[0],
                CometField.mul(gamma(run, traceColumns + j), pair(proof.ood, frameWords + DEGREE * j)));
        }
    }
    function pair(uint256[] memory words, uint256 at) private pure returns (uint256[] memory e) {
        e = new uint256[](DEGREE);
        e[0] = words[at];
        e[1] = words[at + 1];
    }
    function gamma(Challenges memory run, uint256 i) private pure returns (uint256[] memory e) {
        e = new uint256[](DEGREE);
        e[0] = run.gammas[DEGREE * i];
        e[1] = run.gammas[DEGREE * i + 1];
    }
    /// The rows at the ascending, distinct positions of an LDE committed r rows to a leaf
    /// (MerkleTree.rowsPerLeaf(width)), after checking the opening: every row of each leaf holding a
    /// position, in leaf order.
    function openedRows(bytes32 root, uint256 logLde, uint256[] memory positions, uint64[] memory values,
                        bytes32[] memory siblings, uint256 width) private view returns (bool, uint64[] memory rows) {
        uint256 r = rowsPerLeaf(width);
        uint256[] memory leaves = CometFri.uniqueSortedMod(divide(positions, r), type(uint256).max);
        uint256 leafWidth = r * width;
        if (values.length != leaves.length * leafWidth) {
            return (false, rows);
        }
        bytes32[] memory digests = new bytes32[](leaves.length);
        for (uint256 i = 0; i < leaves.length; i++) {
            digests[i] = CometMerkle.leafDigest(values, i * leafWidth, leafWidth);
        }
        if (!CometMerkle.verify(root, logLde - log2(r), leaves, digests, siblings)) {
            return (false, rows);
        }
        rows = new uint64[](positions.length * width);
        uint256 leaf = 0;
        for (uint256 q = 0; q < positions.length; q++) {
            while (leaves[leaf] != positions[q] / r) {
                leaf++;
            }
            uint256 from = leaf * leafWidth + (positions[q] % r) * width;
            for (uint256 c = 0; c < width; c++) {
                rows[q * width + c] = values[from + c];
            }
        }
        return (true, rows);
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
    function divide(uint256[] memory a, uint256 r) private pure returns (uint256[] memory out) {
        out = new uint256[](a.length);
        for (uint256 i = 0; i < a.length; i++) {
            out[i] = a[i] / r;
        }
    }
    function log2(uint256 k) private pure returns (uint256 l) {
        while ((1 << l) < k) {
            l++;
        }
    }}

/// A proof from calldata: w = [T, then per table: nOod, ood, nLogUp, LogUp total, nMain, main
/// values, nMainSiblings, nAux, aux values, nAuxSiblings, nComposition, composition values,
/// nCompositionSiblings, nAuxRoots (0 or 1); then FRI: L, valueStarts (L + 1), values,
/// siblingStarts (L + 1), remainder bound, remainder (2 * bound); then the nonce]; digests = [per
/// table: main root, aux root if any, composition root, main, aux and composition siblings; then
/// FRI's roots (L) and siblings]. Counts are checked against the lengths; a malformed proof reverts.
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
        p.tables = new CometStark.Proof[](n);
        uint256[] memory siblingCounts = new uint256[](3 * n);
        bool[] memory auxRoots = new bool[](n);
        for (uint256 i = 0; i < n; i++) {
            CometStark.Proof memory t = p.tables[i];
            t.ood = words(w, c, w[c.w++]);
            t.logUpSum = words(w, c, w[c.w++]);
            t.mainValues = longs(w, c, w[c.w++]);
            siblingCounts[3 * i] = w[c.w++];
            t.auxValues = longs(w, c, w[c.w++]);
            siblingCounts[3 * i + 1] = w[c.w++];
            t.compositionValues = longs(w, c, w[c.w++]);
            siblingCounts[3 * i + 2] = w[c.w++];
            uint256 aux = w[c.w++];
            require(aux <= 1, "aux roots");
            auxRoots[i] = aux == 1;
        }
        uint256 layers = w[c.w++];
        p.fri.valueStarts = words(w, c, layers + 1);
        p.fri.values = longs(w, c, p.fri.valueStarts[layers]);
        p.fri.siblingStarts = words(w, c, layers + 1);
        p.fri.remainder = longs(w, c, 2 * w[c.w++]);
        p.powNonce = uint64(w[c.w++]);
        require(p.powNonce == w[c.w - 1] && c.w == w.length, "words");
        for (uint256 i = 0; i < n; i++) {
            CometStark.Proof memory t = p.tables[i];
            t.mainRoot = digests[c.d++];
            if (auxRoots[i]) {
                t.auxRoot = digests[c.d++];
            }
            t.compositionRoot = digests[c.d++];
            t.mainSiblings = digestsOf(digests, c, siblingCounts[3 * i]);
            t.auxSiblings = digestsOf(digests, c, siblingCounts[3 * i + 1]);
            t.compositionSiblings = digestsOf(digests, c, siblingCounts[3 * i + 2]);
        }
        p.fri.roots = digestsOf(digests, c, layers);
        p.fri.siblings = digestsOf(digests, c, p.fri.siblingStarts[layers]);
        require(c.d == digests.length, "digests");
    }

    function words(uint256[] calldata w, Cursor memory c, uint256 n) private pure returns (uint256[] memory out) {
        out = new uint256[](n);
        for (uint256 i = 0; i < n; i++) {
            out[i] = w[c.w++];
        }
    }

    /// n words that must fit 64 bits (the field check comes later, in the verifier).
    function longs(uint256[] calldata w, Cursor memory c, uint256 n) private pure returns (uint64[] memory out) {
        out = new uint64[](n);
        for (uint256 i = 0; i < n; i++) {
            uint256 v = w[c.w++];
            require(v >> 64 == 0, "word");
            out[i] = uint64(v);
        }
    }

    function digestsOf(bytes32[] calldata digests, Cursor memory c, uint256 n) private pure returns (bytes32[] memory out) {
        out = new bytes32[](n);
        for (uint256 i = 0; i < n; i++) {
            out[i] = digests[c.d++];
        }
    }
}
