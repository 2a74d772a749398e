package dev.comet.proof;

import dev.comet.field.Goldilocks;
import dev.comet.hash.HashFunction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The security of a proof as four figures, each the minimum of named terms (bits: the soundness
 * error of that step is at most {@code 2^-bits}), each with the formula that produced it.
 *
 * <ul>
 *   <li><b>conjectured</b> (DESIGN.md §3, ethSTARK conjecture): {@code field bits - 1},
 *       {@code queries * log2(blowup) + grinding}, the hash's collision bits, and the terms that
 *       formula leaves out: LogUp, out-of-domain sampling (DEEP) and dataset binding.</li>
 *   <li><b>conjectured, strict</b>: the same with the field term {@code field bits - log2(LDE
 *       size)} (Winterfell's variant of ethSTARK's Eq. 19).</li>
 *   <li><b>proven, list decoding</b> up to the Johnson bound (ethSTARK's proven regime, BCIKS20;
 *       Theorem 2 of eprint 2024/1553, which builds on eprint 2022/1216 Theorem 8), with the
 *       proximity parameter {@code m} chosen to maximise the figure.</li>
 *   <li><b>proven, unique decoding</b> (Theorem 3 of eprint 2024/1553).</li>
 * </ul>
 * The proven figure is the larger of the two proven regimes: both are proofs.
 *
 * <p><b>Dataset binding.</b> A precommitted segment is opened at {@code dataQueries} uniformly
 * random points of its own LDE domain (rate {@code rho = 1/16}) and checked with its own DEEP
 * quotient and FRI. That FRI bounds the quotient's degree below {@code h}, so the table is read
 * as a polynomial of degree at most {@code h}; two such polynomials with different values on the
 * data rows agree on at most {@code h} points, a {@code rho} fraction of that domain, so whatever
 * word was committed, any dataset other than its closest one agrees with
 * it on at most {@code (1 + rho) / 2} of the points; a proof about such a dataset survives each
 * opening with at most that probability, and the term is
 * {@code dataQueries * log2(2 / (1 + rho)) + grinding} (about 0.91 bits per opening). This is a
 * unique-decoding argument and enters every figure unchanged.
 *
 * <p><b>LogUp.</b> With {@code T} fractions in all over all tables, a false lookup makes the two
 * sides different rational functions whose cleared difference has degree below {@code T} in the
 * challenge: {@code log2 |F| - log2(T)} (times the list size in the list-decoding regime). The
 * DEEP term likewise sums the tables' degree bounds (a union bound over tables).
 */
