package dev.comet.evm;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the commitment rounds' parts lie in a proof's calldata (StarkCalldata's layout), so that
 * mutation tests can aim at them: the words of every table's opened rows of the main, auxiliary
 * and composition rounds, and the digests that are the rounds' siblings.
 *
 * @param roundValueWords   indices of the words packing the tables' rows of the three rounds
 * @param firstComposition  index of the first table's first composition word (-1 if it opens none)
 * @param firstRoundSibling index of the first round sibling in the digests
 * @param roundSiblings     how many digests are the rounds' siblings
 */
record CalldataSections(List<Integer> roundValueWords, int firstComposition, int firstRoundSibling,
                        int roundSiblings) {
    /** Words before the first table's section: T, the auxiliary-root flag, the rounds' sibling counts. */
    static final int SET_WORDS = 5;

    static CalldataSections of(ProofCalldata c) {
        List<BigInteger> w = c.words();
        int tables = w.get(0).intValueExact();
        boolean aux = w.get(1).intValueExact() == 1;
        int siblings = w.get(2).intValueExact() + w.get(3).intValueExact() + w.get(4).intValueExact();
        List<Integer> values = new ArrayList<>();
        int firstComposition = -1;
        int at = SET_WORDS;
        for (int t = 0; t < tables; t++) {
            at = skipCounted(w, at); // ood
            at = skipCounted(w, at); // LogUp total
            for (int round = 0; round < 3; round++) {
                int words = packedWords(w.get(at).intValueExact());
                for (int k = 0; k < words; k++) {
                    values.add(at + 1 + k);
                }
                if (t == 0 && round == 2 && words > 0) {
                    firstComposition = at + 1;
                }
                at += 1 + words;
            }
            at = skipCounted(w, at) + 1; // segment values, then its sibling count
            at = skipFri(w, at);
        }
        return new CalldataSections(values, firstComposition, aux ? 3 : 2, siblings);
    }

    private static int skipCounted(List<BigInteger> w, int at) {
        return at + 1 + packedWords(w.get(at).intValueExact());
    }

    /** Past a FRI section: L, valueStarts (L + 1), values, siblingStarts (L + 1), bound, remainder (2 bound). */
    private static int skipFri(List<BigInteger> w, int at) {
        int layers = w.get(at).intValueExact();
        at += 1;
        int values = w.get(at + layers).intValueExact();
        at += layers + 1 + packedWords(values);
        at += layers + 1;
        int bound = w.get(at).intValueExact();
        return at + 1 + packedWords(2 * bound);
    }

    private static int packedWords(int elements) {
        return (elements + 3) / 4;
    }
}