public record SecurityReport(Figure conjectured, Figure conjecturedStrict, Figure provenListDecoding,
                             Figure provenUniqueDecoding) {
    public static final String CONJECTURED_FORMULA = "ethSTARK conjectured: min(field bits - 1, queries * log2(blowup)"
            + " + grinding, hash collision bits, LogUp, out-of-domain, dataset binding)";
    public static final String STRICT_FORMULA = "ethSTARK conjectured, strict: min(field bits - log2(LDE size),"
            + " queries * log2(blowup) + grinding, hash collision bits, LogUp, out-of-domain, dataset binding)";
    public static final String LIST_DECODING_FORMULA = "proven, list decoding to the Johnson bound (eprint 2024/1553"
            + " Thm 2): min(ALI, DEEP, FRI commit, FRI queries, hash, LogUp, dataset binding), best m";
    public static final String UNIQUE_DECODING_FORMULA = "proven, unique decoding (eprint 2024/1553 Thm 3):"
            + " min(ALI, DEEP, FRI commit, FRI layers, FRI queries, hash, LogUp, dataset binding)";

    /** Rate of a precommitted segment's LDE ({@link Precommitment#LOG_BLOWUP}). */
    private static final double DATA_RATE = 1.0 / (1 << Precommitment.LOG_BLOWUP);
    private static final int MAX_PROXIMITY_PARAMETER = 1000;
    private static final double LOG2_P = log2((double) (Goldilocks.P >>> 1) * 2 + 1);

    /** One named step of the protocol and its security in bits. */
    public record Term(String name, double bits) {}

    /**
     * A security figure: the minimum of its terms, rounded down.
     *
     * @param key      a stable identifier ({@code conjectured}, {@code conjectured_strict},
     *                 {@code proven_list_decoding}, {@code proven_unique_decoding})
     * @param label    a name for people, with the parameters chosen
     * @param termList the terms, each the security of one step of the protocol
     */
    public record Figure(String key, String label, String formula, List<Term> termList) {
        public Figure {
            termList = List.copyOf(termList);
        }

        public int bits() {
            double min = termList.stream().mapToDouble(Term::bits).min().orElse(0);
            return (int) Math.max(0, Math.floor(min));
        }

        /** The term that sets the figure. */
        public Term weakest() {
            return termList.stream().min(Comparator.comparingDouble(Term::bits)).orElseThrow();
        }

        /** {@code min(name bits, ...)}, each term rounded down. */
        public String terms() {
            StringBuilder sb = new StringBuilder("min(");
            for (int i = 0; i < termList.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(termList.get(i).name()).append(' ')
                        .append((int) Math.floor(termList.get(i).bits()));
            }
            return sb.append(')').toString();
        }

        @Override
        public String toString() {
            return bits() + " bits (" + formula + " = " + terms() + ")";
        }
    }

    /**
     * The protocol's numbers, in the form the papers use them; {@code fieldBits} is
     * {@code log2 |F_ext|} and {@code openings} the number of out-of-domain points per trace
     * polynomial. With several tables, {@code logTraceLength} is the largest table's and
     * {@code logMinLength} the smallest's: every term takes whichever is worse for it (the FRI
     * proves every table's quotient on its own domain), and {@code tables} enters a union bound.
     */
    record Parameters(double fieldBits, int logTraceLength, int logMinLength, int tables, int logBlowup, int queries,
                      int grinding, int foldingFactor, int remainderSize, double deepDegree, int openings,
                      double lookupFractions, int logDataHeight, int dataQueries, int hashBits) {
        /** One table of {@code 2^logTraceLength} rows. */
        Parameters(double fieldBits, int logTraceLength, int logBlowup, int queries, int grinding, int foldingFactor,
                   int remainderSize, double deepDegree, int openings, double lookupFractions, int logDataHeight,
                   int dataQueries, int hashBits) {
            this(fieldBits, logTraceLength, logTraceLength, 1, logBlowup, queries, grinding, foldingFactor, remainderSize,
                    deepDegree, openings, lookupFractions, logDataHeight, dataQueries, hashBits);
        }
    }

    public static SecurityReport of(ProofOptions options, AirShape shape) {
        return of(new Parameters(options.extensionDegree() * LOG2_P, shape.logTraceLength(), shape.minLogTraceLength(),
                shape.tables(), options.logBlowup(), options.numQueries(), options.grindingBits(), options.foldingFactor(),
                options.remainderSize(), shape.deepDegree(), shape.openings(), shape.lookupFractions(),
                shape.logPrecommittedHeight(), options.dataQueries(),
                HashFunction.DIGEST_BYTES * 8 / 2));
    }

    static SecurityReport of(Parameters p) {
        return new SecurityReport(conjectured(p, false), conjectured(p, true), listDecoding(p), uniqueDecoding(p));
    }

    /** The conjectured figure, which the verifier's minimum applies to. */
    public int bits() {
        return conjectured.bits();
    }

    /** The better of the two proven regimes. */
    public Figure proven() {
        return provenListDecoding.bits() >= provenUniqueDecoding.bits() ? provenListDecoding : provenUniqueDecoding;
    }

    public List<Figure> figures() {
        return List.of(conjectured, conjecturedStrict, provenListDecoding, provenUniqueDecoding);
    }

    private static Figure conjectured(Parameters p, boolean strict) {
        List<Term> terms = new ArrayList<>();
        int fieldBits = (int) Math.floor(p.fieldBits());
        terms.add(strict ? new Term("field - log2(LDE size)", fieldBits - (p.logTraceLength() + p.logBlowup()))
                : new Term("field - 1", fieldBits - 1));
        terms.add(new Term("queries", (double) p.queries() * p.logBlowup() + p.grinding()));
        terms.add(new Term("hash", p.hashBits()));
        addLookup(terms, p, 1);
        terms.add(new Term("out-of-domain", p.fieldBits() - log2(p.deepDegree())));
        addBinding(terms, p);
        return strict ? new Figure("conjectured_strict", "conjectured (strict)", STRICT_FORMULA, terms)
                : new Figure("conjectured", "conjectured", CONJECTURED_FORMULA, terms);
    }

    private static Figure listDecoding(Parameters p) {
        Figure best = null;
        int mMax = upperProximityParameter(1 << p.logMinLength());
        for (int m = 3; m < mMax; m++) {
            Figure f = listDecoding(p, m);
            if (best == null || f.bits() > best.bits()) {
                best = f;
            }
        }
        return best == null ? listDecoding(p, 3) : best;
    }

    /**
     * eprint 2024/1553 Theorem 2 for a fixed proximity parameter {@code m}; the list size is the
     * smallest table's (the largest), the commit-phase error the largest domain's.
     */
    private static Figure listDecoding(Parameters p, int m) {
        double rho = 1.0 / (1 << p.logBlowup());
        double ldeSize = Math.scalb(1.0, p.logTraceLength() + p.logBlowup());
        double smallestLde = Math.scalb(1.0, p.logMinLength() + p.logBlowup());
        double listSize = m / (rho - 2.0 * m / smallestLde);
        double alpha = (1 + 0.5 / m) * Math.sqrt(rho);
        List<Term> terms = new ArrayList<>();
        terms.add(new Term("ALI", p.fieldBits() - log2(listSize * p.tables())));
        terms.add(new Term("DEEP", p.fieldBits() - log2(listSize * listSize * p.deepDegree())));
        terms.add(new Term("FRI commit", p.fieldBits()
                - log2(0.5 * Math.pow(m + 0.5, 7) / Math.pow(rho, 1.5) * ldeSize * ldeSize)));
        terms.add(new Term("FRI queries", p.grinding() - p.queries() * log2(alpha)));
        terms.add(new Term("hash", p.hashBits()));
        addLookup(terms, p, listSize);
        addBinding(terms, p);
        return new Figure("proven_list_decoding", "proven, Johnson m=" + m, LIST_DECODING_FORMULA, terms);
    }

    /** eprint 2024/1553 Theorem 3; {@code rho+} is the smallest table's (the largest). */
    private static Figure uniqueDecoding(Parameters p) {
        double n = Math.scalb(1.0, p.logMinLength());
        double ldeSize = Math.scalb(1.0, p.logTraceLength() + p.logBlowup());
        double rhoPlus = (n + p.openings()) / Math.scalb(1.0, p.logMinLength() + p.logBlowup());
        double alpha = (1 + rhoPlus) / 2;
        List<Term> terms = new ArrayList<>();
        terms.add(new Term("ALI", p.fieldBits() - log2(p.tables())));
        terms.add(new Term("DEEP", p.fieldBits() - log2(p.deepDegree())));
        terms.add(new Term("FRI commit", p.fieldBits() - log2(ldeSize)));
        terms.add(new Term("FRI layers", p.fieldBits() - log2((p.foldingFactor() - 1) * (ldeSize + 1))));
        terms.add(new Term("FRI queries", p.grinding() - p.queries() * log2(alpha)));
        terms.add(new Term("hash", p.hashBits()));
        addLookup(terms, p, 1);
        addBinding(terms, p);
        return new Figure("proven_unique_decoding", "proven, unique decoding", UNIQUE_DECODING_FORMULA, terms);
    }

    private static void addLookup(List<Term> terms, Parameters p, double listSize) {
        if (p.lookupFractions() > 0) {
            terms.add(new Term("LogUp", p.fieldBits() - log2(listSize * p.lookupFractions())));
        }
    }

    private static void addBinding(List<Term> terms, Parameters p) {
        if (p.logDataHeight() < 0) {
            return;
        }
        double openings = p.dataQueries() * log2(2 / (1 + DATA_RATE)) + p.grinding();
        // The segment's own DEEP and FRI on its LDE domain, in the unique-decoding regime.
        double dataLde = Math.scalb(1.0, p.logDataHeight() + Precommitment.LOG_BLOWUP);
        double commit = p.fieldBits() - log2((Precommitment.FRI.foldingFactor() - 1) * (dataLde + 1));
        terms.add(new Term("dataset binding", Math.min(openings, commit)));
    }

    /** Largest proximity parameter for which the slack of eprint 2024/1553 Theorem 2 is positive, capped. */
    private static int upperProximityParameter(int traceLength) {
        double ratio = (traceLength + 2.0) / traceLength;
        double mMax = Math.ceil(1 / (2 * (Math.sqrt(ratio) - 1)));
        return (int) Math.min(mMax, MAX_PROXIMITY_PARAMETER);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** The conjectured figure with its formula, for one-line messages. */
    @Override
    public String toString() {
        return conjectured.toString();
    }
}
